#pragma once

// Running a pipeline file (`winnow run`): builds the DAG's nodes, checks the first rows through
// every step before any request is sent (a missing column or a template that fails stops the run
// there), then runs every node on its own thread with one LLM engine for all LLM steps.
//
// The run directory (default: <pipeline>.run beside the file) holds:
//   pipeline.yaml     the pipeline as run
//   cache.sqlite      every LLM answer, keyed by request content
//   journal/<step>.jsonl  finished rows of each LLM step (resume)
//   failed.jsonl      rows an LLM step failed, with the reason (rewritten each run)
//   rejected.jsonl    rows a step rejected (filters, joins), with the reason
//   summary.json      counters per step and per endpoint
// Outputs of `write` steps appear only when the whole run succeeds.

#include <cstdint>
#include <cstdio>
#include <string>

#include "winnow/common/status.h"
#include "winnow/pipeline/pipeline_file.h"

namespace winnow {

struct PipelineRunOptions {
  std::string run_dir;        // empty: <pipeline dir>/<pipeline file stem>.run
  bool dry_run = false;       // send nothing: show the first rows of every step and an estimate
  uint64_t limit = 0;         // rows each reader passes on; 0 = all (a dry run defaults to 3)
  bool retry_failed = false;  // re-run rows the journals record as failed
  bool progress = false;      // a live status line on stderr
  bool quiet = false;         // no summary
  size_t workers = 0;         // threads for each parallel step (filters...); 0 = one per core
};

struct PipelineRunResult {
  bool budget_stopped = false;  // the budget ran out: outputs not written, the run resumable
  uint64_t failed_rows = 0;
  uint64_t rejected_rows = 0;
};

// Runs `spec`. Reports go to `report` (stderr normally). Errors: a bad pipeline (unknown step,
// bad option, missing column, cycle, bad template), I/O, an interrupt (kCancelled).
Result<PipelineRunResult> RunPipeline(const PipelineSpec& spec, const PipelineRunOptions& options,
                                      std::FILE* report);

}  // namespace winnow
