// `-o FILE`: compression by extension, --max-rows-per-file shards, CSV output, and atomic writes
// (a failed or interrupted run leaves no output and no temp file; an old output survives).

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string TenRecords() {
  std::string text;
  for (int i = 1; i <= 10; ++i) {
    text += "{\"i\":" + std::to_string(i) + ",\"s\":\"v" + std::to_string(i) + "\"}\n";
  }
  return text;
}

CommandResult Head(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"head", "-n", "1000"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunWinnow(args);
}

TEST(Output, GzipOutputIsRealGzipAndReadableByWinnow) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords());
  std::string output = dir.Join("out.jsonl.gz");
  CommandResult result = Head({input, "-o", output});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  std::string bytes = TempDir::ReadPath(output);
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(bytes.substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(GzipDecompress(bytes), TenRecords());
  CommandResult count = RunWinnow({"count", output});
  EXPECT_EQ(count.out, "10\n") << Describe(count);
  EXPECT_EQ(Head({output}).out, TenRecords());
}

TEST(Output, ZstdOutputIsRealZstdAndReadableByWinnow) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords());
  std::string output = dir.Join("out.jsonl.zst");
  CommandResult result = Head({input, "-o", output});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  std::string bytes = TempDir::ReadPath(output);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), "\x28\xb5\x2f\xfd");
  EXPECT_EQ(ZstdDecompress(bytes), TenRecords());
  CommandResult count = RunWinnow({"count", output});
  EXPECT_EQ(count.out, "10\n") << Describe(count);
}

TEST(Output, ConcatenatedCompressedMembersAreRead) {
  TempDir dir;
  std::string gz =
      dir.Write("two.jsonl.gz", GzipCompress("{\"a\":1}\n") + GzipCompress("{\"a\":2}\n"));
  std::string zst =
      dir.Write("two.jsonl.zst", ZstdCompress("{\"a\":1}\n") + ZstdCompress("{\"a\":2}\n"));
  EXPECT_EQ(Head({gz}).out, "{\"a\":1}\n{\"a\":2}\n");
  EXPECT_EQ(Head({zst}).out, "{\"a\":1}\n{\"a\":2}\n");
}

TEST(Output, MaxRowsPerFileWritesNumberedShardsInOrder) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords());
  dir.MakeDir("out");
  CommandResult result = Head({input, "-o", dir.Join("out/out.jsonl"), "--max-rows-per-file", "3"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(dir.List("out"), ElementsAre("out-00000-of-00004.jsonl", "out-00001-of-00004.jsonl",
                                           "out-00002-of-00004.jsonl", "out-00003-of-00004.jsonl"));
  std::string joined;
  for (const std::string& name : dir.List("out")) {
    std::string part = dir.Read("out/" + name);
    EXPECT_EQ(SplitLines(part).size(), name.starts_with("out-00003") ? 1u : 3u) << name;
    joined += part;
  }
  EXPECT_EQ(joined, TenRecords());
}

TEST(Output, MaxRowsPerFileWithCompression) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords());
  dir.MakeDir("out");
  CommandResult result =
      Head({input, "-o", dir.Join("out/part.jsonl.gz"), "--max-rows-per-file", "5"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(dir.List("out"),
              ElementsAre("part-00000-of-00002.jsonl.gz", "part-00001-of-00002.jsonl.gz"));
  EXPECT_EQ(GzipDecompress(dir.Read("out/part-00000-of-00002.jsonl.gz")) +
                GzipDecompress(dir.Read("out/part-00001-of-00002.jsonl.gz")),
            TenRecords());
}

TEST(Output, CsvOutputQuotesWhereNeeded) {
  TempDir dir;
  std::string input =
      dir.Write("in.jsonl",
                "{\"a\":\"x,y\",\"b\":\"q\\\"z\",\"c\":null,\"d\":1.5}\n{\"a\":\"p\",\"b\":\"r\","
                "\"c\":\"s\",\"d\":2}\n");
  std::string output = dir.Join("out.csv");
  CommandResult result = Head({input, "-o", output});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(TempDir::ReadPath(output), "a,b,c,d\n\"x,y\",\"q\"\"z\",,1.5\np,r,s,2\n");
  EXPECT_EQ(RunWinnow({"count", output}).out, "2\n");
  EXPECT_EQ(Head({output}).out,
            "{\"a\":\"x,y\",\"b\":\"q\\\"z\",\"c\":null,\"d\":1.5}\n"
            "{\"a\":\"p\",\"b\":\"r\",\"c\":\"s\",\"d\":2}\n");
}

TEST(Output, JsonOutputIsAnArrayWinnowReadsBack) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords());
  std::string output = dir.Join("out.json");
  ASSERT_EQ(Head({input, "-o", output}).exit_code, 0);
  EXPECT_TRUE(TempDir::ReadPath(output).starts_with("[")) << TempDir::ReadPath(output);
  EXPECT_EQ(Head({output}).out, TenRecords());
}

TEST(Output, FailedRunKeepsTheOldOutput) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", "{\"a\":1}\n{\"a\":,}\n");
  std::string output = dir.Write("out.jsonl", "OLD\n");
  CommandResult result = Head({input, "-o", output});
  ExpectOneLineError(result, 1);
  EXPECT_EQ(TempDir::ReadPath(output), "OLD\n");
  ExpectNoTempFiles(dir.List());
}

TEST(Output, FailedShardedRunLeavesNoParts) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords() + "{\"bad\":,}\n");
  dir.MakeDir("out");
  CommandResult result = Head({input, "-o", dir.Join("out/out.jsonl"), "--max-rows-per-file", "2"});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(dir.List("out"), ::testing::IsEmpty());
}

TEST(Output, MissingOutputFolderIsOneLineError) {
  TempDir dir;
  std::string input = dir.Write("in.jsonl", TenRecords());
  CommandResult result = Head({input, "-o", dir.Join("no/such/out.jsonl")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(dir.Join("no/such/out.jsonl")));
}

// SIGINT while reading: exit 130, "interrupted", and no output or temp file.
TEST(Output, InterruptedRunExits130AndLeavesNothing) {
  TempDir dir;
  std::string output = dir.Join("out.jsonl");
  WinnowProcess process({"head", "-n", "1000", "-", "-o", output});
  process.WriteStdinNow("{\"a\":1}\n{\"a\":2}\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // time to install its handler
  process.Signal(SIGINT);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CommandResult result = process.Wait(/*keep_stdin_open=*/false, std::chrono::seconds(20));
  EXPECT_EQ(result.exit_code, 130) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("interrupted"));
  EXPECT_THAT(dir.List(), ::testing::IsEmpty());
}

// KNOWN BUG: SIGINT is only noticed between reads. LocalFileSystem's ReadRetrying retries read()
// on EINTR without checking InterruptRequested(), so `winnow count -` waiting on a terminal or an
// idle pipe ignores Ctrl-C until more input or EOF arrives (a second Ctrl-C _exit(130)s and
// leaves "<output>.tmp-PID-N" behind). Expected: exit 130 promptly, nothing left.
TEST(Output, KnownBugInterruptWhileWaitingOnStdinExitsPromptly) {
  TempDir dir;
  std::string output = dir.Join("out.jsonl");
  WinnowProcess process({"head", "-n", "1000", "-", "-o", output});
  process.WriteStdinNow("{\"a\":1}\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  process.Signal(SIGINT);
  CommandResult result = process.Wait(/*keep_stdin_open=*/true, std::chrono::seconds(3));
  EXPECT_EQ(result.exit_code, 130) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("interrupted"));
}

}  // namespace
}  // namespace winnow::cli_test
