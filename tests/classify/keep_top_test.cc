// keep_top: exactly ceil(p% of n) kept, best scores first, ties to earlier rows.

#include "winnow/classify/keep_top.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

std::vector<uint64_t> Kept(const std::vector<float>& scores, double percent) {
  std::vector<RowScore> rows;
  // Scores arrive in any order (per worker): reverse them to prove order does not matter.
  for (size_t i = scores.size(); i-- > 0;) rows.push_back({i, scores[i]});
  const ScoreCutoff cutoff = KeepTopCutoff(rows, percent);
  std::vector<uint64_t> kept;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (cutoff.Keeps(i, scores[i])) kept.push_back(i);
  }
  EXPECT_EQ(kept.size(), cutoff.keep);
  return kept;
}

TEST(KeepTop, KeepsTheBestScores) {
  EXPECT_EQ(Kept({0.1f, 0.9f, 0.5f, 0.7f, 0.3f}, 40), (std::vector<uint64_t>{1, 3}));
}

TEST(KeepTop, CountIsTheCeilingOfTheShare) {
  std::vector<float> scores(95);
  for (size_t i = 0; i < scores.size(); ++i) scores[i] = static_cast<float>(i) / 100;
  EXPECT_EQ(Kept(scores, 10).size(), 10u);  // 9.5 -> 10
  std::vector<float> hundred(100, 0.5f);
  for (size_t i = 0; i < hundred.size(); ++i) hundred[i] = static_cast<float>(i) / 1000;
  EXPECT_EQ(Kept(hundred, 10).size(), 10u);  // not 11 from 10.000000000000002
  EXPECT_EQ(Kept(hundred, 100).size(), 100u);
  EXPECT_EQ(Kept(hundred, 0.001).size(), 1u);
}

TEST(KeepTop, TiesGoToEarlierRows) {
  // Five records tie at 0.5 across the cut: the first two of them fill the quota.
  EXPECT_EQ(Kept({0.5f, 0.9f, 0.5f, 0.5f, 0.1f, 0.5f, 0.5f}, 3.0 / 7 * 100),
            (std::vector<uint64_t>{0, 1, 2}));
}

TEST(KeepTop, NothingScoredKeepsNothing) {
  std::vector<RowScore> none;
  const ScoreCutoff cutoff = KeepTopCutoff(none, 10);
  EXPECT_TRUE(cutoff.keep_none);
  EXPECT_FALSE(cutoff.Keeps(0, 1.0f));
}

TEST(KeepTop, ParsesPercentages) {
  EXPECT_EQ(*ParseKeepTopPercent("10%"), 10);
  EXPECT_EQ(*ParseKeepTopPercent("2.5"), 2.5);
  EXPECT_FALSE(ParseKeepTopPercent("0%").has_value());
  EXPECT_FALSE(ParseKeepTopPercent("101%").has_value());
  EXPECT_FALSE(ParseKeepTopPercent("ten").has_value());
  EXPECT_FALSE(ParseKeepTopPercent("").has_value());
}

}  // namespace
}  // namespace winnow
