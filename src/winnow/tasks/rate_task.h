#pragma once

// rate: an LLM judge rates one response on a 1-to-N scale with a rationale, answering JSON
// {"rating", "rationale"} (asked as a JSON Schema in the endpoint's dialect, checked locally,
// range-checked, re-asked when wrong).
//
// Columns in: <instruction>, <response>. Columns out: <output> (the integer rating) and
// <output>_rationale.

#include <memory>
#include <string>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateRateTask(StepOptions& options,
                                                     const std::string& step_name);

}  // namespace winnow::tasks
