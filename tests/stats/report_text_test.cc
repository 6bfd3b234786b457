#include "winnow/stats/report_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/common/utf8.h"
#include "winnow/stats/report_format.h"

namespace winnow::test {
DatasetProfile SampleProfile();  // report_fixture_test.cc
}  // namespace winnow::test

namespace winnow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class TextWidthTest : public ::testing::TestWithParam<size_t> {};

TEST_P(TextWidthTest, NoLineExceedsTheWidth) {
  const size_t width = GetParam();
  std::string text = RenderProfileText(test::SampleProfile(), width);
  std::vector<std::string> lines = Lines(text);
  ASSERT_GT(lines.size(), 50u);
  for (const std::string& line : lines) {
    EXPECT_LE(DisplayWidth(line), width) << line;
    EXPECT_LE(CountCodePoints(line), width) << line;
    EXPECT_TRUE(IsValidUtf8(line)) << line;
  }
}

INSTANTIATE_TEST_SUITE_P(Widths, TextWidthTest, ::testing::Values(60, 80, 120));

TEST(RenderProfileText, NarrowWidthsAreLaidOutAsSixty) {
  for (const std::string& line : Lines(RenderProfileText(test::SampleProfile(), 20))) {
    EXPECT_LE(DisplayWidth(line), 60u) << line;
  }
}

TEST(RenderProfileText, HeaderHasTheTotals) {
  std::string text = RenderProfileText(test::SampleProfile(), 100);
  EXPECT_THAT(text, HasSubstr("rows 1,000"));
  EXPECT_THAT(text, HasSubstr("bytes 5.4 MiB"));
  EXPECT_THAT(text, HasSubstr("seconds 420 ms"));
  EXPECT_THAT(text, HasSubstr("bad records 2"));
  EXPECT_THAT(text, HasSubstr("warnings 1"));
  EXPECT_THAT(text, HasSubstr("data/train.jsonl"));
  EXPECT_THAT(text, HasSubstr("! 2 records skipped"));
}

TEST(RenderProfileText, ColumnsTableListsEveryColumn) {
  std::string text = RenderProfileText(test::SampleProfile(), 120);
  EXPECT_THAT(text, HasSubstr("Columns (9)"));
  EXPECT_THAT(text, HasSubstr("string 5, int 3"));
  for (const char* kind :
       {"text", "label", "number", "list", "bool", "object", "messages", "mixed", "null"}) {
    EXPECT_THAT(text, HasSubstr(kind));
  }
  EXPECT_THAT(text, HasSubstr("90.0%"));  // tags present in 900 of 1000 rows
}

TEST(RenderProfileText, NumberColumnShowsStatisticsAndHistogram) {
  std::string text = RenderProfileText(test::SampleProfile(), 100);
  EXPECT_THAT(text, HasSubstr("min -1.5"));
  EXPECT_THAT(text, HasSubstr("max 2.75"));
  EXPECT_THAT(text, HasSubstr("median 0.5"));
  EXPECT_THAT(text, HasSubstr("std n/a"));  // NaN
  EXPECT_THAT(text, HasSubstr("\u2588"));   // block bars
  EXPECT_THAT(text, HasSubstr("0.625 \u2013 1.05"));
}

TEST(RenderProfileText, TextColumnShowsLengthsAndOutliers) {
  std::string text = RenderProfileText(test::SampleProfile(), 120);
  EXPECT_THAT(text, HasSubstr("length (chars)  min 3  max 1,203  mean 210.5  median 180"));
  EXPECT_THAT(text, HasSubstr("distinct \u2248950"));
  EXPECT_THAT(text, HasSubstr("empty 4 (0.4%)"));
  EXPECT_THAT(text, HasSubstr("data/train.jsonl:17"));
  EXPECT_THAT(text, HasSubstr("part-00042.jsonl#42"));  // no line: record index
  EXPECT_THAT(text, HasSubstr("Lorem ipsum"));
}

TEST(RenderProfileText, LabelsListsAndBools) {
  std::string text = RenderProfileText(test::SampleProfile(), 100);
  EXPECT_THAT(text, HasSubstr("positive"));
  EXPECT_THAT(text, HasSubstr("60.0%"));
  EXPECT_THAT(text, HasSubstr("<script>alert(1)</script>"));  // plain text needs no escaping
  EXPECT_THAT(text, HasSubstr("list length"));
  EXPECT_THAT(text, HasSubstr("item types  string 1,350"));
  EXPECT_THAT(text, HasSubstr("true 700 (70.0%)  false 300 (30.0%)"));
  EXPECT_THAT(text, HasSubstr("keys  source 1,000  lang 800"));
  EXPECT_THAT(text, HasSubstr("message lists 1,000"));
}

