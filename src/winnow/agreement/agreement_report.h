#pragma once

// The report of `winnow agreement`: every figure, the plain-language findings and the warnings,
// computed once here so the text, JSON and HTML renderings (agreement_render.h) say the same.
//
// Findings are conclusions a reader should act on; the thresholds behind them are reading aids,
// documented in docs/agreement.md:
//   - the judge's Spearman rho with answer length exceeds the humans' by kLengthBiasMargin;
//   - the judge rates kRatingShiftFinding or more above or below the humans on average;
//   - pairwise: the judge picks the first position with p < kPositionAlpha and kShareGapFinding
//     more often than the humans do; it picks the longer answer kShareGapFinding more often than
//     the humans do; a cheap rule agrees with the humans at least as often as the judge.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "winnow/agreement/confidence_interval.h"
#include "winnow/agreement/confusion_matrix.h"
#include "winnow/agreement/kappa.h"
#include "winnow/agreement/length_bias.h"
#include "winnow/agreement/pairwise_analysis.h"
#include "winnow/agreement/rated_items.h"
#include "winnow/agreement/rated_record.h"
#include "winnow/agreement/rating_differences.h"
#include "winnow/agreement/rating_scale.h"

namespace winnow {

inline constexpr uint64_t kSmallSample = 30;        // fewer items: a warning
inline constexpr double kRatingShiftFinding = 0.5;  // |mean(human - judge)| worth a finding
inline constexpr double kPositionAlpha = 0.05;
inline constexpr double kShareGapFinding = 0.1;  // judge share - human share worth a finding

struct AgreementSettings {
  std::vector<std::string> inputs;
  std::string judge_field;
  std::string human_field;
  bool pairwise = false;
  RatingScale scale;
  KappaWeights weights = KappaWeights::kQuadratic;  // the headline kappa; all three are reported
  std::string length_field;                         // empty: no length check
  std::string answer_a;                             // pairwise: empty unless both are given
  std::string answer_b;
  LengthUnit length_unit = LengthUnit::kCharacters;
  std::string id_field;
  std::string human_file;  // empty: human ratings come from the judge rows
  std::string join_on;
};

struct KappaFigure {
  KappaWeights weights = KappaWeights::kNone;
  std::optional<double> value;       // nullopt: undefined (see CohenKappa)
  std::optional<Interval> interval;  // bootstrap, 95 %
};

struct RatingAnalysis {
  RatingDifferences differences;
  ConfusionMatrix confusion;
  std::vector<KappaFigure> kappas;  // none, linear, quadratic
  std::optional<double> spearman;
  std::optional<Interval> spearman_interval;
  std::optional<double> kendall;
  bool kendall_skipped = false;  // more than kKendallMaxItems items
  std::optional<LengthBias> length_bias;

  const KappaFigure& Kappa(KappaWeights weights) const;
};

struct AgreementReport {
  AgreementSettings settings;
  uint64_t rows = 0;   // judge rows read
  uint64_t items = 0;  // items rated by both
  uint64_t human_rows = 0;
  uint64_t not_annotated = 0;
  uint64_t unknown_lengths = 0;
  ProblemLog problems;
  std::optional<RatingAnalysis> ratings;     // rating mode
  std::optional<PairwiseAnalysis> pairwise;  // --pairwise
  std::vector<std::string> findings;
  std::vector<std::string> warnings;
};

AgreementReport BuildAgreementReport(AgreementSettings settings, CollectedRatings collected);

}  // namespace winnow
