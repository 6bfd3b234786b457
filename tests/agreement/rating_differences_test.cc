#include "winnow/agreement/rating_differences.h"

#include <gtest/gtest.h>

#include <vector>

namespace winnow {
namespace {

// Changes (human - judge): 0 0 +1 0 -1 0 +1 -1 0 +1 -1 0.
TEST(RatingDifferences, FivePointExample) {
  const std::vector<double> judge = {1, 2, 3, 4, 5, 3, 4, 2, 5, 1, 3, 4};
  const std::vector<double> human = {1, 2, 4, 4, 4, 3, 5, 1, 5, 2, 2, 4};
  const RatingDifferences d = CompareRatings(judge, human);
  EXPECT_EQ(d.items, 12u);
  EXPECT_EQ(d.exact, 6u);
  EXPECT_EQ(d.within_one, 12u);
  EXPECT_EQ(d.changed, 6u);
  EXPECT_EQ(d.raised, 3u);
  EXPECT_EQ(d.lowered, 3u);
  EXPECT_DOUBLE_EQ(d.mean_absolute, 0.5);
  EXPECT_DOUBLE_EQ(d.mean_signed, 0.0);
  EXPECT_DOUBLE_EQ(d.mean_absolute_change, 1.0);
  EXPECT_EQ(d.changes, (std::map<double, uint64_t>{{-1, 3}, {0, 6}, {1, 3}}));
}

// Changes -2 0 +1 -1: humans lower the judge's ratings by 0.5 on average.
TEST(RatingDifferences, HumansRateLower) {
  const RatingDifferences d =
      CompareRatings(std::vector<double>{5, 5, 4, 2}, std::vector<double>{3, 5, 5, 1});
  EXPECT_EQ(d.exact, 1u);
  EXPECT_EQ(d.within_one, 3u);
  EXPECT_EQ(d.changed, 3u);
  EXPECT_EQ(d.raised, 1u);
  EXPECT_EQ(d.lowered, 2u);
  EXPECT_DOUBLE_EQ(d.mean_absolute, 1.0);
  EXPECT_DOUBLE_EQ(d.mean_signed, -0.5);
  EXPECT_DOUBLE_EQ(d.mean_absolute_change, 4.0 / 3);
  EXPECT_EQ(d.changes, (std::map<double, uint64_t>{{-2, 1}, {-1, 1}, {0, 1}, {1, 1}}));
}

TEST(RatingDifferences, DecimalChangesMeetInOneEntry) {
  // 3.3 - 3.0 and 2.3 - 2.0 differ in binary; both are a change of 0.3.
  const RatingDifferences d =
      CompareRatings(std::vector<double>{3.0, 2.0}, std::vector<double>{3.3, 2.3});
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_DOUBLE_EQ(d.changes.begin()->first, 0.3);
  EXPECT_EQ(d.changes.begin()->second, 2u);
}

TEST(RatingDifferences, NoChangesNoDivisionByZero) {
  const RatingDifferences d = CompareRatings(std::vector<double>{2, 2}, std::vector<double>{2, 2});
  EXPECT_EQ(d.changed, 0u);
  EXPECT_EQ(d.mean_absolute_change, 0.0);
  EXPECT_EQ(CompareRatings({}, {}).items, 0u);
}

}  // namespace
}  // namespace winnow
