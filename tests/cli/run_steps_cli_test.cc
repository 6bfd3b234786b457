// winnow run with steps that are not LLM tasks: rows a step holds back until the end (sample,
// keep_top) reach the writer; steps that gather per-batch results (dedup_signatures) see the
// batches numbered; parallel steps give the same output whatever the worker count.

#include <gtest/gtest.h>

#include <algorithm>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

std::string Rows(int count, bool varied_text) {
  std::string rows;
  for (int i = 0; i < count; ++i) {
    std::string text = "row " + std::to_string(i);
    if (varied_text) {
      // Some short, some long, some repetitive: gopher filters keep some and reject others.
      static const char* const kWords[] = {"the",  "data", "model",   "train", "a",
                                           "of",   "and",  "is",      "to",    "quality",
                                           "text", "with", "careful", "for"};
      const int words = 5 + (i * 37) % 140;
      uint32_t state = static_cast<uint32_t>(i) * 2654435761u + 1;
      text.clear();
      for (int w = 0; w < words; ++w) {
        state = state * 1664525u + 1013904223u;
        text += kWords[(state >> 16) % 14];
        text += ' ';
      }
      text += "end.";
    }
    rows += "{\"id\":" + std::to_string(i) + ",\"score\":" + std::to_string((i * 7) % 10) +
            ",\"text\":\"" + text + "\"}\n";
  }
  return rows;
}

TEST(RunStepsCliTest, RowsHeldUntilTheEndReachTheWriter) {
  TempDir dir;
  dir.Write("in.jsonl", Rows(10, false));
  const std::string pipeline = dir.Write("p.yaml", R"(steps:
  - step: read
    path: in.jsonl
  - step: sample
    n: 8
    seed: 3
  - step: keep_top
    column: score
    percent: 50
  - step: write
    path: out.jsonl
)");
  CommandResult result = RunWinnow({"run", pipeline, "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  const ParsedLines out = ParseLines(dir.Read("out.jsonl"));
  ASSERT_EQ(out.size(), 4u);  // half of the 8 sampled
  int64_t last_id = -1;
  for (const auto& row : out) {
    EXPECT_GT(Int(row["id"]), last_id);  // input order
    last_id = Int(row["id"]);
  }
}

TEST(RunStepsCliTest, DedupSignaturesSeeEveryBatchInOrder) {
  TempDir dir;
  dir.Write("in.jsonl", Rows(25000, false));  // several batches
  const std::string pipeline = dir.Write("p.yaml", R"(steps:
  - step: read
    path: in.jsonl
  - step: dedup_signatures
    dir: sigs
    method: exact
  - step: write
    path: out.jsonl
)");
  CommandResult result = RunWinnow({"run", pipeline, "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(SplitLines(dir.Read("out.jsonl")).size(), 25000u);
}

TEST(RunStepsCliTest, ParallelStepsGiveTheSameOutputWithAnyWorkerCount) {
  TempDir dir;
  dir.Write("in.jsonl", Rows(20000, true));
  const std::string pipeline = dir.Write("p.yaml", R"(steps:
  - step: read
    path: in.jsonl
  - step: gopher_quality
  - step: gopher_repetition
  - step: write
    path: out.jsonl
)");
  std::string first_out, first_rejected;
  for (const char* workers : {"1", "3"}) {
    CommandResult result = RunWinnow({"run", pipeline, "-q", "--workers", workers});
    ASSERT_EQ(result.exit_code, 0) << Describe(result);
    std::string out = dir.Read("out.jsonl");
    // Steps write their rejects as they go: each step's in input order, the steps interleaved.
    std::vector<std::string> rejected = SplitLines(dir.Read("p.run/rejected.jsonl"));
    std::sort(rejected.begin(), rejected.end());
    std::string sorted;
    for (const std::string& line : rejected) sorted += line + "\n";
    if (first_out.empty()) {
      first_out = out;
      first_rejected = sorted;
      EXPECT_GT(SplitLines(out).size(), 100u);
      EXPECT_GT(rejected.size(), 100u);
      continue;
    }
    EXPECT_EQ(out, first_out) << "workers " << workers;
    EXPECT_EQ(sorted, first_rejected) << "workers " << workers;
  }
}

}  // namespace
}  // namespace winnow::cli_test
