#pragma once

// PipelineGraph: a pipeline file's steps as a checked DAG. Build() resolves each step's parents,
// rejects unknown step types ("did you mean"), unknown parents, cycles (naming the loop), sources
// with parents and other steps without; and gives every step a fingerprint — a hash of its type,
// options, the run settings it depends on and its parents' fingerprints — so a resumed run knows
// which steps' journals still hold and which must re-run because they (or a step above) changed.

#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/pipeline/pipeline_file.h"

namespace winnow {

enum class NodeKind {
  kRead,   // `read`: a source of records
  kWrite,  // `write`: a sink
  kJoin,   // `join`: rows of several parents merged by row key
  kLlm,    // an LLM task (generate, judges, ...)
  kStep,   // any step of the step table (filters, converters, dedup, ...)
};

struct GraphNode {
  PipelineStepSpec spec;
  NodeKind kind = NodeKind::kStep;
  std::vector<size_t> parents;   // indexes into PipelineGraph::nodes, in `after` order
  std::vector<size_t> children;  // in file order
  std::string fingerprint;       // 16 hex digits
};

struct PipelineGraph {
  std::vector<GraphNode> nodes;  // in file order
  std::vector<size_t> order;     // a topological order (parents before children)

  // `is_llm_task(type)` says whether a type names an LLM task; `step_exists(type)` whether the
  // step table has it (both injected so the graph does not depend on every subsystem).
  static Result<PipelineGraph> Build(const PipelineSpec& spec,
                                     bool (*is_llm_task)(std::string_view),
                                     bool (*step_exists)(std::string_view),
                                     const std::vector<std::string>& known_types);
};

}  // namespace winnow