TEST(RenderProfileText, ConversationsSection) {
  std::string text = RenderProfileText(test::SampleProfile(), 120);
  EXPECT_THAT(text, HasSubstr("Conversations"));
  EXPECT_THAT(text, HasSubstr("conversations 1,000"));
  EXPECT_THAT(text, HasSubstr("with system 120 (12.0%)"));
  EXPECT_THAT(text, HasSubstr("not alternating 3 (0.3%)"));
  EXPECT_THAT(text, HasSubstr("empty messages 2"));
  EXPECT_THAT(text, HasSubstr("filler endings 23 (2.3%)"));
  EXPECT_THAT(text, HasSubstr("Thank you!"));
  EXPECT_THAT(text, Not(HasSubstr("Thanks")));  // at most three examples
  EXPECT_THAT(text, HasSubstr("first roles  user 880 (88.0%)  system 120 (12.0%)"));
  EXPECT_THAT(text, HasSubstr("last roles  assistant 990 (99.0%)  user 10 (1.0%)"));
  EXPECT_THAT(text, HasSubstr("120.25"));  // user mean chars
  EXPECT_THAT(text, HasSubstr("role/content"));
}

TEST(RenderProfileText, DuplicatesAndTrl) {
  std::string text = RenderProfileText(test::SampleProfile(), 80);
  EXPECT_THAT(text, HasSubstr("duplicate rows 50 (5.0%)"));
  EXPECT_THAT(text, HasSubstr("{\"text\":\"Hello\"}"));
  EXPECT_THAT(text, HasSubstr("#2  data/train.jsonl:5"));  // first copy, then where it repeats
  EXPECT_THAT(text, HasSubstr("type language_modeling  form conversational"));
  EXPECT_THAT(text, HasSubstr("\u2022 SFTTrainer: accepts as is"));
}

TEST(RenderProfileText, AdviceIsWrappedNotCut) {
  std::string text = RenderProfileText(test::SampleProfile(), 120);
  EXPECT_THAT(text, HasSubstr("/a/very/long/path/that/does/not/fit/on/one/line/at/sixty/columns/"
                              "rejects.jsonl"));
}

TEST(RenderProfileText, NarrowColumnsTableNamesTypesWithoutCounts) {
  std::string text = RenderProfileText(test::SampleProfile(), 60);
  EXPECT_THAT(text, HasSubstr("string, int"));
  EXPECT_THAT(text, Not(HasSubstr("1,0\u2026")));  // no half-cut count
}

TEST(RenderProfileText, HostileTextCannotReachTheTerminal) {
  std::string text = RenderProfileText(test::SampleProfile(), 200);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find("\u202E"), std::string::npos);
  EXPECT_THAT(text, HasSubstr("escape \uFFFD[31mred"));
}

TEST(RenderProfileText, EmptyProfile) {
  std::string text = RenderProfileText(DatasetProfile{}, 80);
  EXPECT_THAT(text, HasSubstr("rows 0"));
  EXPECT_THAT(text, HasSubstr("no columns"));
  EXPECT_THAT(text, HasSubstr("type unknown"));
  for (const std::string& line : Lines(text)) EXPECT_LE(DisplayWidth(line), 80u);
}

// Sets or unsets $COLUMNS for one scope and restores it after.
class ScopedColumns {
 public:
  explicit ScopedColumns(const char* value) {
    if (const char* old = std::getenv("COLUMNS")) old_ = old;
    if (value) {
      setenv("COLUMNS", value, 1);
    } else {
      unsetenv("COLUMNS");
    }
  }
  ~ScopedColumns() {
    if (old_) {
      setenv("COLUMNS", old_->c_str(), 1);
    } else {
      unsetenv("COLUMNS");
    }
  }

 private:
  std::optional<std::string> old_;
};

TEST(TerminalWidth, UsesColumnsWhenNotATerminal) {
  size_t width = TerminalWidth();
  EXPECT_GE(width, 60u);
  EXPECT_LE(width, 200u);
  if (isatty(STDOUT_FILENO)) GTEST_SKIP() << "stdout is a terminal: $COLUMNS is not consulted";
  {
    ScopedColumns columns("150");
    EXPECT_EQ(TerminalWidth(), 150u);
  }
  {
    ScopedColumns columns("10");
    EXPECT_EQ(TerminalWidth(), 60u);
  }
  {
    ScopedColumns columns("999");
    EXPECT_EQ(TerminalWidth(), 200u);
  }
  {
    ScopedColumns columns("wide");
    EXPECT_EQ(TerminalWidth(), 100u);
  }
  {
    ScopedColumns columns(nullptr);
    EXPECT_EQ(TerminalWidth(), 100u);
  }
}

}  // namespace
}  // namespace winnow
