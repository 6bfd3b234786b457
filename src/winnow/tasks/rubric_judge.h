#pragma once

// Rubric scoring as Prometheus does it (Kim et al. 2023/2024, github.com/prometheus-eval/
// prometheus-eval, absolute grading): the judge reads an instruction, a response, optionally a
// reference answer that earns the top score, and a rubric with one description per score, then
// writes "Feedback: ... [RESULT] N".
//
// Thread safety: every function is safe to call concurrently.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::tasks {

// The rubric used when the user gives none: prometheus-eval's HELPFULNESS_RUBRIC
// (prometheus_eval/prompts.py), its criteria and one description per score from 1 to 5.
extern const char* const kDefaultRubricCriteria;
std::vector<std::string> DefaultScoreDescriptions();

// Prometheus's rubric block: "[<criteria>]" then "Score <min + i>: <descriptions[i]>" per line.
std::string BuildScoreRubric(std::string_view criteria, std::span<const std::string> descriptions,
                             int min_score = 1);

// The system and user messages of Prometheus's absolute-grading prompt. Without `reference`,
// the reference answer is left out as prometheus-eval's reference-free variant does. Prometheus
// grades 1 to 5; other ranges replace those numbers in the instructions. `rubric` is shown as
// given (see BuildScoreRubric).
std::vector<llm::Message> BuildRubricMessages(std::string_view instruction,
                                              std::string_view response,
                                              std::optional<std::string_view> reference,
                                              std::string_view rubric, int min_score = 1,
                                              int max_score = 5);

struct RubricScore {
  int score = 0;
  std::string feedback;  // the text before "[RESULT]", without a leading "Feedback:"
};

// Reads "Feedback: <text> [RESULT] <score>". Strict: exactly one "[RESULT]", followed by a whole
// integer in [min_score, max_score] and nothing else but whitespace; the feedback must not be
// empty. Errors are InvalidInput and say which rule failed (InvalidArgument when
// min_score > max_score).
Result<RubricScore> ParseRubric(std::string_view answer, int min_score = 1, int max_score = 5);

}  // namespace winnow::tasks
