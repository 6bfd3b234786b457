// The shared helpers of the task parsers.

#include "winnow/tasks/answer_text.h"

#include <gtest/gtest.h>

namespace winnow::tasks {
namespace {

TEST(ParseBoundedInt, WholeTokensOnly) {
  EXPECT_EQ(ParseBoundedInt("1", 1, 5, "rating").value(), 1);
  EXPECT_EQ(ParseBoundedInt("5", 1, 5, "rating").value(), 5);
  EXPECT_EQ(ParseBoundedInt("007", 1, 10, "rating").value(), 7);
  for (std::string_view bad :
       {"", "0", "6", "10", "-1", "+3", " 3", "3 ", "3.0", "3/5", "x", "9999999999", "١"}) {
    auto parsed = ParseBoundedInt(bad, 1, 5, "rating");
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code(), StatusCode::kInvalidInput);
  }
  EXPECT_EQ(ParseBoundedInt("10", 1, 5, "rating").error().message(),
            "rating \"10\" is not an integer from 1 to 5");
}

TEST(StripCodeFence, RemovesOneFence) {
  EXPECT_EQ(StripCodeFence("  {\"a\": 1}\n"), "{\"a\": 1}");
  EXPECT_EQ(StripCodeFence("```json\n{\"a\": 1}\n```"), "{\"a\": 1}");
  EXPECT_EQ(StripCodeFence("```\n{}\n```\n"), "{}");
  EXPECT_EQ(StripCodeFence("```{}```"), "```{}```");  // no newline after the info string
  EXPECT_EQ(StripCodeFence("```"), "```");
}

TEST(AsciiCaseHelpers, IgnoreAsciiCaseOnly) {
  EXPECT_TRUE(ContainsIgnoringAsciiCase("I am SORRY.", "sorry"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("so rry", "sorry"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("x", ""));
  EXPECT_TRUE(StartsWithIgnoringAsciiCase("The Rewritten", "the rewritten"));
  EXPECT_FALSE(StartsWithIgnoringAsciiCase("Th", "the"));
  EXPECT_EQ(AsciiLower("ÀB c"), "Àb c");
}

TEST(QuoteForError, QuotesOnOneShortLine) {
  EXPECT_EQ(QuoteForError("a\nb"), "\"a b\"");
  EXPECT_EQ(QuoteForError(std::string(100, 'x')).size(), 2 + 60 + 3);  // 60 chars and "…"
}

}  // namespace
}  // namespace winnow::tasks
