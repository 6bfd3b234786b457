// The rate-1-to-N judge: its schema and the strict JSON parser.

#include "winnow/tasks/rating_judge.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow::tasks {
namespace {

std::string ParseError(std::string_view answer, int min = 1, int max = 10) {
  auto parsed = ParseJudgeRating(answer, min, max);
  EXPECT_FALSE(parsed.has_value()) << answer;
  return parsed.has_value() ? "" : parsed.error().message();
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

TEST(JudgeRatingJsonSchema, RationaleFirstAndRangeChecked) {
  EXPECT_EQ(JudgeRatingJsonSchema(1, 5),
            R"({"type":"object","properties":{"rationale":{"type":"string"},"rating":{)"
            R"("type":"integer","minimum":1,"maximum":5}},"required":["rationale","rating"],)"
            R"("additionalProperties":false})");
}

TEST(BuildJudgeRatingMessages, StatesTheScaleAndTheJsonShape) {
  const auto messages = BuildJudgeRatingMessages("Say hi.", "Hello!", 1, 10);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_TRUE(Contains(messages[0].content, "rate the response on a scale of 1 to 10"));
  EXPECT_TRUE(Contains(messages[0].content,
                       "{\"rationale\": \"<your explanation>\", \"rating\": "
                       "<an integer from 1 to 10>}"));
  EXPECT_TRUE(Contains(messages[0].content, "helpfulness, relevance, accuracy"));
  EXPECT_EQ(messages[1].content,
            "[Question]\nSay hi.\n\n[The Start of Assistant's Answer]\nHello!\n"
            "[The End of Assistant's Answer]");
  const auto custom = BuildJudgeRatingMessages("Q", "A", 1, 5, "how polite the response is");
  EXPECT_TRUE(Contains(custom[0].content, "should consider how polite the response is."));
}

TEST(ParseJudgeRating, WellFormed) {
  auto parsed = ParseJudgeRating(R"({"rationale": "Clear and correct.", "rating": 9})", 1, 10);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  EXPECT_EQ(parsed->rating, 9);
  EXPECT_EQ(parsed->rationale, "Clear and correct.");
  parsed = ParseJudgeRating("```json\n{\"rating\": 1, \"rationale\": \"\"}\n```", 1, 10);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  EXPECT_EQ(parsed->rating, 1);
  EXPECT_EQ(parsed->rationale, "");
}

TEST(ParseJudgeRating, StrictFailures) {
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "rating": 11})"),
                       "\"rating\" must be an integer from 1 to 10, got 11"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "rating": 10})", 1, 5), "got 10"));
  ParseError(R"({"rationale": "x", "rating": 0})");
  ParseError(R"({"rationale": "x", "rating": 4.0})");
  ParseError(R"({"rationale": "x", "rating": "4"})");
  ParseError(R"({"rationale": "x", "rating": null})");
  ParseError(R"({"rationale": "x", "rating": 18446744073709551615})");
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": 3, "rating": 4})"), "not a string"));
  EXPECT_TRUE(Contains(ParseError(R"({"rating": 4})"), "key \"rationale\" is missing"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "rating": 4, "score": 4})"),
                       "unexpected key \"score\""));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "rating": 4, "rating": 5})"),
                       "key \"rating\" appears twice"));
  EXPECT_TRUE(Contains(ParseError("Rating: 4"), "the answer is not JSON"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "rating": 4} trailing)"), "not JSON"));
  EXPECT_TRUE(Contains(ParseError("[4]"), "not a JSON object"));
  ParseError("");
}

}  // namespace
}  // namespace winnow::tasks
