// The terminal rendering of an AgreementReport: a header, the figures as aligned rows, the
// tables, then findings, warnings and the first problems.

#include <fmt/format.h>

#include <algorithm>

#include "winnow/agreement/agreement_format.h"
#include "winnow/agreement/agreement_render.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

void Row(std::string* out, std::string_view label, std::string_view value) {
  *out += fmt::format("  {:<26} {}\n", label, value);
}

std::string Header(const AgreementReport& report) {
  const AgreementSettings& s = report.settings;
  std::string out = fmt::format(
      "winnow agreement{}: {} {} rated by both the judge ({}) and a human ({}{})",
      s.pairwise ? " (pairwise)" : "", FormatCount(report.items), s.pairwise ? "pairs" : "items",
      s.judge_field, s.human_field, s.human_file.empty() ? "" : " in " + s.human_file);
  if (s.scale.declared) out += ", scale " + s.scale.text;
  out += fmt::format("\n  {} rows read", FormatCount(report.rows));
  if (!s.human_file.empty()) {
    out += fmt::format(", {} human rows, {} judge rows not in the human file",
                       FormatCount(report.human_rows), FormatCount(report.not_annotated));
  }
  for (const auto& [kind, count] : report.problems.counts()) {
    out += fmt::format(", {} {}", FormatCount(count), kind);
  }
  return out + "\n\n";
}

std::string Confusion(const ConfusionMatrix& matrix, bool pairwise) {
  std::vector<std::string> labels;
  size_t width = 5;
  for (double category : matrix.categories()) {
    labels.push_back(CategoryLabel(category, pairwise));
    width = std::max(width, labels.back().size() + 1);
  }
  for (size_t i = 0; i < matrix.size(); ++i) {
    for (size_t j = 0; j < matrix.size(); ++j) {
      width = std::max(width, FormatCount(matrix.count(i, j)).size() + 1);
    }
  }
  std::string out = "confusion (rows: judge, columns: human)\n  " + PadLeft("judge\\human", 11);
  for (const std::string& label : labels) out += PadLeft(label, width);
  out += "\n";
  for (size_t i = 0; i < matrix.size(); ++i) {
    out += "  " + PadLeft(labels[i], 11);
    for (size_t j = 0; j < matrix.size(); ++j) {
      out += PadLeft(FormatCount(matrix.count(i, j)), width);
    }
    out += "\n";
  }
  return out + "\n";
}

std::string Changes(const RatingDifferences& d) {
  std::string out =
      fmt::format("humans changed the judge's rating on {}: {} raised, {} lowered",
                  ShareOf(d.changed, d.items), FormatCount(d.raised), FormatCount(d.lowered));
  if (d.changed > 0) {
    out += fmt::format("; mean |change| when changed {}", FormatNumber(d.mean_absolute_change));
  }
  out += "\n  change     items\n";
  for (const auto& [change, items] : d.changes) {
    out += fmt::format("  {:>6}  {:>8}  {}\n", ChangeLabel(change), FormatCount(items),
                       FormatPercent(items, d.items));
  }
  return out + "\n";
}

