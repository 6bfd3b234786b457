#pragma once

// A plain "rate this response from min to max, with a rationale" judge whose answer is JSON:
// {"rationale": "...", "rating": 4}. The engine asks the server for that shape with
// JudgeRatingJsonSchema (in the server's own dialect) and this parser checks it again. The prompt
// is winnow's, after MT-Bench's single-answer grading prompt ("single-v1").
//
// Thread safety: every function is safe to call concurrently.

#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::tasks {

// System and user messages. `criteria`, when not empty, replaces the default criteria sentence
// ("helpfulness, relevance, accuracy, depth, creativity, and level of detail").
std::vector<llm::Message> BuildJudgeRatingMessages(std::string_view instruction,
                                                   std::string_view response, int min_rating,
                                                   int max_rating, std::string_view criteria = "");

// {"type":"object","properties":{"rationale":{"type":"string"},"rating":{"type":"integer",
// "minimum":min,"maximum":max}},"required":["rationale","rating"],"additionalProperties":false}.
// The rationale comes first so that a server generating properties in order lets the model
// explain before it rates. Valid for OpenAI's strict mode (every property required, no extras).
std::string JudgeRatingJsonSchema(int min_rating, int max_rating);

struct JudgeRating {
  int rating = 0;
  std::string rationale;
};

// Reads the answer as JudgeRatingJsonSchema describes it (a Markdown code fence around it is
// tolerated). InvalidInput when it is not that object, when "rating" is not a JSON integer (4.0
// and "4" are refused) in [min_rating, max_rating], or when "rationale" is not a string.
Result<JudgeRating> ParseJudgeRating(std::string_view answer, int min_rating, int max_rating);

}  // namespace winnow::tasks
