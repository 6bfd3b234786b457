#pragma once

// What `winnow run` tells people: the live progress line, the dry-run preview and estimate, the
// closing summary, and summary.json.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "winnow/exec/dag_nodes.h"
#include "winnow/exec/dag_runner.h"
#include "winnow/llm/dry_run_backend.h"
#include "winnow/llm/llm_engine.h"

namespace winnow {

// "12s | tldr 40/100 (2 failed) | judge 12/40 | 24 in flight, 40 cached, 5.4k tokens, $0.01".
std::string FormatRunProgress(const std::vector<std::unique_ptr<DagNode>>& nodes,
                              const llm::LlmEngine* engine, double elapsed_seconds);

// The first rows out of every step, the first request per endpoint, and the estimate of
// requests, tokens and cost for the whole input.
void PrintDryRun(const PipelineSpec& spec, const std::vector<std::unique_ptr<DagNode>>& nodes,
                 const llm::DryRunBackend& backend, std::FILE* out);

void PrintRunSummary(const PipelineSpec& spec, const std::string& run_dir,
                     const std::vector<std::unique_ptr<DagNode>>& nodes,
                     const std::vector<llm::EndpointStats>& stats,
                     const std::vector<WriteNode*>& writers, const PipelineRunResult& result,
                     std::FILE* out);

std::string FormatRunSummaryJson(const std::vector<std::unique_ptr<DagNode>>& nodes,
                                 const std::vector<llm::EndpointStats>& stats,
                                 const PipelineRunResult& result);

}  // namespace winnow
