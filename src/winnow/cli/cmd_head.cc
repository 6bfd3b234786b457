// winnow head: the first records, as JSONL (or any output format).

#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/ops/head_step.h"

namespace winnow::cli {
namespace {

struct HeadFlags {
  InputFlags input;
  OutputFlags output;
  uint64_t n = 10;
};

int RunHead(const HeadFlags& flags) {
  auto opened = OpenInputs(flags.input, "head");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  input.run_options.progress = nullptr;
  HeadStep head(flags.n);
  auto result = RunToOutput(input, flags.output, {&head});
  return result ? kExitOk : ReportError(result.error());
}

}  // namespace

void AddHeadCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<HeadFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand("head", "Print the first records (JSONL on stdout)");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command->add_option("-n,--rows", flags->n, "Number of records (default 10)");
  command->callback([flags, run] { *run = [flags] { return RunHead(*flags); }; });
}

}  // namespace winnow::cli
