// winnow convert: reshapes a dataset into the form a trainer expects (shared/specs/formats.md,
// "Conversions winnow provides"). --to and --from pick one conversion step from the step table;
// the step-specific flags below become that step's options, so a flag that does not apply to the
// chosen conversion is an error rather than silently ignored. Column edits (--rename, --select,
// --drop, --set) run after the conversion, or alone.

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/convert/columns_step.h"
#include "winnow/io/byte_stream.h"
#include "winnow/io/file_system.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow::cli {
namespace {

// Flags passed through as step options ("--margin 1" -> margin: 1).
struct PassThrough {
  const char* flag;
  const char* help;
};
constexpr PassThrough kPassThrough[] = {
    {"form", "conversational (message lists) or standard (strings)"},
    {"arguments", "Tool-call arguments as JSON 'string' (OpenAI API, default) or 'object' (TRL)"},
    {"field", "The input conversation column (default: conversations / messages)"},
    {"system", "System prompt for records without one (to messages)"},
    {"alpaca-separator", "Between an Alpaca instruction and its input (default: a blank line)"},
    {"keep-message-keys", "Keep extra message keys such as loss_weight (true/false)"},
    {"pairs", "kto/ratings -> preference: 'all' pairs or one per prompt ('one' / 'best-worst')"},
    {"seed", "Random seed for choices between equals (default 0)"},
    {"margin", "ratings -> preference: pair only ratings further apart than this (default 0)"},
    {"max-pairs", "kto/ratings -> preference: at most this many pairs per prompt (0: no limit)"},
    {"prompt", "The prompt column"},
    {"completions", "ratings: the column with the list of rated completions"},
    {"response", "ratings: the response field inside each completion; feedback: response column"},
    {"rating", "ratings: the score field (a path inside each completion, or a column)"},
    {"group-by", "ratings in long form: the column that groups rows of one prompt"},
    {"min-chosen-rating", "ratings: skip prompts whose best rating is below this"},
    {"emit-margin", "ratings -> preference: add a margin column (chosen - rejected rating)"},
    {"label-rule", "feedback -> kto: FIELD=VALUE:true|false, first match wins (repeatable, ';')"},
    {"gold", "spin: the column with the reference answer (chosen)"},
    {"generated", "spin: the column with the model's answer (rejected)"},
    {"template", "A Jinja2 prompt template file (classic dataset -> SFT); fields are variables"},
    {"completion-template", "A Jinja2 template file for the completion"},
    {"template-string", "The prompt template given inline"},
    {"completion-template-string", "The completion template given inline"},
    {"completion-field", "template: the column holding the completion (instead of a template)"},
};

struct ConvertFlags {
  InputFlags input;
  OutputFlags output;
  std::string to;
  std::string from;
  bool drop_other_columns = false;
  std::map<std::string, std::string> pass;  // flag -> value, only those given
  std::vector<std::string> renames, selects, drops, sets;
};

// The conversion step for a --to/--from pair.
Result<std::string> StepFor(const ConvertFlags& flags) {
  const std::string& to = flags.to;
  const std::string& from = flags.from;
  if (flags.pass.count("template") || flags.pass.count("template-string")) return "template";
  if (to.empty()) {
    return Error(Status::InvalidArgument(
        "--to is required (messages, sharegpt, prompt-completion, preference, kto) unless "
        "--template or column edits alone are asked for"));
  }
  if (to == "messages") return "to_messages";
  if (to == "sharegpt") return "to_sharegpt";
  if (to == "prompt-completion" || to == "prompt_completion") return "to_prompt_completion";
  if (to == "preference" || to == "dpo") {
    if (from == "kto") return "kto_to_preference";
    if (from == "ratings") return "ratings_to_preference";
    if (from == "spin" || from == "gold") return "spin_preference";
    return "to_preference";
  }
  if (to == "kto") {
    if (from == "feedback") return "feedback_to_kto";
    return "to_kto";
  }
  return Error(Status::InvalidArgument(
      "--to " + to + ": expected messages, sharegpt, prompt-completion, preference or kto"));
}

Result<std::string> ReadTemplateFile(const std::string& path) {
  auto fs = NewLocalFileSystem();
  WINNOW_ASSIGN_OR_RETURN(auto source, fs->OpenRead(path));
  return ReadToString(*source, size_t{1} << 20);
}

bool FromIsStepName(const std::string& from) {
  return from == "kto" || from == "ratings" || from == "spin" || from == "gold" ||
         from == "feedback";
}

Result<std::vector<std::unique_ptr<Step>>> BuildSteps(const ConvertFlags& flags) {
  std::vector<std::unique_ptr<Step>> steps;
  bool column_edits = !flags.renames.empty() || !flags.selects.empty() || !flags.drops.empty() ||
                      !flags.sets.empty();
  if (!flags.to.empty() || !flags.pass.empty() || !column_edits) {
    WINNOW_ASSIGN_OR_RETURN(std::string name, StepFor(flags));
    StepOptions options(name, {});
    for (const auto& [flag, value] : flags.pass) {
      std::string key = flag;
      std::replace(key.begin(), key.end(), '-', '_');
      if (key == "template" || key == "completion_template") {
        // Template files are read here; the step takes the text (and the file name for errors).
        WINNOW_ASSIGN_OR_RETURN(std::string source, ReadTemplateFile(value));
        options.Set(key + "_string", source);
        options.Set(key + "_name", value);
        continue;
      }
      options.Set(key, value);
    }
    if (!flags.from.empty() && !FromIsStepName(flags.from)) options.Set("from", flags.from);
    if (name == "template" && !flags.to.empty()) options.Set("to", flags.to);
    if (flags.drop_other_columns) options.Set("keep_columns", "false");
    auto step = CreateStep(name, std::move(options));
    if (!step) {
      return Error(step.error().WithPrefix(fmt::format("convert --to {}", flags.to)));
    }
    steps.push_back(std::move(*step));
  }
  if (column_edits) {
    ColumnsOptions columns;
    WINNOW_ASSIGN_OR_RETURN(
        columns, ParseColumnEdits(flags.renames, flags.selects, flags.drops, flags.sets));
    steps.push_back(std::make_unique<ColumnsStep>(std::move(columns)));
  }
  return steps;
}

void PrintSummary(const std::vector<std::unique_ptr<Step>>& steps, const RunResult& result,
                  bool have_reject_file) {
  std::fprintf(stderr, "winnow: %llu records in, %llu out, %llu rejected\n",
               static_cast<unsigned long long>(result.records_read),
               static_cast<unsigned long long>(result.records_written),
               static_cast<unsigned long long>(result.records_rejected));
  if (result.records_rejected > 0 && !have_reject_file) {
    std::fprintf(stderr, "  (--reject FILE keeps the rejected records with their reasons)\n");
  }
  for (const auto& step : steps) {
    for (const auto& [name, count] : step->counters().Snapshot()) {
      if (name == "input" || name == "output" || count == 0) continue;
      std::string example = step->counters().Example(name);
      std::fprintf(stderr, "  %s.%s: %llu%s%s\n", std::string(step->name()).c_str(), name.c_str(),
                   static_cast<unsigned long long>(count), example.empty() ? "" : " — e.g. ",
                   example.c_str());
    }
  }
}

int RunConvert(const ConvertFlags& flags) {
  auto steps = BuildSteps(flags);
  if (!steps) return ReportError(steps.error());
  auto opened = OpenInputs(flags.input, "convert");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  std::vector<Step*> chain;
  for (auto& step : *steps) chain.push_back(step.get());
  auto result = RunToOutput(input, flags.output, chain);
  if (!result) return ReportError(result.error());
  if (!flags.input.quiet) PrintSummary(*steps, *result, !flags.input.reject_path.empty());
  return kExitOk;
}

}  // namespace

void AddConvertCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<ConvertFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "convert",
      "Reshape records for a trainer: ShareGPT/Alpaca/prompt-completion <-> OpenAI messages, "
      "HH and LLaMA-Factory preference -> explicit prompt/chosen/rejected, preference <-> KTO, "
      "ratings -> preference, feedback logs -> KTO, gold vs model answers -> preference (SPIN), "
      "classic datasets -> SFT with a Jinja2 template, column edits. Every output record "
      "validates as its TRL type; records that cannot be converted go to --reject with the "
      "reason");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command->add_option("--to", flags->to,
                      "Target: messages, sharegpt, prompt-completion, preference, kto");
  command->add_option("--from", flags->from,
                      "Source shape (default auto): sharegpt, messages, alpaca, prompt-completion, "
                      "hh, implicit, explicit, llamafactory, kto, ratings, spin, feedback");
  command->add_flag("--drop-other-columns", flags->drop_other_columns,
                    "Write only the target's columns (default: carry other columns over)");
  for (const auto& pass : kPassThrough) {
    std::string flag = std::string("--") + pass.flag;
    // Repeated flags (--label-rule twice) join with ';', the list separator of step options.
    command
        ->add_option_function<std::vector<std::string>>(
            flag,
            [flags, name = std::string(pass.flag)](const std::vector<std::string>& values) {
              std::string& slot = flags->pass[name];
              for (const auto& value : values) slot = slot.empty() ? value : slot + ";" + value;
            },
            pass.help)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }
  command->add_option("--rename", flags->renames, "Rename a column: OLD=NEW (repeatable)")
      ->allow_extra_args(false);
  command->add_option("--select", flags->selects, "Keep only these columns, in this order")
      ->delimiter(',')
      ->allow_extra_args(false);
  command->add_option("--drop", flags->drops, "Remove these columns")
      ->delimiter(',')
      ->allow_extra_args(false);
  command
      ->add_option("--set", flags->sets,
                   "Add a constant column: KEY=VALUE (VALUE is JSON if it parses, else a "
                   "string; repeatable)")
      ->allow_extra_args(false);
  command->callback([flags, run] { *run = [flags] { return RunConvert(*flags); }; });
}

}  // namespace winnow::cli
