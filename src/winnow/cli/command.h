#pragma once

// The command table: every `winnow` subcommand, in the order `--help` lists them. Each command
// file provides one Register function that adds its CLI11 subcommand and sets `*run` to the code
// that executes it; main() runs whichever subcommand was chosen.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace winnow::cli {

// Exit codes (ninja's convention).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

using CommandRun = std::function<int()>;

struct CommandSpec {
  const char* name;
  const char* summary;
  // Adds the subcommand to `app`; when it is selected, main calls the CommandRun stored in *run.
  void (*add)(CLI::App& app, CommandRun* run);
};

const std::vector<CommandSpec>& CommandTable();

void AddAgreementCommand(CLI::App& app, CommandRun* run);
void AddClassifyCommand(CLI::App& app, CommandRun* run);
void AddConvertCommand(CLI::App& app, CommandRun* run);
void AddCountCommand(CLI::App& app, CommandRun* run);
void AddDecontaminateCommand(CLI::App& app, CommandRun* run);
void AddDedupCommand(CLI::App& app, CommandRun* run);
void AddHeadCommand(CLI::App& app, CommandRun* run);
void AddInspectCommand(CLI::App& app, CommandRun* run);
void AddMarkdownCommand(CLI::App& app, CommandRun* run);
void AddFilterCommand(CLI::App& app, CommandRun* run);
void AddDescribeCommand(CLI::App& app, CommandRun* run);
void AddRenderCommand(CLI::App& app, CommandRun* run);
void AddRunCommand(CLI::App& app, CommandRun* run);
void AddSampleCommand(CLI::App& app, CommandRun* run);
void AddSplitCommand(CLI::App& app, CommandRun* run);
void AddStepsCommand(CLI::App& app, CommandRun* run);
void AddValidateCommand(CLI::App& app, CommandRun* run);

}  // namespace winnow::cli
