#include "winnow/ops/sample_step.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winnow {
namespace {

// Feeds records {"i": 0..n-1} in batches of `batch_size` through `step`; returns the i's that come
// out (from Process and from Finish), in order.
std::vector<int64_t> RunSample(Step& step, int n, int batch_size) {
  static const std::string source = "s.jsonl";
  simdjson::dom::parser parser;
  std::vector<int64_t> out;
  auto collect = [&](Batch& batch) {
    for (const auto& record : batch.records) {
      int64_t i = -1;
      EXPECT_FALSE(record.Field("i").get_int64().get(i));
      out.push_back(i);
    }
  };
  EXPECT_TRUE(step.Open(1).ok());
  for (int start = 0; start < n; start += batch_size) {
    Batch batch;
    for (int i = start; i < std::min(n, start + batch_size); ++i) {
      RecordOrigin origin;
      origin.source = &source;
      origin.byte_offset = static_cast<uint64_t>(i) * 10;
      batch.records.push_back(Record::Owned("{\"i\": " + std::to_string(i) + "}", origin));
      EXPECT_TRUE(batch.records.back().Parse(parser).ok());
    }
    StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
    EXPECT_TRUE(step.Process(batch, ctx).ok());
    collect(batch);
  }
  Batch tail;
  StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
  EXPECT_TRUE(step.Finish(tail, ctx).ok());
  collect(tail);
  return out;
}

TEST(SampleStepTest, ReservoirGivesExactlyNInInputOrder) {
  ReservoirSampleStep step(50, 9);
  std::vector<int64_t> kept = RunSample(step, 1000, 37);
  ASSERT_EQ(kept.size(), 50u);
  EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
  EXPECT_EQ(step.counters().Get("seen"), 1000u);
  // Not just the first 50: a uniform sample reaches far into the stream.
  EXPECT_GT(kept.back(), 500);
}

TEST(SampleStepTest, ReservoirIsSeededAndIndependentOfBatching) {
  ReservoirSampleStep a(20, 5), b(20, 5), c(20, 6);
  std::vector<int64_t> first = RunSample(a, 500, 7);
  EXPECT_EQ(first, RunSample(b, 500, 100));
  EXPECT_NE(first, RunSample(c, 500, 7));
}

TEST(SampleStepTest, ReservoirSmallerInputKeepsEverything) {
  ReservoirSampleStep step(10, 1);
  EXPECT_EQ(RunSample(step, 4, 3), (std::vector<int64_t>{0, 1, 2, 3}));
}

TEST(SampleStepTest, FractionIsDeterministicAndNearTheRate) {
  FractionSampleStep a(0.25, 3), b(0.25, 3);
  std::vector<int64_t> first = RunSample(a, 4000, 64);
  EXPECT_EQ(first, RunSample(b, 4000, 999));
  EXPECT_NEAR(static_cast<double>(first.size()), 1000.0, 120.0);
  EXPECT_TRUE(std::is_sorted(first.begin(), first.end()));
}

TEST(SampleStepTest, OptionsAreValidated) {
  StepOptions both("sample", {{"n", "3"}, {"fraction", "0.1"}});
  EXPECT_FALSE(CreateSampleStep(both).has_value());
  StepOptions bad("sample", {{"fraction", "1.5"}});
  EXPECT_FALSE(CreateSampleStep(bad).has_value());
  StepOptions good("sample", {{"n", "3"}, {"seed", "4"}});
  EXPECT_TRUE(CreateSampleStep(good).has_value());
}

}  // namespace
}  // namespace winnow
