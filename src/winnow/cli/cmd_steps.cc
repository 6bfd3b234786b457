// winnow steps: the step table, for pipeline authors.

#include <cstdio>
#include <memory>
#include <string>

#include "winnow/cli/command.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/tasks/task_table.h"

namespace winnow::cli {
namespace {

void PrintIndented(const char* text, const char* indent) {
  std::string line;
  for (const char* p = text;; ++p) {
    if (*p == '\n' || *p == '\0') {
      std::printf("%s%s\n", indent, line.c_str());
      line.clear();
      if (*p == '\0') break;
    } else {
      line.push_back(*p);
    }
  }
}

int RunSteps(const std::string& name) {
  for (const auto& spec : StepTable()) {
    if (!name.empty() && name != spec.name) continue;
    std::printf("%s\n    %s\n  options:\n", spec.name, spec.summary);
    PrintIndented(spec.options, "    ");
    std::printf("  example:\n");
    PrintIndented(spec.example, "    ");
    std::printf("\n");
    if (!name.empty()) return kExitOk;
  }
  if (name.empty()) {
    std::printf("LLM tasks (pipeline files only; each also takes these options:)\n");
    PrintIndented(tasks::kCommonTaskOptions, "    ");
    std::printf("\n");
  }
  for (const auto& spec : tasks::TaskTable()) {
    if (!name.empty() && name != spec.name) continue;
    std::printf("%s  (LLM task)\n    %s\n  options:\n", spec.name, spec.summary);
    PrintIndented(spec.options, "    ");
    std::printf("  columns:\n");
    PrintIndented(spec.columns, "    ");
    std::printf("  example:\n");
    PrintIndented(spec.example, "    ");
    std::printf("\n");
    if (!name.empty()) return kExitOk;
  }
  if (!name.empty()) {
    std::fprintf(stderr, "winnow: unknown step '%s' (run `winnow steps` for the list)\n",
                 name.c_str());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void AddStepsCommand(CLI::App& app, CommandRun* run) {
  auto name = std::make_shared<std::string>();  // shared with the run callback
  CLI::App* command = app.add_subcommand("steps", "List the steps that pipelines and commands use");
  command->add_option("step", *name, "Show one step only");
  command->callback([name, run] { *run = [name] { return RunSteps(*name); }; });
}

}  // namespace winnow::cli
