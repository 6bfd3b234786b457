// Reference rhos from the stdlib spearman() in rank_correlation_test.cc.

#include "winnow/agreement/length_bias.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace winnow {
namespace {

// The judge's rating rises with length; the human's does not:
// rho judge 0.9847319278346618, human 0.024773620230032583.
TEST(LengthBias, JudgeRisesWithLengthHumansDoNot) {
  const std::vector<double> lengths = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  const std::vector<double> judge = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  const std::vector<double> human = {3, 4, 2, 5, 3, 1, 4, 2, 5, 3};
  const LengthBias bias = MeasureLengthBias(lengths, judge, human);
  EXPECT_EQ(bias.items, 10u);
  EXPECT_NEAR(*bias.judge_rho, 0.9847319278346618, 1e-12);
  EXPECT_NEAR(*bias.human_rho, 0.024773620230032583, 1e-12);
  EXPECT_TRUE(bias.judge_favours_length);
  ASSERT_TRUE(bias.judge_interval.has_value());
  EXPECT_LT(bias.judge_interval->low, *bias.judge_rho);
}

TEST(LengthBias, UnknownLengthsAreLeftOutNotZero) {
  const std::vector<double> lengths = {10, NAN, 30, 40, NAN};
  const std::vector<double> judge = {1, 5, 2, 3, 5};
  const std::vector<double> human = {1, 1, 2, 3, 1};
  const LengthBias bias = MeasureLengthBias(lengths, judge, human);
  EXPECT_EQ(bias.items, 3u);
  EXPECT_NEAR(*bias.judge_rho, 1.0, 1e-12);
  EXPECT_NEAR(*bias.human_rho, 1.0, 1e-12);
  EXPECT_FALSE(bias.judge_favours_length);
}

TEST(LengthBias, ConstantHumanRatingsLeaveTheCheckUndecided) {
  const LengthBias bias = MeasureLengthBias(
      std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3}, std::vector<double>{4, 4, 4});
  EXPECT_TRUE(bias.judge_rho.has_value());
  EXPECT_FALSE(bias.human_rho.has_value());
  EXPECT_FALSE(bias.judge_favours_length);
}

}  // namespace
}  // namespace winnow
