#include "winnow/tasks/rating_judge.h"

#include <fmt/format.h>

#include "winnow/tasks/json_answer.h"

namespace winnow::tasks {

std::vector<llm::Message> BuildJudgeRatingMessages(std::string_view instruction,
                                                   std::string_view response, int min_rating,
                                                   int max_rating, std::string_view criteria) {
  const std::string_view consider = criteria.empty()
                                        ? std::string_view(
                                              "the helpfulness, relevance, accuracy, depth, "
                                              "creativity, and level of detail of the response")
                                        : criteria;
  std::string system = fmt::format(
      "Please act as an impartial judge and evaluate the quality of the response provided by an "
      "AI assistant to the user question displayed below. Your evaluation should consider {}. "
      "Begin your evaluation by providing a short explanation. Be as objective as possible. After "
      "providing your explanation, rate the response on a scale of {} to {}. Answer with a JSON "
      "object and nothing else: {{\"rationale\": \"<your explanation>\", \"rating\": <an integer "
      "from {} to {}>}}.",
      consider, min_rating, max_rating, min_rating, max_rating);
  std::string user = "[Question]\n";
  user.append(instruction).append("\n\n[The Start of Assistant's Answer]\n").append(response);
  user.append("\n[The End of Assistant's Answer]");
  return {llm::Message{"system", std::move(system)}, llm::Message{"user", std::move(user)}};
}

std::string JudgeRatingJsonSchema(int min_rating, int max_rating) {
  return fmt::format(
      R"({{"type":"object","properties":{{"rationale":{{"type":"string"}},"rating":{{)"
      R"("type":"integer","minimum":{},"maximum":{}}}}},"required":["rationale","rating"],)"
      R"("additionalProperties":false}})",
      min_rating, max_rating);
}

Result<JudgeRating> ParseJudgeRating(std::string_view answer, int min_rating, int max_rating) {
  JudgeRating result;
  WINNOW_RETURN_IF_ERROR(VisitJsonAnswer(
      answer, {"rationale", "rating"}, "rating judge",
      [&](std::string_view key, simdjson::dom::element value) -> Status {
        if (key == "rationale") {
          std::string_view text;
          if (value.get_string().get(text)) {
            return Status::InvalidInput("rating judge: \"rationale\" is not a string");
          }
          result.rationale = std::string(text);
          return Status::OK();
        }
        int64_t rating = 0;
        if (!value.is_int64() || value.get_int64().get(rating) || rating < min_rating ||
            rating > max_rating) {
          return Status::InvalidInput(
              fmt::format("rating judge: \"rating\" must be an integer from {} to {}, got {}",
                          min_rating, max_rating, simdjson::to_string(value)));
        }
        result.rating = static_cast<int>(rating);
        return Status::OK();
      }));
  return result;
}

}  // namespace winnow::tasks
