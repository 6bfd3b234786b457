// winnow agreement: judge calibration. Compares an LLM judge's ratings (or A/B verdicts) with
// human ones on the same items: agreement, kappa, rank correlation, how humans changed the
// judge's ratings, and bias checks (length, position, cheap rules). docs/agreement.md.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "winnow/agreement/agreement_render.h"
#include "winnow/agreement/agreement_report.h"
#include "winnow/agreement/human_ratings.h"
#include "winnow/agreement/rating_collector.h"
#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"

namespace winnow::cli {
namespace {

struct AgreementFlags {
  InputFlags input;
  std::string judge;
  std::string human;
  std::string scale;
  std::string weights = "quadratic";
  std::string length_field;
  std::string length_unit = "chars";
  bool pairwise = false;
  std::string answer_a;
  std::string answer_b;
  std::string id_field;
  std::string human_file;
  std::string join_on;
  std::string report_path;
  std::string format = "text";
};

Result<std::optional<TextView>> OptionalView(const std::string& path) {
  if (path.empty()) return std::optional<TextView>();
  WINNOW_ASSIGN_OR_RETURN(TextView view, TextView::Parse(path));
  return std::optional<TextView>(std::move(view));
}

// Flags that only make sense together, checked before any input is read.
Status CheckCombinations(const AgreementFlags& flags) {
  if (flags.pairwise && !flags.scale.empty()) {
    return Status::InvalidArgument("--scale applies to numeric ratings, not to --pairwise");
  }
  if (flags.pairwise && !flags.length_field.empty()) {
    return Status::InvalidArgument(
        "--pairwise measures length with --answer-a and --answer-b, not --length-field");
  }
  if (flags.answer_a.empty() != flags.answer_b.empty()) {
    return Status::InvalidArgument("--answer-a and --answer-b go together");
  }
  if (!flags.answer_a.empty() && !flags.pairwise) {
    return Status::InvalidArgument("--answer-a and --answer-b need --pairwise");
  }
  if (!flags.human_file.empty() && flags.id_field.empty() && flags.join_on.empty()) {
    return Status::InvalidArgument("--human-file needs --id-field or --join-on to pair rows");
  }
  if (flags.human_file.empty() && !flags.join_on.empty()) {
    return Status::InvalidArgument("--join-on needs --human-file");
  }
  const std::string& report = flags.report_path;
  if (!report.empty() && !report.ends_with(".json") && !report.ends_with(".html")) {
    return Status::InvalidArgument("--report '" + report +
                                   "': the extension picks the format, .json or .html");
  }
  return Status::OK();
}

Result<RatingCollectOptions> CollectOptions(const AgreementFlags& flags) {
  RatingCollectOptions options;
  WINNOW_ASSIGN_OR_RETURN(FieldPath judge, FieldPath::Parse(flags.judge));
  WINNOW_ASSIGN_OR_RETURN(FieldPath human, FieldPath::Parse(flags.human));
  options.judge = RatingSource(std::move(judge), AnnotationSide::kSuggestion);
  options.human = RatingSource(std::move(human), AnnotationSide::kResponse);
  options.rules.pairwise = flags.pairwise;
  if (!flags.scale.empty()) {
    WINNOW_ASSIGN_OR_RETURN(options.rules.scale, ParseRatingScale(flags.scale));
  }
  // Joining needs an id on both sides; one flag names it on both when the files agree.
  const std::string& id = flags.id_field.empty() ? flags.join_on : flags.id_field;
  if (!id.empty()) {
    WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(id));
    options.id = std::move(path);
  }
  WINNOW_ASSIGN_OR_RETURN(options.length, OptionalView(flags.length_field));
  WINNOW_ASSIGN_OR_RETURN(options.answer_a, OptionalView(flags.answer_a));
  WINNOW_ASSIGN_OR_RETURN(options.answer_b, OptionalView(flags.answer_b));
  WINNOW_ASSIGN_OR_RETURN(options.length_unit, ParseLengthUnit(flags.length_unit));
  return options;
}

AgreementSettings SettingsOf(const AgreementFlags& flags, const RatingCollectOptions& options) {
  AgreementSettings settings;
  settings.inputs = flags.input.inputs;
  settings.judge_field = flags.judge;
  settings.human_field = flags.human;
  settings.pairwise = flags.pairwise;
  settings.scale = options.rules.scale;
  settings.weights = ParseKappaWeights(flags.weights).value_or(KappaWeights::kQuadratic);
  settings.length_field = flags.length_field;
  settings.answer_a = flags.answer_a;
  settings.answer_b = flags.answer_b;
  settings.length_unit = options.length_unit;
  settings.id_field = options.id ? options.id->text() : "";
  settings.human_file = flags.human_file;
  if (!flags.human_file.empty()) {
    settings.join_on = flags.join_on.empty() ? flags.id_field : flags.join_on;
  }
  return settings;
}

// Pass 1 with --human-file: its ratings by id.
Status ReadHumanFile(const AgreementFlags& flags, const RatingCollectOptions& options,
                     HumanRatingTable* table, CollectedRatings* collected) {
  InputFlags input = flags.input;
  input.inputs = {flags.human_file};
  input.input_format.clear();  // the human file has its own extension
  input.shard.clear();
  input.reject_path.clear();
  WINNOW_ASSIGN_OR_RETURN(OpenedInput opened, OpenInputs(input, "agreement: human ratings"));
  const std::string& join = flags.join_on.empty() ? flags.id_field : flags.join_on;
  WINNOW_ASSIGN_OR_RETURN(FieldPath join_on, FieldPath::Parse(join));
  HumanRatingsStep step(std::move(join_on), options.human, options.rules, table, collected);
  WINNOW_ASSIGN_OR_RETURN(RunResult result,
                          RunLinear(*opened.reader, {&step}, nullptr, nullptr, opened.run_options));
  return FinishInputs(opened, result);
}

Result<CollectedRatings> Collect(const AgreementFlags& flags, RatingCollectOptions options) {
  CollectedRatings collected;
  std::unique_ptr<HumanRatingTable> table;
  if (!flags.human_file.empty()) {
    table = std::make_unique<HumanRatingTable>();
    WINNOW_RETURN_IF_ERROR(ReadHumanFile(flags, options, table.get(), &collected));
  }
  WINNOW_ASSIGN_OR_RETURN(OpenedInput input, OpenInputs(flags.input, "agreement"));
  RatingCollectStep step(std::move(options), table.get(), &collected);
  WINNOW_ASSIGN_OR_RETURN(RunResult result, RunLinear(*input.reader, {&step}, nullptr,
                                                      input.rejects.get(), input.run_options));
  WINNOW_RETURN_IF_ERROR(FinishInputs(input, result));
  if (table) table->LogUnmatched(&collected.problems);
  return collected;
}

// The one-line error when no item has both ratings, with the first reason.
Status NothingToCompare(const CollectedRatings& collected) {
  std::string message = "no item has both a judge and a human rating (" +
                        std::to_string(collected.rows) + " rows read";
  if (collected.not_annotated > 0) {
    message += ", " + std::to_string(collected.not_annotated) + " without a human row";
  }
  if (!collected.problems.listed().empty()) {
    const RatingProblem& first = collected.problems.listed().front();
    message += "; first problem: " + first.where + ": " + first.kind + ": " + first.detail;
  }
  return Status::InvalidInput(message + ")");
}

int RunAgreement(const AgreementFlags& flags) {
  Status status = CheckCombinations(flags);
  if (!status.ok()) return ReportError(status);
  auto weights = ParseKappaWeights(flags.weights);
  if (!weights) return ReportError(weights.error());
  auto options = CollectOptions(flags);
  if (!options) return ReportError(options.error());
  AgreementSettings settings = SettingsOf(flags, *options);
  auto collected = Collect(flags, std::move(*options));
  if (!collected) return ReportError(collected.error());
  if (collected->items.empty()) return ReportError(NothingToCompare(*collected));
  const AgreementReport report = BuildAgreementReport(std::move(settings), std::move(*collected));
  if (!flags.report_path.empty()) {
    const bool html = flags.report_path.ends_with(".html");
    auto fs = NewLocalFileSystem();
    status = WriteWholeFile(*fs, flags.report_path,
                            html ? AgreementHtml(report) : AgreementJson(report));
    if (!status.ok()) return ReportError(status);
  }
  const std::string out = flags.format == "json" ? AgreementJson(report) : AgreementText(report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddAgreementCommand(CLI::App& app, CommandRun* run) {
  // shared_ptr: the flags must outlive this function and are reached from the run callback.
  auto flags = std::make_shared<AgreementFlags>();
  CLI::App* command = app.add_subcommand(
      "agreement",
      "Judge calibration: compare an LLM judge's ratings (or A/B verdicts) with human ones: "
      "agreement, Cohen's kappa, Spearman, human changes, length and position bias, cheap rules");
  AddInputFlags(command, &flags->input);
  command
      ->add_option("--judge", flags->judge,
                   "The judge's rating (a field path; in an annotation export, a question "
                   "name reads its suggestion)")
      ->required();
  command
      ->add_option("--human", flags->human,
                   "The human rating (a field path; in an annotation export, a question name "
                   "reads its submitted response)")
      ->required();
  command->add_option("--scale", flags->scale,
                      "The rating scale MIN-MAX (\"1-5\"): a rating outside it is an error; "
                      "kappa counts every step of it");
  command
      ->add_option("--weights", flags->weights,
                   "The headline kappa's weights: quadratic (default), linear or none; all "
                   "three are reported")
      ->check(CLI::IsMember({"quadratic", "linear", "none"}));
  command->add_option("--length-field", flags->length_field,
                      "The rated answer: check whether ratings rise with its length");
  command
      ->add_option("--length-unit", flags->length_unit,
                   "Length in chars (code points, default) or words (whitespace-separated)")
      ->check(CLI::IsMember({"chars", "words"}));
  command->add_flag("--pairwise", flags->pairwise,
                    "--judge and --human hold A/B/tie verdicts instead of numbers");
  command->add_option("--answer-a", flags->answer_a,
                      "Pairwise: the first answer (for the length checks and rules)");
  command->add_option("--answer-b", flags->answer_b, "Pairwise: the second answer");
  command->add_option("--id-field", flags->id_field,
                      "The items' id: names them in problem lists and joins with --human-file");
  command->add_option("--human-file", flags->human_file,
                      "Read the human ratings from this file (JSONL, CSV, an annotation export), "
                      "paired with the judge rows by id");
  command->add_option("--join-on", flags->join_on,
                      "The id field in --human-file (default: --id-field)");
  command->add_option("--report", flags->report_path,
                      "Also write the report to this .json or .html file (atomically)");
  command->add_option("--format", flags->format, "stdout: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  command->callback([flags, run] { *run = [flags] { return RunAgreement(*flags); }; });
}

}  // namespace winnow::cli
