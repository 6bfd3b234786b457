// winnow run: execute a pipeline file — a resumable DAG of readers, steps, LLM tasks, joins and
// writers (exec/dag_runner.h).

#include <cstdio>
#include <string>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/exec/dag_runner.h"
#include "winnow/exec/progress.h"

namespace winnow::cli {
namespace {

struct RunFlags {
  std::string pipeline;
  PipelineRunOptions options;
};

int RunRun(RunFlags flags) {
  Result<PipelineSpec> spec = LoadPipelineFile(flags.pipeline);
  if (!spec.has_value()) return ReportError(spec.error());
  flags.options.progress = !flags.options.quiet && ShouldShowProgress();
  Result<PipelineRunResult> result = RunPipeline(*spec, flags.options, stderr);
  if (!result.has_value()) return ReportError(result.error());
  if (result->budget_stopped) return kExitFailure;
  return kExitOk;
}

}  // namespace

void AddRunCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* command = app.add_subcommand(
      "run", "Run a pipeline file: readers, steps, LLM tasks, joins and writers as a DAG");
  command->add_option("pipeline", flags->pipeline, "The pipeline file (YAML)")->required();
  command->add_flag("--dry-run", flags->options.dry_run,
                    "Send nothing: show the first rows through every step, the first request "
                    "per endpoint and an estimate of requests, tokens and cost");
  command->add_option("--limit", flags->options.limit,
                      "Pass only the first N rows of each reader on (default: all; 3 in a dry "
                      "run)");
  command->add_option("--run-dir", flags->options.run_dir,
                      "Where the journal, response cache and failure file live (default: "
                      "<pipeline>.run beside the file)");
  command->add_flag("--retry-failed", flags->options.retry_failed,
                    "Re-run the rows earlier runs recorded as failed (others come from the "
                    "journal)");
  command->add_flag("-q,--quiet", flags->options.quiet, "No progress line and no summary");
  command->add_option("--workers", flags->options.workers,
                      "Threads for each parallel step such as a filter (default: all cores)");
  command->footer(
      "A run can be stopped at any moment (Ctrl-C, kill -9) and started again with the same "
      "command: finished rows come from the journal and answered requests from the cache.\n"
      "Relative paths in the pipeline file are relative to the file's folder.");
  *run = [flags] { return RunRun(*flags); };
  (void)command;
}

}  // namespace winnow::cli
