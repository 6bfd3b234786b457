#include "winnow/stats/report_format.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace winnow {
namespace {

TEST(ReportFormat, Counts) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
}

TEST(ReportFormat, Bytes) {
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(5678901), "5.4 MiB");
  EXPECT_EQ(FormatBytes(uint64_t{3} << 30), "3.0 GiB");
}

TEST(ReportFormat, Numbers) {
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(1204), "1,204");
  EXPECT_EQ(FormatNumber(-3), "-3");
  EXPECT_EQ(FormatNumber(210.5), "210.5");
  EXPECT_EQ(FormatNumber(3.14159), "3.14");
  EXPECT_EQ(FormatNumber(1234.56), "1,234.6");
  EXPECT_EQ(FormatNumber(0.0123), "0.0123");
  EXPECT_EQ(FormatNumber(1.5e-7), "1.5e-07");
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::quiet_NaN()), "n/a");
  EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(ReportFormat, PercentNeverHidesASingleRow) {
  EXPECT_EQ(FormatPercent(1, 0), "-");
  EXPECT_EQ(FormatPercent(0, 10), "0%");
  EXPECT_EQ(FormatPercent(10, 10), "100%");
  EXPECT_EQ(FormatPercent(123, 1000), "12.3%");
  EXPECT_EQ(FormatPercent(1, 100000), "<0.1%");
  EXPECT_EQ(FormatPercent(99999, 100000), ">99.9%");
}

TEST(ReportFormat, SecondsAndRows) {
  EXPECT_EQ(FormatSeconds(0.042), "42 ms");
  EXPECT_EQ(FormatSeconds(2.5), "2.50 s");
  EXPECT_EQ(FormatSeconds(200), "3 min 20 s");
  RowRef row;
  row.source = "a.jsonl";
  row.line = 17;
  row.index = 16;
  EXPECT_EQ(FormatRowRef(row), "a.jsonl:17");
  row.line = 0;  // unknown (sharded input): the record index instead
  EXPECT_EQ(FormatRowRef(row), "a.jsonl#16");
  EXPECT_EQ(FormatBinRange({1, 2.5, 3}), "1 \u2013 2.5");
  EXPECT_EQ(FormatBinRange({4, 4, 3}), "4");
}

TEST(ReportFormat, ColumnKinds) {
  ColumnProfile column;
  EXPECT_EQ(ColumnKind(column), "null");
  column.types = {{"int", 3}, {"float", 2}};
  EXPECT_EQ(ColumnKind(column), "number");
  column.types = {{"int", 3}, {"string", 2}};
  EXPECT_EQ(ColumnKind(column), "mixed");
  column.types = {{"string", 2}};
  column.string_kind = StringKind::kLabel;
  EXPECT_EQ(ColumnKind(column), "label");
  column.types = {{"list", 2}};
  column.message_lists = 2;
  EXPECT_EQ(ColumnKind(column), "messages");
  EXPECT_EQ(FormatTypeCounts({{"int", 3}, {"string", 1000}}), "string 1,000, int 3");
}

TEST(ReportFormat, SanitizeReplacesWhatCouldFoolAReader) {
  EXPECT_EQ(SanitizeText("a\nb\tc"), "a b c");
  EXPECT_EQ(SanitizeText("\x1b[2J"), "\uFFFD[2J");
  EXPECT_EQ(SanitizeText("bad\xff"), "bad\uFFFD");
  EXPECT_EQ(SanitizeText("rtl \u202Eoverride"), "rtl \uFFFDoverride");
  EXPECT_EQ(SanitizeText("caf\u00e9 \u6f22"), "caf\u00e9 \u6f22");
}

TEST(ReportFormat, DisplayWidth) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("\u6f22\u5b57"), 4u);        // wide CJK
  EXPECT_EQ(DisplayWidth("\U0001F600"), 2u);          // emoji
  EXPECT_EQ(DisplayWidth("e\u0301"), 1u);             // combining accent
  EXPECT_EQ(DisplayWidth("\u2588\u2026\u2013"), 3u);  // bars, ellipsis, dash
}

TEST(ReportFormat, FitWidth) {
  EXPECT_EQ(FitWidth("hello", 10), "hello");
  EXPECT_EQ(FitWidth("hello world", 8), "hello w\u2026");
  EXPECT_EQ(FitWidth("\u6f22\u5b57\u6f22\u5b57", 6), "\u6f22\u5b57\u2026");  // never half a glyph
  EXPECT_EQ(FitWidthLeft("/data/long/train.jsonl", 12), "\u2026train.jsonl");
  EXPECT_EQ(DisplayWidth(FitWidth(std::string(500, 'x'), 60)), 60u);
}

TEST(ReportFormat, WrapText) {
  EXPECT_EQ(WrapText("one two three four", 9),
            (std::vector<std::string>{"one two", "three", "four"}));
  EXPECT_EQ(WrapText("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
  EXPECT_EQ(WrapText("", 10), (std::vector<std::string>{""}));
}

TEST(ReportFormat, Padding) {
  EXPECT_EQ(PadLeft("7", 3), "  7");
  EXPECT_EQ(PadRight("\u6f22", 3), "\u6f22 ");
  EXPECT_EQ(PadRight("toolong", 3), "toolong");
}

}  // namespace
}  // namespace winnow
