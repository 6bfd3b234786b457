// winnow decontaminate: drop (or mark) training records that share a word n-gram with an
// evaluation set, naming the eval item each one matches.

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/dedup/decontamination.h"
#include "winnow/dedup/fingerprint_step.h"
#include "winnow/record/json_builder.h"
#include "winnow/stats/report_format.h"

namespace winnow::cli {
namespace {

struct DecontaminateFlags {
  InputFlags input;
  OutputFlags output;
  std::vector<std::string> against;
  std::vector<std::string> fields = {"text"};
  std::vector<std::string> eval_fields;  // default: --field
  std::string part = "all";
  std::string eval_id_field = "id";
  std::string normalize = "minhash";
  size_t ngram = 13;
  size_t min_matches = 1;
  bool annotate = false;
  std::string report_path;
};

Result<DedupKey> KeyFor(const std::vector<std::string>& fields, const std::string& part,
                        TextNormalization normalization) {
  DedupKeyOptions options;
  options.fields = fields;
  options.normalization = normalization;
  WINNOW_ASSIGN_OR_RETURN(options.part, ParseConversationPart(part));
  return DedupKey::Create(options);
}

Status BuildIndex(const DecontaminateFlags& flags, EvalIndex* index) {
  WINNOW_ASSIGN_OR_RETURN(
      DedupKey key, KeyFor(flags.eval_fields.empty() ? flags.fields : flags.eval_fields, flags.part,
                           index->normalization()));
  std::optional<FieldPath> id_field;
  if (!flags.eval_id_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(auto path, FieldPath::Parse(flags.eval_id_field));
    id_field = std::move(path);
  }
  auto fs = NewLocalFileSystem();
  return BuildEvalIndex(*fs, flags.against, key, id_field, index);
}

std::string ReportText(const DecontaminateFlags& flags, const EvalIndex& index,
                       const ContaminationCounts& counts) {
  std::string out = fmt::format(
      "winnow decontaminate: {}-grams, normalize={}; eval: {} items, {} distinct n-grams\n",
      flags.ngram, flags.normalize, FormatCount(index.items().size()),
      FormatCount(index.ngram_count()));
  if (index.too_short() > 0) {
    out += fmt::format(
        "  {} eval items have fewer than {} words and cannot match (lower --ngram "
        "to check them)\n",
        FormatCount(index.too_short()), flags.ngram);
  }
  uint64_t items_hit = 0;
  for (uint64_t count : counts.records_per_item) items_hit += count > 0 ? 1 : 0;
  out += fmt::format("  checked {}   contaminated {} ({})   eval items hit {}\n",
                     FormatCount(counts.checked), FormatCount(counts.contaminated),
                     FormatPercent(counts.contaminated, counts.checked), FormatCount(items_hit));
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < counts.records_per_item.size(); ++i) {
    if (counts.records_per_item[i] > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return counts.records_per_item[a] > counts.records_per_item[b];
  });
  for (size_t i = 0; i < order.size() && i < 10; ++i) {
    const EvalItem& item = index.items()[order[i]];
    out += fmt::format("    {} training records match eval item {} ({})\n",
                       FormatCount(counts.records_per_item[order[i]]), item.id, item.source);
  }
  return out;
}

std::string ReportJson(const DecontaminateFlags& flags, const EvalIndex& index,
                       const ContaminationCounts& counts) {
  JsonBuilder json;
  json.BeginObject()
      .Key("ngram")
      .Int(static_cast<int64_t>(flags.ngram))
      .Field("normalize", flags.normalize)
      .Key("eval_items")
      .Int(static_cast<int64_t>(index.items().size()))
      .Key("eval_items_too_short")
      .Int(static_cast<int64_t>(index.too_short()))
      .Key("checked")
      .Int(static_cast<int64_t>(counts.checked))
      .Key("contaminated")
      .Int(static_cast<int64_t>(counts.contaminated))
      .Key("eval_items_hit")
      .BeginArray();
  for (uint32_t i = 0; i < counts.records_per_item.size(); ++i) {
    if (counts.records_per_item[i] == 0) continue;
    json.BeginObject()
        .Field("id", index.items()[i].id)
        .Field("source", index.items()[i].source)
        .Key("training_records")
        .Int(static_cast<int64_t>(counts.records_per_item[i]))
        .EndObject();
  }
  json.EndArray().EndObject();
  return json.Take() + "\n";
}

Status Run(const DecontaminateFlags& flags) {
  WINNOW_ASSIGN_OR_RETURN(TextNormalization normalization, ParseTextNormalization(flags.normalize));
  if (flags.ngram == 0) return Status::InvalidArgument("--ngram must be at least 1");
  EvalIndex index(flags.ngram, normalization);
  WINNOW_RETURN_IF_ERROR(BuildIndex(flags, &index));
  WINNOW_ASSIGN_OR_RETURN(DedupKey key, KeyFor(flags.fields, flags.part, normalization));
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "decontaminate"));
  DecontaminateOptions options;
  options.min_matches = flags.min_matches;
  options.annotate = flags.annotate;
  DecontaminateStep step(std::move(key), index, options);
  WINNOW_ASSIGN_OR_RETURN(auto result, RunToOutput(input, flags.output, {&step}));
  (void)result;
  const ContaminationCounts counts = step.Counts();
  if (!flags.input.quiet) {
    const std::string text = ReportText(flags, index, counts);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  if (!flags.report_path.empty()) {
    WINNOW_RETURN_IF_ERROR(
        WriteWholeFile(*input.fs, flags.report_path, ReportJson(flags, index, counts)));
  }
  return Status::OK();
}

}  // namespace

void AddDecontaminateCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<DecontaminateFlags>();
  CLI::App* command = app.add_subcommand(
      "decontaminate",
      "Drop (or mark) training records sharing a word n-gram with evaluation sets");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command->add_option("--against", flags->against, "Evaluation files (any input format)")
      ->required();
  command->add_option("--field", flags->fields, "Training text field(s)")->capture_default_str();
  command->add_option("--eval-field", flags->eval_fields,
                      "Eval text field(s), e.g. question and answer (default: --field)");
  command
      ->add_option("--eval-id-field", flags->eval_id_field,
                   "Field naming an eval item in reports (file:line when missing)")
      ->capture_default_str();
  command->add_option("--part", flags->part, "For conversations: all, prompt or response")
      ->check(CLI::IsMember({"all", "conversation", "prompt", "response"}))
      ->capture_default_str();
  command->add_option("--ngram", flags->ngram, "Words per n-gram")->capture_default_str();
  command->add_option("--normalize", flags->normalize, "raw, simple or minhash")
      ->capture_default_str();
  command
      ->add_option("--min-matches", flags->min_matches,
                   "Shared n-grams that make a record contaminated")
      ->capture_default_str();
  command->add_flag("--annotate", flags->annotate,
                    "Keep every record and add a \"contamination\" column (null when clean)");
  command->add_option("--report", flags->report_path, "Write a JSON report of eval items hit");
  command->callback([run, flags] {
    *run = [flags] {
      Status status = Run(*flags);
      return status.ok() ? kExitOk : ReportError(status);
    };
  });
}

}  // namespace winnow::cli
