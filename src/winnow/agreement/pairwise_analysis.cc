#include "winnow/agreement/pairwise_analysis.h"

#include "winnow/agreement/binomial_test.h"
#include "winnow/agreement/kappa.h"
#include "winnow/agreement/kappa_interval.h"

namespace winnow {
namespace {

size_t Index(Preference preference) { return static_cast<size_t>(preference); }

PositionShare PositionOf(std::span<const PreferenceItem> items, bool judge) {
  PositionShare share;
  for (const PreferenceItem& item : items) {
    const Preference verdict = judge ? item.judge : item.human;
    if (verdict == Preference::kTie) continue;
    ++share.decisive;
    if (verdict == Preference::kA) ++share.first;
  }
  share.p_value = BinomialTestHalf(share.first, share.decisive);
  share.z = BinomialZScore(share.first, share.decisive);
  return share;
}

bool HasLengths(const PreferenceItem& item) {
  return !std::isnan(item.length_a) && !std::isnan(item.length_b);
}

LongerShare LongerOf(std::span<const PreferenceItem> items, bool judge) {
  LongerShare share;
  for (const PreferenceItem& item : items) {
    const Preference verdict = judge ? item.judge : item.human;
    if (!HasLengths(item) || item.length_a == item.length_b || verdict == Preference::kTie) {
      continue;
    }
    ++share.decisive;
    if ((verdict == Preference::kA) == (item.length_a > item.length_b)) ++share.longer;
  }
  return share;
}

// The verdict of a length rule: the longer (or shorter) answer wins, equal lengths tie.
Preference ByLength(const PreferenceItem& item, bool longer) {
  if (item.length_a == item.length_b) return Preference::kTie;
  return (item.length_a > item.length_b) == longer ? Preference::kA : Preference::kB;
}

BaselineScore ScoreRule(std::span<const PreferenceItem> items, const std::string& rule) {
  BaselineScore score;
  score.rule = rule;
  for (const PreferenceItem& item : items) {
    Preference predicted = Preference::kA;
    if (rule != "always first") {
      if (!HasLengths(item)) continue;
      predicted = ByLength(item, rule == "longer wins");
    }
    ++score.items;
    if (predicted == item.human) ++score.rule_agrees;
    if (item.judge == item.human) ++score.judge_agrees;
  }
  return score;
}

}  // namespace

PairwiseAnalysis AnalysePreferences(std::span<const PreferenceItem> items) {
  PairwiseAnalysis out;
  out.items = items.size();
  const std::vector<double> categories = {0, 1, 2};
  out.confusion = ConfusionMatrix(categories);
  std::vector<size_t> judge, human;
  for (const PreferenceItem& item : items) {
    out.confusion.Add(Index(item.judge), Index(item.human));
    judge.push_back(Index(item.judge));
    human.push_back(Index(item.human));
    if (item.judge == item.human) ++out.agree;
    if (HasLengths(item)) ++out.with_lengths;
  }
  out.kappa = CohenKappa(out.confusion, KappaWeights::kNone);
  if (out.kappa) {
    const KappaWeights unweighted[] = {KappaWeights::kNone};
    out.kappa_interval = KappaIntervals(categories, judge, human, unweighted).front();
  }
  out.judge_position = PositionOf(items, true);
  out.human_position = PositionOf(items, false);
  out.judge_longer = LongerOf(items, true);
  out.human_longer = LongerOf(items, false);
  out.baselines.push_back(ScoreRule(items, "always first"));
  if (out.with_lengths > 0) {
    out.baselines.push_back(ScoreRule(items, "longer wins"));
    out.baselines.push_back(ScoreRule(items, "shorter wins"));
  }
  return out;
}

}  // namespace winnow
