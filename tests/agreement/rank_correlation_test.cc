// Rank correlations against values from this stdlib Python (scipy's definitions):
//
//   def ranks(v):   # average ranks, 1-based
//       s = sorted(range(len(v)), key=lambda i: v[i]); r = [0] * len(v); i = 0
//       while i < len(s):
//           e = i
//           while e + 1 < len(s) and v[s[e + 1]] == v[s[i]]: e += 1
//           for t in range(i, e + 1): r[s[t]] = (i + 1 + e + 1) / 2
//           i = e + 1
//       return r
//   def pearson(x, y): ...textbook...
//   spearman = lambda x, y: pearson(ranks(x), ranks(y))
//   def kendall(x, y):   # tau-b
//       s = tx = ty = 0
//       for i < k: dx, dy = x[i]-x[k], y[i]-y[k]; tx += dx == 0; ty += dy == 0
//                  if dx and dy: s += 1 if (dx > 0) == (dy > 0) else -1
//       n0 = n * (n - 1) // 2; return s / sqrt((n0 - tx) * (n0 - ty))

#include "winnow/agreement/rank_correlation.h"

#include <gtest/gtest.h>

#include <vector>

namespace winnow {
namespace {

TEST(AverageRanks, TiesShareTheMeanOfTheirRanks) {
  // 5 -> 1; 10 -> 2; the three 20s hold ranks 3, 4, 5 -> 4 each; 30 -> 6.
  EXPECT_EQ(AverageRanks(std::vector<double>{10, 20, 20, 30, 20, 5}),
            (std::vector<double>{2, 4, 4, 6, 4, 1}));
  EXPECT_EQ(AverageRanks(std::vector<double>{7, 7}), (std::vector<double>{1.5, 1.5}));
  EXPECT_TRUE(AverageRanks(std::vector<double>{}).empty());
}

TEST(Pearson, Textbook) {
  EXPECT_NEAR(*PearsonCorrelation(std::vector<double>{1, 2, 3, 4}, std::vector<double>{2, 4, 5, 9}),
              0.9647638212377322, 1e-12);
}

// The 5-point example of kappa_test.cc: spearman 0.866091495232737, tau-b 0.7679795983467751.
TEST(Spearman, FivePointRatingsWithTies) {
  const std::vector<double> judge = {1, 2, 3, 4, 5, 3, 4, 2, 5, 1, 3, 4};
  const std::vector<double> human = {1, 2, 4, 4, 4, 3, 5, 1, 5, 2, 2, 4};
  EXPECT_NEAR(*SpearmanCorrelation(judge, human), 0.866091495232737, 1e-12);
  EXPECT_NEAR(*KendallTauB(judge, human), 0.7679795983467751, 1e-12);
}

// Ties in both samples: spearman 0.925626545313669, tau-b 0.8406728074767075.
TEST(Spearman, TiesOnBothSides) {
  const std::vector<double> x = {1, 2, 2, 3, 4, 4, 4, 5};
  const std::vector<double> y = {2, 1, 3, 3, 5, 4, 4, 6};
  EXPECT_NEAR(*SpearmanCorrelation(x, y), 0.925626545313669, 1e-12);
  EXPECT_NEAR(*KendallTauB(x, y), 0.8406728074767075, 1e-12);
}

TEST(Spearman, PerfectAndReversedOrder) {
  const std::vector<double> x = {1, 2, 3, 4};
  EXPECT_NEAR(*SpearmanCorrelation(x, std::vector<double>{10, 20, 35, 90}), 1.0, 1e-12);
  EXPECT_NEAR(*SpearmanCorrelation(x, std::vector<double>{4, 3, 2, 1}), -1.0, 1e-12);
  EXPECT_NEAR(*KendallTauB(x, std::vector<double>{4, 3, 2, 1}), -1.0, 1e-12);
}

TEST(Spearman, UndefinedForAConstantSampleOrTooFewPairs) {
  EXPECT_FALSE(SpearmanCorrelation(std::vector<double>{3, 3, 3}, std::vector<double>{1, 2, 3}));
  EXPECT_FALSE(KendallTauB(std::vector<double>{1, 2, 3}, std::vector<double>{5, 5, 5}));
  EXPECT_FALSE(SpearmanCorrelation(std::vector<double>{1}, std::vector<double>{1}));
  EXPECT_FALSE(KendallTauB(std::vector<double>{}, std::vector<double>{}));
}

// Fisher z: tanh(atanh(0.5) -/+ 1.959964 * sqrt(1.06 / 25)) = 0.14470202144464853,
// 0.7410874615592804.
TEST(SpearmanInterval, FisherZWithTheSpearmanVariance) {
  auto interval = SpearmanInterval(0.5, 28);
  ASSERT_TRUE(interval.has_value());
  EXPECT_NEAR(interval->low, 0.14470202144464853, 1e-9);
  EXPECT_NEAR(interval->high, 0.7410874615592804, 1e-9);
  EXPECT_FALSE(SpearmanInterval(0.5, 3).has_value());
  auto perfect = SpearmanInterval(1.0, 10);
  EXPECT_EQ(perfect->low, 1.0);
  EXPECT_EQ(perfect->high, 1.0);
}

}  // namespace
}  // namespace winnow
