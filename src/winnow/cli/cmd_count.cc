// winnow count: how many records the inputs hold.

#include <cstdio>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"

namespace winnow::cli {
namespace {

struct CountFlags {
  InputFlags input;
  bool fast = false;
};

int RunCount(const CountFlags& flags) {
  auto opened = OpenInputs(flags.input, "count");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  input.run_options.parse = flags.fast ? ParseMode::kNone : ParseMode::kValidate;
  auto result = RunLinear(*input.reader, {}, nullptr, input.rejects.get(), input.run_options);
  if (!result) return ReportError(result.error());
  Status status = FinishInputs(input, *result);
  if (!status.ok()) return ReportError(status);
  std::printf("%llu\n", static_cast<unsigned long long>(result->records_written));
  return kExitOk;
}

}  // namespace

void AddCountCommand(CLI::App& app, CommandRun* run) {
  // shared_ptr: the flags must outlive this function and are reached from the run callback.
  auto flags = std::make_shared<CountFlags>();
  CLI::App* command = app.add_subcommand("count",
                                         "Count records (every record is parsed and "
                                         "validated unless --fast)");
  AddInputFlags(command, &flags->input);
  command->add_flag(
      "--fast", flags->fast,
      "Count non-blank lines/rows without parsing JSON (malformed lines are counted)");
  command->callback([flags, run] { *run = [flags] { return RunCount(*flags); }; });
}

}  // namespace winnow::cli
