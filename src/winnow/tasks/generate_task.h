#pragma once

// generate: text generation from a prompt template over a row's columns, by one or several
// models, `n` times each.
//
// Columns in: whatever the templates read. Columns out, for one endpoint and n = 1:
//   <output> (the answer: a string, or the JSON value when json_schema/json_object is set) and
//   <output>_model (the model that answered);
// for several endpoints or n > 1: <output>s and <output>_models, lists in endpoint order, each
// endpoint's n answers together. A row fails if any of its calls fails (the failure says which).

#include <memory>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateGenerateTask(StepOptions& options,
                                                         const std::string& step_name);

}  // namespace winnow::tasks