std::string Ratings(const AgreementReport& report) {
  const RatingAnalysis& a = *report.ratings;
  const RatingDifferences& d = a.differences;
  std::string out;
  Row(&out, "exact agreement", ShareOf(d.exact, d.items));
  Row(&out, "within 1", ShareOf(d.within_one, d.items));
  Row(&out, "mean |human - judge|", FormatNumber(d.mean_absolute));
  Row(&out, "mean human - judge", FormatNumber(d.mean_signed));
  // The headline kappa (--weights) first, then the other two.
  std::vector<KappaWeights> order = {report.settings.weights};
  for (KappaWeights weights :
       {KappaWeights::kQuadratic, KappaWeights::kLinear, KappaWeights::kNone}) {
    if (weights != report.settings.weights) order.push_back(weights);
  }
  for (KappaWeights weights : order) {
    const KappaFigure& kappa = a.Kappa(weights);
    const std::string name =
        weights == KappaWeights::kNone ? "unweighted" : std::string(KappaWeightsName(weights));
    Row(&out, "Cohen's kappa, " + name, FormatFigure(kappa.value, kappa.interval));
  }
  Row(&out, "Spearman's rho", FormatFigure(a.spearman, a.spearman_interval));
  Row(&out, "Kendall's tau-b", a.kendall_skipped ? "skipped" : FormatFigure(a.kendall));
  out += "\n" + Changes(d) + Confusion(a.confusion, false);
  if (const auto& bias = a.length_bias) {
    out += fmt::format("length (--length-field {}, {}; {} items with a length)\n",
                       report.settings.length_field, LengthUnitName(report.settings.length_unit),
                       FormatCount(bias->items));
    Row(&out, "Spearman with length",
        "judge " + FormatFigure(bias->judge_rho, bias->judge_interval) + ", humans " +
            FormatFigure(bias->human_rho, bias->human_interval));
    out += "\n";
  }
  return out;
}

std::string Pairwise(const AgreementReport& report) {
  const PairwiseAnalysis& a = *report.pairwise;
  std::string out;
  Row(&out, "same verdict", ShareOf(a.agree, a.items));
  Row(&out, "Cohen's kappa", FormatFigure(a.kappa, a.kappa_interval));
  out += "\n" + Confusion(a.confusion, true);
  out += "first position (share of decisive verdicts for A)\n";
  const std::pair<const char*, const PositionShare*> positions[] = {{"judge", &a.judge_position},
                                                                    {"humans", &a.human_position}};
  for (const auto& [who, share] : positions) {
    Row(&out, who,
        fmt::format("{}; sign test p = {:.3g}", ShareOf(share->first, share->decisive),
                    share->p_value));
  }
  if (a.with_lengths > 0) {
    out += "\nlonger answer (share of decisive verdicts for it, pairs of different lengths)\n";
    Row(&out, "judge", ShareOf(a.judge_longer.longer, a.judge_longer.decisive));
    Row(&out, "humans", ShareOf(a.human_longer.longer, a.human_longer.decisive));
  }
  out += "\ncheap rules scored against the human verdicts\n";
  out += fmt::format("  {:<16} {:>8}  {:>12}  {:>12}\n", "rule", "pairs", "rule agrees",
                     "judge agrees");
  for (const BaselineScore& b : a.baselines) {
    out +=
        fmt::format("  {:<16} {:>8}  {:>12}  {:>12}\n", b.rule, FormatCount(b.items),
                    FormatPercent(b.rule_agrees, b.items), FormatPercent(b.judge_agrees, b.items));
  }
  return out + "\n";
}

std::string List(std::string_view title, const std::vector<std::string>& lines) {
  if (lines.empty()) return "";
  std::string out = std::string(title) + ":\n";
  for (const std::string& line : lines) out += "  - " + line + "\n";
  return out;
}

std::string Problems(const ProblemLog& problems) {
  if (problems.total() == 0) return "";
  const size_t shown = std::min(problems.listed().size(), kProblemsShownInText);
  std::string out = fmt::format("problems (first {} of {}):\n", shown, problems.total());
  for (size_t i = 0; i < shown; ++i) {
    const RatingProblem& p = problems.listed()[i];
    out += fmt::format("  {}  {}{}: {}\n", SanitizeText(p.where), p.kind,
                       p.id.empty() ? "" : " id " + SanitizeText(p.id), SanitizeText(p.detail));
  }
  return out;
}

}  // namespace

std::string AgreementText(const AgreementReport& report) {
  std::string out = Header(report);
  out += report.pairwise ? Pairwise(report) : Ratings(report);
  out += List("findings", report.findings);
  out += List("warnings", report.warnings);
  out += Problems(report.problems);
  return out;
}

}  // namespace winnow
