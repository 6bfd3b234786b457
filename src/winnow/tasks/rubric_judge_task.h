#pragma once

// rubric_judge: Prometheus-style absolute grading (rubric_judge.h). A judge reads the
// instruction, the response, optionally a reference answer that earns the top score, and a rubric
// with one description per score, and answers "Feedback: ... [RESULT] N"; the score is read
// strictly and range-checked, and a malformed answer is re-asked.
//
// Columns in: <instruction>, <response>[, <reference>]. Columns out: score (integer), feedback.

#include <memory>
#include <string>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateRubricJudgeTask(StepOptions& options,
                                                            const std::string& step_name);

}  // namespace winnow::tasks
