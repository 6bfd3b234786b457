#pragma once

// pairwise_judge: an LLM judge compares two answers to one question as MT-Bench does
// (pairwise_judge.h), by default twice with the answers swapped, so that a preference that only
// follows the position is caught and never passed on as a win.
//
// Columns in: <question>, <answer_a>, <answer_b>[, <reference>]. Columns out: winner ("a", "b"
// or "tie"), verdict_ab and, when both orders are asked, verdict_ba and judge_consistent.

#include <memory>
#include <string>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreatePairwiseJudgeTask(StepOptions& options,
                                                              const std::string& step_name);

}  // namespace winnow::tasks
