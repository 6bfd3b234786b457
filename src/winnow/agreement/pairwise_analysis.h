#pragma once

// What `winnow agreement --pairwise` measures on A/B/tie verdicts of a judge and a human:
//   agreement   how often the two give the same verdict, and Cohen's kappa over A, B and tie;
//   position    how often each picks the first answer (A) when it picks one at all; a fair rater
//               on a shuffled data set picks A half the time (exact two-sided sign test);
//   length      how often each picks the longer answer when the lengths differ;
//   baselines   cheap rules ("longer wins", "shorter wins", "always first") scored against the
//               human verdicts on the same pairs as the judge: a judge no better than a rule adds
//               nothing over it.

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "winnow/agreement/confidence_interval.h"
#include "winnow/agreement/confusion_matrix.h"
#include "winnow/agreement/preference.h"

namespace winnow {

struct PreferenceItem {
  Preference judge = Preference::kTie;
  Preference human = Preference::kTie;
  double length_a = NAN;  // the answers' lengths (--answer-a/--answer-b); NaN when unknown
  double length_b = NAN;
};

struct PositionShare {
  uint64_t decisive = 0;  // picks of A or B (ties left out)
  uint64_t first = 0;     // picks of A
  double p_value = 1;     // BinomialTestHalf(first, decisive)
  double z = 0;           // BinomialZScore(first, decisive)
};

struct LongerShare {
  uint64_t decisive = 0;  // picks of A or B on pairs whose answers differ in length
  uint64_t longer = 0;    // picks of the longer answer
};

struct BaselineScore {
  std::string rule;           // "longer wins", "shorter wins", "always first"
  uint64_t items = 0;         // pairs the rule applies to (the length rules need both lengths)
  uint64_t rule_agrees = 0;   // the rule's verdict equals the human's (equal lengths: tie)
  uint64_t judge_agrees = 0;  // the judge's verdict equals the human's, on the same pairs
};

struct PairwiseAnalysis {
  uint64_t items = 0;
  uint64_t agree = 0;         // judge verdict == human verdict
  ConfusionMatrix confusion;  // categories 0 (A), 1 (B), 2 (tie): always all three
  std::optional<double> kappa;
  std::optional<Interval> kappa_interval;
  PositionShare judge_position;
  PositionShare human_position;
  uint64_t with_lengths = 0;  // pairs with both answer lengths
  LongerShare judge_longer;
  LongerShare human_longer;
  std::vector<BaselineScore> baselines;  // "always first", then the length rules when lengths exist
};

PairwiseAnalysis AnalysePreferences(std::span<const PreferenceItem> items);

}  // namespace winnow
