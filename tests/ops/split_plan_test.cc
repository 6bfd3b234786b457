#include "winnow/ops/split_plan.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace winnow {
namespace {

TEST(SplitPlanTest, ParsesRatios) {
  auto specs = ParseSplitRatios("train=0.8,test=0.1,validation=0.1");
  ASSERT_TRUE(specs.has_value());
  ASSERT_EQ(specs->size(), 3u);
  EXPECT_EQ((*specs)[2].name, "validation");
  EXPECT_DOUBLE_EQ((*specs)[0].ratio, 0.8);
}

TEST(SplitPlanTest, RejectsBadRatios) {
  EXPECT_EQ(ParseSplitRatios("train=0.8,test=0.1").error().message(),
            "split ratios add up to 0.900000, not 1");
  EXPECT_FALSE(ParseSplitRatios("train=0.5,train=0.5").has_value());
  EXPECT_FALSE(ParseSplitRatios("train").has_value());
  EXPECT_FALSE(ParseSplitRatios("train=x,test=1").has_value());
  EXPECT_FALSE(ParseSplitRatios("a/b=1").has_value());
  EXPECT_FALSE(ParseSplitRatios("train=-0.5,test=1.5").has_value());
}

TEST(SplitPlanTest, SizesAreExactAndAddUp) {
  auto specs = *ParseSplitRatios("train=0.8,test=0.1,validation=0.1");
  for (uint64_t total : {0ull, 1ull, 7ull, 10ull, 99ull, 1001ull}) {
    auto sizes = SplitSizes(total, specs);
    EXPECT_EQ(sizes[0] + sizes[1] + sizes[2], total);
    EXPECT_LE(std::abs(static_cast<double>(sizes[0]) - total * 0.8), 1.0);
  }
  EXPECT_EQ(SplitSizes(10, specs), (std::vector<uint64_t>{8, 1, 1}));
}

TEST(SplitPlanTest, RowPlanIsSeededAndExact) {
  auto specs = *ParseSplitRatios("train=0.7,test=0.3");
  SplitPlan a = SplitPlan::ForRows(1000, specs, 42);
  SplitPlan b = SplitPlan::ForRows(1000, specs, 42);
  SplitPlan c = SplitPlan::ForRows(1000, specs, 43);
  EXPECT_EQ(a.Counts(2), (std::vector<uint64_t>{700, 300}));
  int same = 0, differ = 0;
  for (uint64_t row = 0; row < 1000; ++row) {
    EXPECT_EQ(a.SplitOf(row), b.SplitOf(row));
    (a.SplitOf(row) == c.SplitOf(row) ? same : differ)++;
  }
  EXPECT_GT(differ, 100);  // another seed gives another split
}

TEST(SplitPlanTest, GroupsNeverStraddleSplits) {
  auto specs = *ParseSplitRatios("train=0.8,test=0.2");
  std::vector<uint64_t> groups;
  for (uint64_t row = 0; row < 2000; ++row) groups.push_back(row % 137);  // 137 groups
  SplitPlan plan = SplitPlan::ForGroups(groups, specs, 5);
  std::map<uint64_t, std::set<uint8_t>> sides;
  for (uint64_t row = 0; row < groups.size(); ++row) sides[groups[row]].insert(plan.SplitOf(row));
  for (const auto& [group, splits] : sides) EXPECT_EQ(splits.size(), 1u) << group;
  auto counts = plan.Counts(2);
  EXPECT_EQ(counts[0] + counts[1], 2000u);
  EXPECT_NEAR(static_cast<double>(counts[1]), 400.0, 40.0);  // within a few groups of the target
}

}  // namespace
}  // namespace winnow
