// winnow validate: checks a dataset against a TRL type's rules (shared/specs/formats.md) and
// reports every violation with record number, field and rule, counted per rule. Exits 1 when any
// error is found (with --strict, also on warnings). With -o, writes the valid records and sends
// the invalid ones to --reject with the reason.

#include <cstdio>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/io/atomic_output.h"
#include "winnow/validate/validate_step.h"

namespace winnow::cli {
namespace {

struct ValidateFlags {
  InputFlags input;
  OutputFlags output;
  std::string type = "auto";
  bool json = false;
  std::string report_path;
  bool strict = false;
  bool allow_empty = false;
  bool allow_user_last = false;
  std::vector<std::string> extra_roles;
  uint64_t long_record_bytes = 100'000;
  size_t max_examples = 5;
};

Result<ValidateStepOptions> StepOptionsFrom(const ValidateFlags& flags) {
  ValidateStepOptions options;
  if (flags.type != "auto") {
    WINNOW_ASSIGN_OR_RETURN(options.type, ParseTrlType(flags.type));
  }
  options.rules.allow_empty_strings = flags.allow_empty;
  options.rules.require_assistant_last = !flags.allow_user_last;
  options.rules.extra_roles = flags.extra_roles;
  options.report.long_record_bytes = flags.long_record_bytes;
  options.report.max_examples = flags.max_examples;
  // Without an output there is nowhere to keep valid records apart from invalid ones: report only,
  // unless a reject file asks for the invalid records.
  options.reject_invalid = !flags.output.path.empty() || !flags.input.reject_path.empty();
  return options;
}

int RunValidate(const ValidateFlags& flags) {
  auto step_options = StepOptionsFrom(flags);
  if (!step_options) return ReportError(step_options.error());
  auto opened = OpenInputs(flags.input, "validate");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  ValidateStep step(std::move(*step_options));
  if (!flags.output.path.empty()) {
    auto result = RunToOutput(input, flags.output, {&step});
    if (!result) return ReportError(result.error());
  } else {
    auto result =
        RunLinear(*input.reader, {&step}, nullptr, input.rejects.get(), input.run_options);
    if (!result) return ReportError(result.error());
    Status status = FinishInputs(input, *result);
    if (!status.ok()) return ReportError(status);
  }
  const ValidationReport& report = step.report();
  if (!flags.report_path.empty()) {
    Status status = WriteWholeFile(*input.fs, flags.report_path, report.ToJson());
    if (!status.ok()) return ReportError(status);
  }
  std::string text = flags.json ? report.ToJson() : report.ToText();
  // The report goes to stdout unless valid records do.
  std::FILE* stream = flags.output.path == "-" ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), stream);
  bool failed = report.error_count() > 0 || (flags.strict && report.warning_count() > 0);
  return failed ? kExitFailure : kExitOk;
}

}  // namespace

void AddValidateCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<ValidateFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "validate",
      "Check records against a TRL dataset type: required columns and JSON types, message roles "
      "and turn order, chosen != rejected, KTO labels; duplicates, label balance and long records "
      "as warnings. Exits 1 when any error is found");
  AddInputFlags(command, &flags->input);
  flags->output.path.clear();
  AddOutputFlags(command, &flags->output, false);
  command->add_option("--type", flags->type, "auto (from the columns) or " + TrlTypeChoices());
  command->add_flag("--json", flags->json, "Print the report as JSON");
  command->add_option("--report", flags->report_path, "Also write the JSON report to this file");
  command->add_flag("--strict", flags->strict, "Exit 1 on warnings too");
  command->add_flag("--allow-empty", flags->allow_empty,
                    "Accept empty or whitespace-only strings and contents");
  command->add_flag("--allow-user-last", flags->allow_user_last,
                    "Accept training conversations that do not end with the assistant");
  command
      ->add_option("--allow-role", flags->extra_roles,
                   "Accept this message role besides system/user/assistant/tool (repeatable)")
      ->allow_extra_args(false);
  command->add_option("--long-record-bytes", flags->long_record_bytes,
                      "Warn about records longer than this many bytes (0: off; default 100000)");
  command->add_option("--max-examples", flags->max_examples, "Examples shown per rule (default 5)");
  command->callback([flags, run] { *run = [flags] { return RunValidate(*flags); }; });
}

}  // namespace winnow::cli
