// The sign test against exact sums of binomial coefficients (stdlib Python):
//   def binom_half(k, n):
//       lo = min(k, n - k)
//       return 1.0 if 2 * lo == n else min(1.0, 2 * sum(comb(n, i) for i in range(lo + 1)) / 2**n)

#include "winnow/agreement/binomial_test.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(BinomialTest, ExactTwoSidedValues) {
  EXPECT_NEAR(BinomialTestHalf(9, 10), 0.021484375, 1e-12);  // 2 * 11 / 1024
  EXPECT_NEAR(BinomialTestHalf(1, 10), 0.021484375, 1e-12);  // symmetric
  EXPECT_NEAR(BinomialTestHalf(60, 100), 0.05688793364098079, 1e-10);
  EXPECT_NEAR(BinomialTestHalf(0, 3), 0.25, 1e-12);
  EXPECT_EQ(BinomialTestHalf(5, 10), 1.0);
  EXPECT_EQ(BinomialTestHalf(0, 0), 1.0);
  EXPECT_LT(BinomialTestHalf(700, 1000), 1e-30);
}

TEST(BinomialTest, ZScore) {
  EXPECT_DOUBLE_EQ(BinomialZScore(60, 100), 2.0);  // (60 - 50) / 5
  EXPECT_DOUBLE_EQ(BinomialZScore(0, 0), 0.0);
}

}  // namespace
}  // namespace winnow
