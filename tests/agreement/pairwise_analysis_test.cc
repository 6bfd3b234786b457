#include "winnow/agreement/pairwise_analysis.h"

#include <gtest/gtest.h>

#include <vector>

namespace winnow {
namespace {

constexpr Preference A = Preference::kA;
constexpr Preference B = Preference::kB;
constexpr Preference T = Preference::kTie;

// A judge that always picks the longer answer (a tie when the lengths are equal), against human
// verdicts that do not care about length:
//   lengths    100/20  30/200  50/300  400/40  60/60  10/90  500/50  20/80
//   judge        A       B       B       A      tie     B      A       B
//   human        A       A       B       B      tie     A      A       A
std::vector<PreferenceItem> LongerLovingJudge() {
  return {{A, A, 100, 20}, {B, A, 30, 200}, {B, B, 50, 300}, {A, B, 400, 40},
          {T, T, 60, 60},  {B, A, 10, 90},  {A, A, 500, 50}, {B, A, 20, 80}};
}

TEST(PairwiseAnalysis, AgreementAndKappa) {
  const PairwiseAnalysis a = AnalysePreferences(LongerLovingJudge());
  EXPECT_EQ(a.items, 8u);
  EXPECT_EQ(a.agree, 4u);
  EXPECT_EQ(a.confusion.count(1, 0), 3u);  // judge B, human A
  // p_o = 4/8; rows A 3/8, B 4/8, tie 1/8; columns A 5/8, B 2/8, tie 1/8; p_e = 24/64.
  // kappa = (0.5 - 0.375) / 0.625 = 0.2.
  ASSERT_TRUE(a.kappa.has_value());
  EXPECT_NEAR(*a.kappa, 0.2, 1e-12);
}

TEST(PairwiseAnalysis, PositionCountsDecisiveVerdictsOnly) {
  const PairwiseAnalysis a = AnalysePreferences(LongerLovingJudge());
  EXPECT_EQ(a.judge_position.decisive, 7u);
  EXPECT_EQ(a.judge_position.first, 3u);
  EXPECT_NEAR(a.judge_position.p_value, 1.0, 1e-12);  // 2 * (1 + 7 + 21 + 35) / 128
  EXPECT_EQ(a.human_position.decisive, 7u);
  EXPECT_EQ(a.human_position.first, 5u);
}

TEST(PairwiseAnalysis, TheJudgeAlwaysPicksTheLongerAnswer) {
  const PairwiseAnalysis a = AnalysePreferences(LongerLovingJudge());
  EXPECT_EQ(a.with_lengths, 8u);
  EXPECT_EQ(a.judge_longer.decisive, 7u);  // the 60/60 pair has no longer answer
  EXPECT_EQ(a.judge_longer.longer, 7u);
  EXPECT_EQ(a.human_longer.decisive, 7u);
  EXPECT_EQ(a.human_longer.longer, 3u);
}

TEST(PairwiseAnalysis, CheapRulesScoredOnTheSamePairs) {
  const PairwiseAnalysis a = AnalysePreferences(LongerLovingJudge());
  ASSERT_EQ(a.baselines.size(), 3u);
  EXPECT_EQ(a.baselines[0].rule, "always first");
  EXPECT_EQ(a.baselines[0].items, 8u);
  EXPECT_EQ(a.baselines[0].rule_agrees, 5u);
  EXPECT_EQ(a.baselines[0].judge_agrees, 4u);
  // "longer wins" is this judge exactly.
  EXPECT_EQ(a.baselines[1].rule, "longer wins");
  EXPECT_EQ(a.baselines[1].rule_agrees, 4u);
  EXPECT_EQ(a.baselines[1].judge_agrees, 4u);
  EXPECT_EQ(a.baselines[2].rule, "shorter wins");
  EXPECT_EQ(a.baselines[2].rule_agrees, 5u);
}

TEST(PairwiseAnalysis, WithoutLengthsOnlyThePositionRule) {
  std::vector<PreferenceItem> items = {{A, A}, {A, B}, {B, B}};
  const PairwiseAnalysis a = AnalysePreferences(items);
  EXPECT_EQ(a.with_lengths, 0u);
  ASSERT_EQ(a.baselines.size(), 1u);
  EXPECT_EQ(a.baselines[0].rule_agrees, 1u);
  EXPECT_EQ(a.judge_longer.decisive, 0u);
}

TEST(PairwiseAnalysis, AFirstLovingJudgeShowsInTheSignTest) {
  std::vector<PreferenceItem> items;
  for (int i = 0; i < 40; ++i) items.push_back({A, i % 2 == 0 ? A : B});
  for (int i = 0; i < 10; ++i) items.push_back({B, i % 2 == 0 ? A : B});
  const PairwiseAnalysis a = AnalysePreferences(items);
  EXPECT_EQ(a.judge_position.first, 40u);
  EXPECT_LT(a.judge_position.p_value, 1e-4);
  EXPECT_NEAR(a.human_position.p_value, 1.0, 1e-12);
}

}  // namespace
}  // namespace winnow
