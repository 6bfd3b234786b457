#pragma once

// Options every LLM task step shares, read in one place: which endpoints, sampling parameters,
// the output constraint, re-asks, and prompt templates (inline or from a file).
//
//   endpoint: small            (or endpoints: [small, large])
//   temperature: 0.7   top_p: 0.9   max_tokens: 1024   stop: ["\n\n"]
//   frequency_penalty / presence_penalty
//   json_schema: {...}  |  json_object: true  |  choices: [a, b]  |  regex: "..."
//   max_reasks: 2

#include <optional>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_backend.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/template/template.h"

namespace winnow::tasks {

struct CallOptions {
  std::vector<std::string> endpoints;
  llm::SamplingParams sampling;
  llm::OutputConstraint output;
  int max_reasks = 2;
};

// `endpoint: name` and/or `endpoints: [a, b]`; at least one.
Result<std::vector<std::string>> ReadEndpoints(StepOptions& options);

// `default_temperature` applies when the step sets none (judges default to 0, as UltraFeedback).
Result<CallOptions> ReadCallOptions(StepOptions& options,
                                    std::optional<double> default_temperature = std::nullopt);

// A template from option `key` (inline text) or `<key>_file` (a path). Errors name the step and
// option; template errors carry the line and column inside the template. Absent and not required:
// nullopt.
Result<std::optional<jinja::Template>> ReadTemplate(StepOptions& options, const std::string& key,
                                                    bool required);

// The variables `templates` read, in order, without repeats.
std::vector<std::string> TemplateColumns(
    std::initializer_list<const std::optional<jinja::Template>*> templates);

// A chat request of an optional system turn and one user turn.
llm::LlmRequest ChatRequest(std::optional<std::string> system, std::string user,
                            const CallOptions& options, uint64_t seed);

}  // namespace winnow::tasks
