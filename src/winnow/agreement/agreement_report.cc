#include "winnow/agreement/agreement_report.h"

#include <fmt/format.h>

#include <cmath>

#include "winnow/agreement/kappa_interval.h"
#include "winnow/agreement/preference.h"
#include "winnow/agreement/rank_correlation.h"

namespace winnow {
namespace {

double Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string Percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

RatingAnalysis AnalyseRatings(const AgreementSettings& settings,
                              const std::vector<RatedItem>& items) {
  std::vector<double> judge, human, lengths;
  for (const RatedItem& item : items) {
    judge.push_back(item.judge);
    human.push_back(item.human);
    lengths.push_back(item.length);
  }
  RatingAnalysis out;
  out.differences = CompareRatings(judge, human);
  out.confusion =
      ConfusionMatrix::Build(RatingCategories(settings.scale, judge, human), judge, human);
  std::vector<size_t> judge_index, human_index;
  for (size_t i = 0; i < items.size(); ++i) {
    judge_index.push_back(out.confusion.IndexOf(judge[i]));
    human_index.push_back(out.confusion.IndexOf(human[i]));
  }
  const KappaWeights weightings[] = {KappaWeights::kNone, KappaWeights::kLinear,
                                     KappaWeights::kQuadratic};
  const std::vector<std::optional<Interval>> intervals =
      KappaIntervals(out.confusion.categories(), judge_index, human_index, weightings);
  for (size_t k = 0; k < std::size(weightings); ++k) {
    const std::optional<double> kappa = CohenKappa(out.confusion, weightings[k]);
    // An interval around an undefined kappa would describe resamples, not the data.
    out.kappas.push_back({weightings[k], kappa, kappa ? intervals[k] : std::nullopt});
  }
  out.spearman = SpearmanCorrelation(judge, human);
  if (out.spearman) out.spearman_interval = SpearmanInterval(*out.spearman, items.size());
  out.kendall_skipped = items.size() > kKendallMaxItems;
  if (!out.kendall_skipped) out.kendall = KendallTauB(judge, human);
  if (!settings.length_field.empty()) out.length_bias = MeasureLengthBias(lengths, judge, human);
  return out;
}

void RatingFindings(const RatingAnalysis& analysis, const AgreementSettings& settings,
                    AgreementReport* report) {
  const KappaFigure& headline = analysis.Kappa(settings.weights);
  if (!headline.value) {
    report->warnings.push_back(
        fmt::format("{} kappa is undefined: both raters gave every item one and the same rating",
                    KappaWeightsName(settings.weights)));
  }
  if (!analysis.spearman) {
    report->warnings.push_back(
        "Spearman's rho is undefined: one rater gave every item the same rating");
  }
  if (analysis.kendall_skipped) {
    report->warnings.push_back(
        fmt::format("Kendall's tau-b skipped: more than {} items", kKendallMaxItems));
  }
  const double shift = analysis.differences.mean_signed;
  if (std::abs(shift) >= kRatingShiftFinding) {
    report->findings.push_back(fmt::format("humans rate {:.2f} {} than the judge on average",
                                           std::abs(shift), shift < 0 ? "lower" : "higher"));
  }
  if (const auto& bias = analysis.length_bias) {
    if (bias->judge_favours_length) {
      report->findings.push_back(fmt::format(
          "the judge's ratings rise with answer length more than the humans' do (Spearman with "
          "length: judge {:.2f}, humans {:.2f}): length bias",
          *bias->judge_rho, *bias->human_rho));
    } else if (bias->judge_rho && bias->human_rho &&
               *bias->human_rho - *bias->judge_rho >= kLengthBiasMargin) {
      report->findings.push_back(fmt::format(
          "humans reward answer length more than the judge does (Spearman with length: judge "
          "{:.2f}, humans {:.2f})",
          *bias->judge_rho, *bias->human_rho));
    }
  }
}

void PositionFinding(const PairwiseAnalysis& analysis, AgreementReport* report) {
  const PositionShare& judge = analysis.judge_position;
  const PositionShare& human = analysis.human_position;
  if (judge.decisive == 0 || judge.p_value >= kPositionAlpha) return;
  const double judge_share = Share(judge.first, judge.decisive);
  const double human_share = Share(human.first, human.decisive);
  if (std::abs(judge_share - human_share) < kShareGapFinding) return;
  report->findings.push_back(fmt::format(
      "the judge picks the {} answer in {} of its decisive verdicts (humans: {}; sign test p = "
      "{:.2g}): position bias",
      judge_share > 0.5 ? "first" : "second",
      Percent(judge_share > 0.5 ? judge_share : 1 - judge_share),
      Percent(judge_share > 0.5 ? human_share : 1 - human_share), judge.p_value));
}

void PairwiseFindings(const PairwiseAnalysis& analysis, AgreementReport* report) {
  PositionFinding(analysis, report);
  const LongerShare& judge = analysis.judge_longer;
  const LongerShare& human = analysis.human_longer;
  if (judge.decisive > 0 && human.decisive > 0) {
    const double judge_share = Share(judge.longer, judge.decisive);
    const double human_share = Share(human.longer, human.decisive);
    if (judge_share - human_share >= kShareGapFinding) {
      report->findings.push_back(fmt::format(
          "the judge picks the longer answer in {} of decisive verdicts on pairs of different "
          "lengths (humans: {}): length bias",
          Percent(judge_share), Percent(human_share)));
    }
  }
  for (const BaselineScore& baseline : analysis.baselines) {
    if (baseline.items == 0 || baseline.rule_agrees < baseline.judge_agrees) continue;
    report->findings.push_back(fmt::format(
        "the cheap rule \"{}\" agrees with the humans at least as well as the judge ({} vs {} of "
        "{} pairs): the judge adds nothing over it here",
        baseline.rule, Percent(Share(baseline.rule_agrees, baseline.items)),
        Percent(Share(baseline.judge_agrees, baseline.items)), baseline.items));
  }
}

std::vector<PreferenceItem> PreferenceItems(const std::vector<RatedItem>& items) {
  std::vector<PreferenceItem> out;
  out.reserve(items.size());
  for (const RatedItem& item : items) {
    out.push_back({static_cast<Preference>(static_cast<int>(item.judge)),
                   static_cast<Preference>(static_cast<int>(item.human)), item.length_a,
                   item.length_b});
  }
  return out;
}

void InputWarnings(AgreementReport* report) {
  if (report->items < kSmallSample) {
    report->warnings.push_back(fmt::format(
        "only {} item{} rated by both: the figures are rough (read the intervals; {} or more "
        "items are better)",
        report->items, report->items == 1 ? "" : "s", kSmallSample));
  }
  if (report->problems.total() > 0) {
    report->warnings.push_back(fmt::format("{} rating problem{} left items out (listed below)",
                                           report->problems.total(),
                                           report->problems.total() == 1 ? "" : "s"));
  }
  if (report->items > kMaxBootstrapItems) {
    report->warnings.push_back(fmt::format(
        "no kappa intervals above {} items: the bootstrap would be slow and the interval narrow",
        kMaxBootstrapItems));
  }
  if (report->unknown_lengths > 0) {
    report->warnings.push_back(
        fmt::format("{} item{} without a length left out of the length checks",
                    report->unknown_lengths, report->unknown_lengths == 1 ? "" : "s"));
  }
}

}  // namespace

const KappaFigure& RatingAnalysis::Kappa(KappaWeights weights) const {
  for (const KappaFigure& figure : kappas) {
    if (figure.weights == weights) return figure;
  }
  return kappas.front();
}

AgreementReport BuildAgreementReport(AgreementSettings settings, CollectedRatings collected) {
  AgreementReport report;
  report.settings = std::move(settings);
  report.rows = collected.rows;
  report.items = collected.items.size();
  report.human_rows = collected.human_rows;
  report.not_annotated = collected.not_annotated;
  report.unknown_lengths = collected.unknown_lengths;
  report.problems = std::move(collected.problems);
  InputWarnings(&report);
  if (report.settings.pairwise) {
    const std::vector<PreferenceItem> items = PreferenceItems(collected.items);
    report.pairwise = AnalysePreferences(items);
    PairwiseFindings(*report.pairwise, &report);
  } else {
    report.ratings = AnalyseRatings(report.settings, collected.items);
    RatingFindings(*report.ratings, report.settings, &report);
  }
  return report;
}

}  // namespace winnow
