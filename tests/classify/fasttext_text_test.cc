// fasttext_text: one line per text, labels as one token, words that would read as labels defused.

#include "winnow/classify/fasttext_text.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

std::string Line(std::string_view text) {
  std::string out;
  AppendFastTextText(text, &out);
  return out;
}

TEST(FastTextText, NewlinesBecomeSpaces) {
  EXPECT_EQ(Line("a\nb\r\nc"), "a b  c");
  EXPECT_EQ(Line("tabs\tstay"), "tabs\tstay");
}

TEST(FastTextText, WordsThatLookLikeLabelsStayWords) {
  EXPECT_EQ(Line("__label__x and y__label__z"), "_label__x and y__label__z");
  EXPECT_EQ(Line("a\n__label__b"), "a _label__b");
  // Idempotent: normalising a normalised line changes nothing.
  EXPECT_EQ(Line(Line("__label__x")), "_label__x");
}

TEST(FastTextText, LabelsBecomeOneToken) {
  EXPECT_EQ(FastTextSafeLabel("very good"), "very_good");
  EXPECT_EQ(FastTextSafeLabel("a\tb\nc"), "a_b_c");
  EXPECT_EQ(FastTextSafeLabel("hq"), "hq");
}

TEST(FastTextText, BlankMeansNoWords) {
  EXPECT_TRUE(IsFastTextBlank(""));
  EXPECT_TRUE(IsFastTextBlank(" \n\t"));
  EXPECT_FALSE(IsFastTextBlank(" x "));
}

}  // namespace
}  // namespace winnow
