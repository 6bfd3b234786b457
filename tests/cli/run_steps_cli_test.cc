// winnow run with steps that are not LLM tasks: rows a step holds back until the end (sample,
// keep_top) reach the writer; steps that gather per-batch results (dedup_signatures) see the
// batches numbered; parallel steps give the same output whatever the worker count.

#include <gtest/gtest.h>

#include <algorithm>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"
#include "llm/test_llm_server.h"

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
  const ParsedLines out = RunPipelineRows(dir, {"run", pipeline, "-q"});
  ASSERT_EQ(out.size(), 4u);  // half of the 8 sampled
  int64_t last_id = -1;
  for (const auto& row : out) {
    EXPECT_GT(Int(row["id"]), last_id);  // input order
    last_id = Int(row["id"]);
  }
}

// The rate-then-keep-the-top-half recipe (examples/pipelines/rate_top_half.yaml) end to end.
TEST(RunStepsCliTest, RateThenKeepTheTopHalf) {
  testutil::TestLlmServer server;
  server.set_responder([](const testutil::RequestInfo& info) -> std::optional<std::string> {
    // The judge gives the response's number (responses are "answer <n>") as its rating.
    const std::string& user = info.messages.back().content;
    const size_t at = user.find("answer ");
    const int rating = at == std::string::npos ? 1 : 1 + std::atoi(user.c_str() + at + 7) % 10;
    return R"({"rationale":"ok","rating":)" + std::to_string(rating) + "}";
  });
  TempDir dir;
  std::string rows;
  for (int i = 0; i < 20; ++i) {
    rows += "{\"id\":" + std::to_string(i) + ",\"instruction\":\"q\",\"response\":\"answer " +
            std::to_string(i) + "\"}\n";
  }
  dir.Write("in.jsonl", rows);
  const std::string pipeline =
      dir.Write("p.yaml", "endpoints:\n  judge: {model: j, base_url: " + server.base_url() +
                              "}\nsteps:\n  - {step: read, path: in.jsonl}\n"
                              "  - {step: rate, endpoint: judge}\n"
                              "  - {step: keep_top, column: rating, percent: 50}\n"
                              "  - {step: write, path: out.jsonl}\n");
  const ParsedLines out = RunPipelineRows(dir, {"run", pipeline, "-q"});
  ASSERT_EQ(out.size(), 10u);
  // Ratings 1..10 twice over; the top half is the rows rated 6 to 10, in input order.
  std::vector<int64_t> ids;
  for (const auto& row : out) {
    EXPECT_GE(Int(row["rating"]), 6);
    ids.push_back(Int(row["id"]));
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{5, 6, 7, 8, 9, 15, 16, 17, 18, 19}));
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
