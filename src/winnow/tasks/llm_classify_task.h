#pragma once

// llm_classify: zero-shot classification of a text into the user's labels, with a rationale
// (classify_judge.h). The answer is asked as a JSON Schema that enumerates the labels and checked
// again locally, so an unknown label is re-asked and never stored.
//
// Columns in: <field> or the `text` template's variables. Columns out: <output> (one label) or
// <output>s (a list, with multi_label) and <output>_rationale; <output> defaults to "label".

#include <memory>
#include <string>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateLlmClassifyTask(StepOptions& options,
                                                            const std::string& step_name);

}  // namespace winnow::tasks
