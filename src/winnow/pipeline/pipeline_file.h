#pragma once

// Pipeline files: a YAML description of a DAG of steps, with the endpoints its LLM steps use and
// run-wide settings. Parsing only checks the file's shape; PipelineGraph (pipeline_graph.h) checks
// the graph and the steps.
//
//   name: card-summaries
//   seed: 42
//   budget_usd: 5
//   endpoints:
//     small: {model: Qwen/Qwen2.5-0.5B-Instruct, base_url: http://127.0.0.1:8000, dialect: vllm}
//   steps:
//     - name: cards
//       step: read
//       path: cards/*.md
//     - name: tldr
//       step: generate            # `after` defaults to the step above
//       endpoint: small
//       prompt: "Summarise: {{ text }}"
//     - step: write
//       path: out/tldr.jsonl
//
// Step options are the keys besides name, step and after. Scalars keep their text; lists and
// maps become JSON text (a list of labels, a JSON Schema), which the step parses.

#include <map>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/endpoint.h"

namespace winnow {

// The `after` a step gets when it names none: the step above it in the file.
inline constexpr const char* kPreviousStep = "<previous>";

struct PipelineStepSpec {
  std::string name;                // unique in the pipeline
  std::string type;                // the step table name, or read / write / join
  std::vector<std::string> after;  // parent step names; empty for a source
  std::map<std::string, std::string> options;
  std::string where;  // "pipeline.yaml:12:5", for messages about this step
};

struct PipelineSpec {
  std::string path;       // the file, as given
  std::string directory;  // relative paths in step options are resolved against this
  std::string name;
  uint64_t seed = 0;
  double budget_usd = 0;  // 0 = no cap
  // Rows a LLM step keeps in progress at once, per step; 0 = 4 x its endpoints' windows.
  size_t max_rows_in_flight = 0;
  std::vector<llm::EndpointOptions> endpoints;
  std::vector<PipelineStepSpec> steps;
  std::string source_text;  // the file's text, saved into the run directory
};

// Reads and parses a pipeline file. Errors name the file, line and column ("p.yaml:14:7: unknown
// key 'stpe' (did you mean 'step'?)").
Result<PipelineSpec> LoadPipelineFile(const std::string& path);
// Parses pipeline text; `path` names it in messages and anchors relative paths.
Result<PipelineSpec> ParsePipeline(std::string_view text, const std::string& path);

}  // namespace winnow
