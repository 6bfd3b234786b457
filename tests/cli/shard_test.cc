// `--shard i/N`: the slices 0..N-1 together are the whole input, in order, with nothing lost or
// read twice, over several files of different sizes and formats.

#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

std::string JsonlRecords(const std::string& file, int count, int pad_modulo) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    std::string pad(static_cast<size_t>(pad_modulo > 0 ? i % pad_modulo : 0), 'x');
    text += "{\"f\":\"" + file + "\",\"i\":" + std::to_string(i) + ",\"t\":\"" + pad + "\"}\n";
  }
  return text;
}

// A folder with three JSONL files of different sizes, a .jsonl.gz and a .csv.
class ShardTest : public ::testing::TestWithParam<int> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    dir_->Write("data/a.jsonl", JsonlRecords("a", 50, 37));
    dir_->Write("data/b.jsonl", JsonlRecords("b", 3, 0));
    dir_->Write("data/c.jsonl", JsonlRecords("c", 400, 101));
    dir_->Write("data/d.jsonl.gz", GzipCompress(JsonlRecords("d", 120, 5)));
    std::string csv = "f,i\n";
    for (int i = 0; i < 77; ++i) csv += "e," + std::to_string(i) + "\n";
    dir_->Write("data/e.csv", csv);
    CommandResult all = RunWinnow({"head", "-n", "100000000", dir_->Join("data")});
    ASSERT_EQ(all.exit_code, 0) << Describe(all);
    unsharded_ = new std::string(all.out);
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete unsharded_;
    dir_ = nullptr;
    unsharded_ = nullptr;
  }

  static TempDir* dir_;
  static std::string* unsharded_;
};

TempDir* ShardTest::dir_ = nullptr;
std::string* ShardTest::unsharded_ = nullptr;

TEST_P(ShardTest, ConcatenatedShardsEqualTheUnshardedOutput) {
  const int n = GetParam();
  ASSERT_EQ(SplitLines(*unsharded_).size(), 50u + 3 + 400 + 120 + 77);
  std::string joined;
  TempDir out;
  for (int i = 0; i < n; ++i) {
    std::string spec = std::to_string(i) + "/" + std::to_string(n);
    std::string output = out.Join("shard-" + std::to_string(i) + ".jsonl");
    CommandResult result =
        RunWinnow({"head", "-n", "100000000", "--shard", spec, dir_->Join("data"), "-o", output});
    ASSERT_EQ(result.exit_code, 0) << spec << "\n" << Describe(result);
    joined += TempDir::ReadPath(output);
  }
  EXPECT_TRUE(joined == *unsharded_) << "shards of " << n << " differ from the unsharded output";
  EXPECT_EQ(SplitLines(joined), SplitLines(*unsharded_));
}

TEST_P(ShardTest, ShardCountsSumToTheTotal) {
  const int n = GetParam();
  uint64_t total = 0;
  for (int i = 0; i < n; ++i) {
    std::string spec = std::to_string(i) + "/" + std::to_string(n);
    CommandResult result = RunWinnow({"count", "--shard", spec, dir_->Join("data")});
    ASSERT_EQ(result.exit_code, 0) << spec << "\n" << Describe(result);
    total += std::stoull(result.out);
  }
  EXPECT_EQ(total, 650u);
}

INSTANTIATE_TEST_SUITE_P(ShardCounts, ShardTest, ::testing::Values(1, 2, 3, 7));

TEST(Shard, BadSpecsAreUsageErrors) {
  TempDir dir;
  std::string input = dir.Write("data.jsonl", "{\"a\":1}\n");
  for (const char* spec : {"3/3", "0/0", "abc", "-1/2", "1/"}) {
    SCOPED_TRACE(spec);
    CommandResult result = RunWinnow({"count", "--shard", spec, input});
    ExpectOneLineError(result, 2);
    EXPECT_THAT(result.err, HasSubstr(std::string("--shard ") + spec));
  }
}

TEST(Shard, StdinCannotBeSharded) {
  CommandResult result = RunWinnow({"count", "--shard", "0/2", "-"}, "{\"a\":1}\n");
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("stdin"));
}

// A shard that starts mid-file cannot know the line number; it names the record's byte offset
// in the file instead (RecordOrigin: "file:@byte N").
TEST(Shard, ErrorInALaterShardNamesTheFileByteOffset) {
  TempDir dir;
  std::string text;
  size_t bad_offset = 0;
  for (int i = 1; i <= 100; ++i) {
    if (i == 80) bad_offset = text.size();
    text += i == 80 ? "{\"i\":80,,}\n" : "{\"i\":" + std::to_string(i) + "}\n";
  }
  std::string input = dir.Write("data.jsonl", text);
  CommandResult result = RunWinnow({"count", "--shard", "1/2", input});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(input + ":"));
  EXPECT_THAT(result.err, HasSubstr(std::to_string(bad_offset)));
}

// KNOWN BUG: a JSONL file that starts with a UTF-8 byte-order mark loses its first record when a
// shard boundary falls inside the first 3 bytes. The JSONL reader gives the first record offset 3
// (after the BOM), so the shard [0, 3) reads nothing, and the next shard (opened at byte 2, where
// the byte before is 0xBF, not '\n') skips that record as the previous shard's.
// Repro: printf '\xef\xbb\xbf{"a":1}\n{"a":2}\n{"a":3}\n' > bom.jsonl (27 bytes);
// `winnow count --shard i/7 bom.jsonl` for i = 0..6 sums to 2, not 3, and shard 0 also warns
// "bom.jsonl: no records (empty file)". (Any N with a boundary at byte 1..3 does this: 10, 12, ...)
TEST(Shard, KnownBugByteOrderMarkFileLosesNoRecordWhenABoundaryFallsInTheMark) {
  TempDir dir;
  std::string input = dir.Write("bom.jsonl", "\xEF\xBB\xBF{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
  for (int n : {2, 7, 10}) {
    SCOPED_TRACE("N=" + std::to_string(n));
    std::string joined;
    for (int i = 0; i < n; ++i) {
      std::string spec = std::to_string(i) + "/" + std::to_string(n);
      CommandResult result = RunWinnow({"head", "-q", "--shard", spec, input});
      ASSERT_EQ(result.exit_code, 0) << Describe(result);
      joined += result.out;
    }
    EXPECT_EQ(joined, "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
  }
}

}  // namespace
}  // namespace winnow::cli_test
