#pragma once

// embed: one embedding per row from an OpenAI-compatible /v1/embeddings endpoint, through the LLM
// engine, so embeddings get what completions get: weighted replicas, sliding windows, rate
// limits, retries, the response cache, the journal and resume.
//
// Columns in: `field` (default text) or the variables of the `text` template. Columns out:
// <output> (a list of numbers; L2-normalised with normalize: true) and <output>_model. An empty
// text or an answer that is not a vector of finite numbers fails the row.

#include <memory>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateEmbedTask(StepOptions& options,
                                                      const std::string& step_name);

}  // namespace winnow::tasks
