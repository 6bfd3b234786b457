// `--on-error skip --reject FILE`: malformed records are counted, reported on stderr and written
// with their reason to the reject JSONL; the good records flow on in order.

#include <simdjson.h>

#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

struct RejectLine {
  std::string step;
  std::string reason;
  std::string source;
  int64_t line = -1;
  std::string raw;
};

std::vector<RejectLine> ParseRejects(const std::string& jsonl) {
  std::vector<RejectLine> rejects;
  simdjson::dom::parser parser;
  for (const std::string& text : SplitLines(jsonl)) {
    if (text.empty()) continue;
    simdjson::dom::element doc;
    auto error = parser.parse(text).get(doc);
    EXPECT_EQ(error, simdjson::SUCCESS) << "reject line is not JSON: " << text;
    if (error) continue;
    RejectLine reject;
    std::string_view value;
    if (!doc["step"].get(value)) reject.step = value;
    if (!doc["reason"].get(value)) reject.reason = value;
    if (!doc["source"].get(value)) reject.source = value;
    if (!doc["raw"].get(value)) reject.raw = value;
    int64_t line = 0;
    if (!doc["line"].get(line)) reject.line = line;
    rejects.push_back(reject);
  }
  return rejects;
}

// Ten records, ids 1..10, with lines 3 and 7 malformed.
const char kBadLine3[] = "{\"id\": 3,, \"x\": 1}";
const char kBadLine7[] = "{\"id\": \"unterminated}";

std::string TenWithTwoBad() {
  std::string text;
  for (int i = 1; i <= 10; ++i) {
    if (i == 3) {
      text += kBadLine3;
    } else if (i == 7) {
      text += kBadLine7;
    } else {
      text += "{\"id\":" + std::to_string(i) + "}";
    }
    text += "\n";
  }
  return text;
}

void ExpectTwoRejects(const std::string& reject_text) {
  std::vector<RejectLine> rejects = ParseRejects(reject_text);
  ASSERT_EQ(rejects.size(), 2u) << reject_text;
  const int64_t lines[] = {3, 7};
  const std::string raws[] = {kBadLine3, kBadLine7};
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(reject_text);
    EXPECT_EQ(rejects[i].step, "reader");
    EXPECT_EQ(rejects[i].line, lines[i]);
    EXPECT_THAT(rejects[i].reason, HasSubstr(":" + std::to_string(lines[i]) + ":"));
    EXPECT_THAT(rejects[i].source, HasSubstr("data.jsonl"));
    EXPECT_EQ(rejects[i].raw, raws[i]);
  }
}

TEST(Reject, CountSkipsBadLinesAndWritesThemWithReasons) {
  TempDir dir;
  std::string input = dir.Write("data.jsonl", TenWithTwoBad());
  std::string reject = dir.Join("rejects.jsonl");
  CommandResult result = RunWinnow({"count", "--on-error", "skip", "--reject", reject, input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, "8\n");
  EXPECT_THAT(result.err, HasSubstr("skipped 2 malformed record"));
  EXPECT_THAT(result.err, HasSubstr(reject));
  ExpectTwoRejects(TempDir::ReadPath(reject));
  ExpectNoTempFiles(dir.List());
}

TEST(Reject, HeadWritesTheGoodRecordsInOrder) {
  TempDir dir;
  std::string input = dir.Write("data.jsonl", TenWithTwoBad());
  std::string reject = dir.Join("rejects.jsonl");
  std::string output = dir.Join("out.jsonl");
  CommandResult result = RunWinnow(
      {"head", "-n", "100", "--on-error", "skip", "--reject", reject, input, "-o", output});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("skipped 2"));
  std::string expected;
  for (int i : {1, 2, 4, 5, 6, 8, 9, 10}) expected += "{\"id\":" + std::to_string(i) + "}\n";
  EXPECT_EQ(TempDir::ReadPath(output), expected);
  ExpectTwoRejects(TempDir::ReadPath(reject));
  ExpectNoTempFiles(dir.List());
}

TEST(Reject, SkipWithoutRejectFileSaysHowToKeepThem) {
  TempDir dir;
  std::string input = dir.Write("data.jsonl", TenWithTwoBad());
  CommandResult result = RunWinnow({"count", "--on-error", "skip", input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, "8\n");
  EXPECT_THAT(result.err, HasSubstr("skipped 2"));
  EXPECT_THAT(result.err, HasSubstr("--reject"));
}

TEST(Reject, DefaultStopsAtTheFirstBadLine) {
  TempDir dir;
  std::string input = dir.Write("data.jsonl", TenWithTwoBad());
  CommandResult result = RunWinnow({"count", input});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(input + ":3:"));
}

TEST(Reject, CsvRowsAreRejectedWithTheirLines) {
  TempDir dir;
  std::string input = dir.Write("data.csv", "a,b\n1,2\n3,x\xff\n4,5,6\n7,8\n");
  std::string reject = dir.Join("rejects.jsonl");
  CommandResult result = RunWinnow({"count", "--on-error", "skip", "--reject", reject, input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, "2\n");
  std::vector<RejectLine> rejects = ParseRejects(TempDir::ReadPath(reject));
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].line, 3);
  EXPECT_THAT(rejects[0].reason, HasSubstr("UTF-8"));
  EXPECT_EQ(rejects[1].line, 4);
  EXPECT_EQ(rejects[1].raw, "4,5,6");
}

TEST(Reject, BadElementsOfAJsonArrayAreSkipped) {
  TempDir dir;
  std::string input = dir.Write("data.json", "[{\"a\":1},\n{\"a\":,},\n{\"a\":3},\n5]\n");
  std::string reject = dir.Join("rejects.jsonl");
  CommandResult result = RunWinnow({"head", "--on-error", "skip", "--reject", reject, input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, "{\"a\":1}\n{\"a\":3}\n");
  std::vector<RejectLine> rejects = ParseRejects(TempDir::ReadPath(reject));
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].line, 2);
  EXPECT_EQ(rejects[0].raw, "{\"a\":,}");
  EXPECT_EQ(rejects[1].line, 4);
  EXPECT_THAT(rejects[1].reason, HasSubstr("expected an object"));
}

}  // namespace
}  // namespace winnow::cli_test
