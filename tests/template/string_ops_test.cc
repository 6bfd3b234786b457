// Python str operations on UTF-8 text.

#include "winnow/template/string_ops.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace winnow::jinja {
namespace {

using ::testing::ElementsAre;

TEST(StringOpsTest, StripUsesPythonWhitespaceAndCodePoints) {
  EXPECT_EQ(Strip(" \t\n\u00a0x y\u3000\r\n", nullptr, true, true), "x y");
  EXPECT_EQ(Strip("  x  ", nullptr, true, false), "x  ");
  EXPECT_EQ(Strip("  x  ", nullptr, false, true), "  x");
  std::string chars = "éx";
  EXPECT_EQ(Strip("éxaéx", &chars, true, true), "a");
  EXPECT_EQ(Strip("\xff a \xff", nullptr, true, true), "\xff a \xff");  // invalid bytes stay
  EXPECT_EQ(Strip("   ", nullptr, true, true), "");
}

TEST(StringOpsTest, CaseMapping) {
  EXPECT_EQ(Upper("abc éñ ωж"), "ABC ÉÑ ΩЖ");
  EXPECT_EQ(Lower("ABC ÉÑ ΩЖ Ÿ"), "abc éñ ωж ÿ");
  EXPECT_EQ(Capitalize("hELLO wORLD"), "Hello world");
  EXPECT_EQ(PythonTitle("they're bill's 1st"), "They'Re Bill'S 1St");
  EXPECT_EQ(JinjaTitle("they're bill's-friend (x"), "They're Bill's-Friend (X");
  EXPECT_EQ(Upper("日本"), "日本");
}

TEST(StringOpsTest, SplitLikePython) {
  std::string comma = ",";
  EXPECT_THAT(Split("a,b,,c", &comma, -1, false), ElementsAre("a", "b", "", "c"));
  EXPECT_THAT(Split("a,b,c", &comma, 1, false), ElementsAre("a", "b,c"));
  EXPECT_THAT(Split("a,b,c", &comma, 1, true), ElementsAre("a,b", "c"));
  EXPECT_THAT(Split("  a  b ", nullptr, -1, false), ElementsAre("a", "b"));
  EXPECT_THAT(Split(" a b  ", nullptr, 1, false), ElementsAre("a", "b  "));
  EXPECT_THAT(Split(" a b c ", nullptr, 1, true), ElementsAre(" a b", "c"));
  EXPECT_THAT(Split("", nullptr, -1, false), ElementsAre());
  EXPECT_THAT(SplitLines("a\nb\r\nc\rd", false), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(SplitLines("a\nb\n", true), ElementsAre("a\n", "b\n"));
}

TEST(StringOpsTest, ReplaceCountsAndCaps) {
  std::string out;
  EXPECT_TRUE(Replace("aaa", "a", "bb", -1, 100, &out));
  EXPECT_EQ(out, "bbbbbb");
  EXPECT_TRUE(Replace("aaa", "a", "b", 2, 100, &out));
  EXPECT_EQ(out, "bba");
  EXPECT_TRUE(Replace("héllo", "", "-", -1, 100, &out));
  EXPECT_EQ(out, "-h-é-l-l-o-");
  EXPECT_FALSE(Replace(std::string(100, 'a'), "a", "xxxx", -1, 200, &out));
}

}  // namespace
}  // namespace winnow::jinja
