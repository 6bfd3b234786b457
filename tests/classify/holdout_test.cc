// StratifiedHoldout: each label's share, never all of a label, the same rows for the same seed.

#include "winnow/classify/holdout.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(StratifiedHoldout, EachLabelKeepsItsShare) {
  std::vector<uint32_t> labels;
  for (int i = 0; i < 90; ++i) labels.push_back(0);
  for (int i = 0; i < 10; ++i) labels.push_back(1);
  const std::vector<bool> held = StratifiedHoldout(labels, 2, 0.2, 42);
  size_t held0 = 0, held1 = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (held[i]) ++(labels[i] == 0 ? held0 : held1);
  }
  EXPECT_EQ(held0, 18u);
  EXPECT_EQ(held1, 2u);
}

TEST(StratifiedHoldout, NeverHoldsOutAWholeLabel) {
  const std::vector<bool> held = StratifiedHoldout({0, 0, 0, 1}, 2, 0.9, 1);
  EXPECT_FALSE(held[3]);
  EXPECT_EQ(std::count(held.begin(), held.end(), true), 2);
}

TEST(StratifiedHoldout, SameSeedSameRows) {
  std::vector<uint32_t> labels(200);
  for (size_t i = 0; i < labels.size(); ++i) labels[i] = i % 3;
  EXPECT_EQ(StratifiedHoldout(labels, 3, 0.1, 5), StratifiedHoldout(labels, 3, 0.1, 5));
  EXPECT_NE(StratifiedHoldout(labels, 3, 0.1, 5), StratifiedHoldout(labels, 3, 0.1, 6));
}

TEST(StratifiedHoldout, ZeroFractionHoldsOutNothing) {
  const std::vector<bool> held = StratifiedHoldout({0, 1, 0, 1}, 2, 0.0, 1);
  EXPECT_EQ(std::count(held.begin(), held.end(), true), 0);
}

}  // namespace
}  // namespace winnow
