#pragma once

// ultrafeedback: an LLM judge rates every completion of a prompt together, per aspect or overall
// (Cui et al.; prompts and strict parsing in tasks/ultrafeedback.h). Completions are shown in a
// seeded shuffled order and the ratings mapped back; an answer that does not parse is re-asked;
// a row whose ratings cannot all be read fails — a missing rating is never a zero.
//
// Columns in: <instruction> (string), <generations> (list of strings), optionally <models> (list)
// and <world_knowledge> (string). Columns out:
//   ratings      list of numbers, one per completion (overall: the 1-10 rating; aspects: the mean
//                of the aspect ratings, honesty's N/A left out)
//   rationales   list of strings (overall: the critique; aspects: joined per aspect)
//   completions  [{response, model?, rating, rationale, annotations?}] — the shape
//                ratings_to_preference reads (rating: rating)
//   ratings_<aspect>, rationales_<aspect>, types_<aspect>  per aspect, when aspects are asked

#include <memory>
#include <string>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateUltraFeedbackTask(StepOptions& options,
                                                              const std::string& step_name);

}  // namespace winnow::tasks
