#include "winnow/common/utf8.h"

#include <gtest/gtest.h>

#include "winnow/common/status.h"

namespace winnow {
namespace {

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("héllo"), 5u);
  EXPECT_EQ(CountCodePoints("日本語"), 3u);
  EXPECT_EQ(CountCodePoints("😀x"), 2u);
  std::string long_text;
  for (int i = 0; i < 1000; ++i) long_text += "aé日😀";
  EXPECT_EQ(CountCodePoints(long_text), 4000u);
}

TEST(Utf8Test, FindsInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8("héllo 😀"));
  EXPECT_EQ(FindInvalidUtf8("héllo"), 6u);
  EXPECT_EQ(FindInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("a\xc3"), 1u);             // truncated
  EXPECT_EQ(FindInvalidUtf8("a\xc0\xaf"), 1u);         // overlong
  EXPECT_EQ(FindInvalidUtf8("a\xed\xa0\x80"), 1u);     // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("ab\xff"));
}

TEST(Utf8Test, SnippetsCutOnCodePointsAndFlattenLines) {
  EXPECT_EQ(Snippet("short", 10), "short");
  EXPECT_EQ(Snippet("a\nb\tc", 10), "a b c");
  EXPECT_EQ(Snippet("日本語テキスト", 3), "日本語…");
}

TEST(Utf8Test, AppendsUtf8) {
  std::string out;
  AppendUtf8(0x41, &out);
  AppendUtf8(0xE9, &out);
  AppendUtf8(0x65E5, &out);
  AppendUtf8(0x1F600, &out);
  EXPECT_EQ(out, "Aé日😀");
}

TEST(StatusTest, CarriesMessagesAndPrefixes) {
  Status ok = Status::OK();
  EXPECT_TRUE(ok.ok());
  Status bad = Status::InvalidInput("x.jsonl:3: bad");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.WithPrefix("step").message(), "step: x.jsonl:3: bad");
  EXPECT_EQ(bad.ToString(), "invalid input: x.jsonl:3: bad");
}

Result<int> Half(int value) {
  if (value % 2) return Error(Status::InvalidArgument("odd"));
  return value / 2;
}

Result<int> Quarter(int value) {
  WINNOW_ASSIGN_OR_RETURN(int half, Half(value));
  WINNOW_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckEven(int value) {
  WINNOW_ASSIGN_OR_RETURN(int half, Half(value));
  (void)half;
  return Status::OK();
}

TEST(StatusTest, MacrosPropagateErrors) {
  EXPECT_EQ(Quarter(8).value(), 2);
  EXPECT_EQ(Quarter(6).error().message(), "odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(3).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow
