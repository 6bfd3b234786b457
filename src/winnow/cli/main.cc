// winnow: the command-line entry point. All work happens in the command files.

#include <cstdio>
#include <exception>

#include "winnow/cli/command.h"
#include "winnow/common/interrupt.h"
#include "winnow/common/version.h"

int main(int argc, char** argv) {
  using namespace winnow::cli;
  CLI::App app("winnow: find out what is in an LLM fine-tuning dataset, reshape it, clean it.",
               "winnow");
  app.set_version_flag("--version", std::string("winnow ") + winnow::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);
  CommandRun run;
  for (const auto& command : CommandTable()) command.add(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    // One line, like every other winnow error.
    std::fprintf(stderr, "winnow: %s (see winnow --help, or winnow COMMAND --help)\n",
                 error.what());
    return kExitUsage;
  }
  winnow::InstallInterruptHandler();
  try {
    return run ? run() : kExitUsage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "winnow: internal error: %s\n", error.what());
    return kExitFailure;
  }
}
