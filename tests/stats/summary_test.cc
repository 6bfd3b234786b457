#include "winnow/stats/summary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "winnow/stats/hash_counter.h"
#include "winnow/stats/hyperloglog.h"

namespace winnow {
namespace {

// Reference statistics computed the plain way, independently of the accumulators.
struct Reference {
  double min, max, mean, median, std;
};
Reference Compute(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  Reference r{};
  size_t n = values.size();
  r.min = values.front();
  r.max = values.back();
  r.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  r.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  double ss = 0;
  for (double v : values) ss += (v - r.mean) * (v - r.mean);
  r.std = std::sqrt(ss / n);
  return r;
}

TEST(IntegerAccumulatorTest, MatchesReferenceAndMerges) {
  std::mt19937_64 rng(1);
  std::lognormal_distribution<double> length(5, 1.5);
  IntegerAccumulator whole, left, right;
  std::vector<double> values;
  for (int i = 0; i < 20001; ++i) {
    auto v = static_cast<uint64_t>(length(rng));
    values.push_back(static_cast<double>(v));
    whole.Add(v);
    (i % 3 ? left : right).Add(v);
  }
  left.Merge(right);
  Reference ref = Compute(values);
  for (const IntegerAccumulator* acc : {&whole, &left}) {
    NumericSummary s = acc->Summarize();
    EXPECT_EQ(s.count, 20001u);
    EXPECT_EQ(s.min, ref.min);
    EXPECT_EQ(s.max, ref.max);
    EXPECT_NEAR(s.mean, ref.mean, 1e-9 * ref.mean);
    EXPECT_EQ(s.median, ref.median);
    EXPECT_NEAR(s.std, ref.std, 1e-6 * ref.std);
    uint64_t binned = 0;
    for (const auto& bin : s.histogram) binned += bin.count;
    EXPECT_EQ(binned, 20001u);
    EXPECT_LE(s.histogram.size(), kHistogramBins);
    EXPECT_EQ(s.histogram.front().low, ref.min);
    EXPECT_EQ(s.histogram.back().high, ref.max);
  }
}

TEST(IntegerAccumulatorTest, SmallRangesGetOneBinPerValue) {
  IntegerAccumulator acc;
  for (uint64_t v : {2, 3, 3, 5}) acc.Add(v);
  NumericSummary s = acc.Summarize();
  ASSERT_EQ(s.histogram.size(), 4u);  // 2,3,4,5
  EXPECT_EQ(s.histogram[1].count, 2u);
  EXPECT_EQ(s.histogram[2].count, 0u);
  EXPECT_EQ(s.median, 3);
}

TEST(ValueAccumulatorTest, MatchesReferenceAndMergesExactly) {
  std::mt19937_64 rng(2);
  std::normal_distribution<double> normal(3.5, 2.0);
  ValueAccumulator a, b, whole;
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) {
    double v = normal(rng);
    values.push_back(v);
    whole.Add(v);
    (i < 4000 ? a : b).Add(v);
  }
  a.Merge(b);
  Reference ref = Compute(values);
  for (const ValueAccumulator* acc : {&whole, &a}) {
    NumericSummary s = acc->Summarize();
    EXPECT_FALSE(s.approximate);
    EXPECT_DOUBLE_EQ(s.min, ref.min);
    EXPECT_DOUBLE_EQ(s.max, ref.max);
    EXPECT_NEAR(s.mean, ref.mean, 1e-9);
    EXPECT_DOUBLE_EQ(s.median, ref.median);
    EXPECT_NEAR(s.std, ref.std, 1e-9);
    EXPECT_EQ(s.histogram.size(), kHistogramBins);
  }
}

TEST(ValueAccumulatorTest, BeyondTheCapMedianIsApproximate) {
  ValueAccumulator acc;
  const uint64_t n = ValueAccumulator::kExactCap + 100000;
  for (uint64_t i = 0; i < n; ++i) acc.Add(static_cast<double>(i % 1000));
  NumericSummary s = acc.Summarize();
  EXPECT_TRUE(s.approximate);
  EXPECT_EQ(s.count, n);
  EXPECT_NEAR(s.median, 499.5, 10);
  EXPECT_EQ(s.min, 0);
  EXPECT_EQ(s.max, 999);
}

TEST(HyperLogLogTest, UnbiasedAcrossRanges) {
  // Just above 2.5 * 2^14 the classic estimator runs ~2% high; the mean error must stay small.
  for (uint64_t n : {1000ull, 20000ull, 42646ull, 60000ull, 500000ull}) {
    double total_error = 0;
    const int trials = 8;
    for (int t = 0; t < trials; ++t) {
      HyperLogLog hll;
      std::mt19937_64 rng(1000 + t);
      for (uint64_t i = 0; i < n; ++i) hll.Add(rng());
      total_error += (static_cast<double>(hll.Estimate()) - n) / n;
    }
    EXPECT_LT(std::fabs(total_error / trials), 0.006) << n;
  }
}

TEST(HyperLogLogTest, EstimatesWithinTwoPercent) {
  HyperLogLog a, b;
  std::mt19937_64 rng(3);
  for (uint64_t i = 0; i < 200000; ++i) (i % 2 ? a : b).Add(rng());
  a.Merge(b);
  EXPECT_NEAR(static_cast<double>(a.Estimate()), 200000.0, 4000.0);
  HyperLogLog small;
  for (uint64_t i = 0; i < 100; ++i) small.Add(std::mt19937_64(i)());
  EXPECT_NEAR(static_cast<double>(small.Estimate()), 100.0, 3.0);
}

TEST(HashCounterTest, CountsDuplicatesAndFirstRows) {
  HashCounter a, b;
  for (uint64_t row = 0; row < 10000; ++row) (row % 2 ? a : b).Add(row % 2500 + 1, row);
  a.Merge(b);
  EXPECT_EQ(a.total(), 10000u);
  EXPECT_EQ(a.distinct(), 2500u);
  auto top = a.TopRepeated(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].count, 4u);
  EXPECT_EQ(top[0].first_row, 0u);
  EXPECT_EQ(top[1].first_row, 1u);
}

}  // namespace
}  // namespace winnow
