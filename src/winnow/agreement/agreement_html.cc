// The HTML rendering of an AgreementReport: one self-contained page in the style the other
// reports share (stats/html_page.h): findings first, then the figures, the tables and the problems.

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "winnow/agreement/agreement_format.h"
#include "winnow/agreement/agreement_render.h"
#include "winnow/stats/html_page.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

std::string Cell(std::string_view text, bool number = false) {
  return std::string(number ? "<td class=\"n\">" : "<td>") + HtmlEscape(text) + "</td>";
}

std::string Heading(std::string_view text) { return "<th>" + HtmlEscape(text) + "</th>"; }

std::string Notes(const AgreementReport& report) {
  std::string out;
  if (!report.findings.empty()) {
    out += "<article class=\"card\"><h3>Findings</h3><ul>";
    for (const std::string& line : report.findings) out += "<li>" + HtmlEscape(line) + "</li>";
    out += "</ul></article>\n";
  }
  if (!report.warnings.empty()) {
    out += "<article class=\"card\"><h3 class=\"warn\">Warnings</h3><ul>";
    for (const std::string& line : report.warnings) {
      out += "<li class=\"warn\">" + HtmlEscape(line) + "</li>";
    }
    out += "</ul></article>\n";
  }
  return out;
}

std::string Confusion(const ConfusionMatrix& matrix, bool pairwise) {
  std::string out =
      "<h2>Confusion</h2>\n<article class=\"card\"><p class=\"muted\">Rows: the judge's rating; "
      "columns: the human's.</p><table><tr><th>judge \\ human</th>";
  for (double category : matrix.categories()) out += Heading(CategoryLabel(category, pairwise));
  out += "</tr>";
  for (size_t i = 0; i < matrix.size(); ++i) {
    out += "<tr><th>" + HtmlEscape(CategoryLabel(matrix.categories()[i], pairwise)) + "</th>";
    for (size_t j = 0; j < matrix.size(); ++j) {
      const std::string count = FormatCount(matrix.count(i, j));
      out += i == j ? "<td class=\"n\"><b>" + count + "</b></td>" : Cell(count, true);
    }
    out += "</tr>";
  }
  return out + "</table></article>\n";
}

std::string Ratings(const AgreementReport& report) {
  const RatingAnalysis& a = *report.ratings;
  const RatingDifferences& d = a.differences;
  std::string out = "<h2>Agreement</h2>\n<article class=\"card\"><div class=\"stats\">";
  out += HtmlStat("exact agreement", ShareOf(d.exact, d.items));
  out += HtmlStat("within 1", ShareOf(d.within_one, d.items));
  out += HtmlStat("mean |human − judge|", FormatNumber(d.mean_absolute));
  out += HtmlStat("mean human − judge", FormatNumber(d.mean_signed));
  out += "</div><table><tr><th>figure</th><th>value [95% interval]</th></tr>";
  for (const KappaFigure& kappa : a.kappas) {
    std::string name = "Cohen's kappa, " + std::string(KappaWeightsName(kappa.weights)) +
                       " weights" + (kappa.weights == report.settings.weights ? " (headline)" : "");
    out += "<tr>" + Cell(name) + Cell(FormatFigure(kappa.value, kappa.interval)) + "</tr>";
  }
  out += "<tr>" + Cell("Spearman's rho") + Cell(FormatFigure(a.spearman, a.spearman_interval)) +
         "</tr>";
  out += "<tr>" + Cell("Kendall's tau-b") +
         Cell(a.kendall_skipped ? "skipped" : FormatFigure(a.kendall)) + "</tr></table>";
  out += "</article>\n<h2>Human changes to the judge's rating</h2>\n<article class=\"card\">";
  out += "<div class=\"stats\">" + HtmlStat("changed", ShareOf(d.changed, d.items)) +
         HtmlStat("raised", FormatCount(d.raised)) + HtmlStat("lowered", FormatCount(d.lowered));
  if (d.changed > 0) {
    out += HtmlStat("mean |change| when changed", FormatNumber(d.mean_absolute_change));
  }
  out += "</div><table><tr><th>human − judge</th><th class=\"n\">items</th><th></th></tr>";
  for (const auto& [change, items] : d.changes) {
    out += "<tr>" + Cell(ChangeLabel(change)) + Cell(FormatCount(items), true) +
           "<td style=\"width:60%\">" + HtmlMeter(items, d.items) + "</td></tr>";
  }
  out += "</table></article>\n" + Confusion(a.confusion, false);
  if (const auto& bias = a.length_bias) {
    out += fmt::format(
        "<h2>Length</h2>\n<article class=\"card\"><p class=\"muted\">Spearman's rho between the "
        "length of <span class=\"mono\">{}</span> ({}) and each rater's rating, over {} items."
        "</p><table>",
        HtmlEscape(report.settings.length_field), LengthUnitName(report.settings.length_unit),
        FormatCount(bias->items));
    out += "<tr>" + Cell("judge") + Cell(FormatFigure(bias->judge_rho, bias->judge_interval)) +
           "</tr><tr>" + Cell("humans") +
           Cell(FormatFigure(bias->human_rho, bias->human_interval)) + "</tr></table></article>\n";
  }
  return out;
}

std::string Pairwise(const AgreementReport& report) {
  const PairwiseAnalysis& a = *report.pairwise;
  std::string out = "<h2>Agreement</h2>\n<article class=\"card\"><div class=\"stats\">";
  out += HtmlStat("same verdict", ShareOf(a.agree, a.items));
  out += HtmlStat("Cohen's kappa", FormatFigure(a.kappa, a.kappa_interval));
  out += "</div></article>\n" + Confusion(a.confusion, true);
  out +=
      "<h2>Biases</h2>\n<article class=\"card\"><table><tr><th>rater</th>"
      "<th>picks the first answer</th><th>sign test p</th><th>picks the longer answer</th></tr>";
  const std::tuple<const char*, const PositionShare*, const LongerShare*> raters[] = {
      {"judge", &a.judge_position, &a.judge_longer},
      {"humans", &a.human_position, &a.human_longer}};
  for (const auto& [who, position, longer] : raters) {
    out += "<tr>" + Cell(who) + Cell(ShareOf(position->first, position->decisive)) +
           Cell(fmt::format("{:.3g}", position->p_value), true) +
           Cell(a.with_lengths > 0 ? ShareOf(longer->longer, longer->decisive) : "no lengths") +
           "</tr>";
  }
  out +=
      "</table></article>\n<h2>Cheap rules</h2>\n<article class=\"card\"><table><tr><th>rule</th>"
      "<th class=\"n\">pairs</th><th>rule agrees with humans</th><th>judge agrees with humans"
      "</th></tr>";
  for (const BaselineScore& b : a.baselines) {
    out += "<tr>" + Cell(b.rule) + Cell(FormatCount(b.items), true) +
           Cell(ShareOf(b.rule_agrees, b.items)) + Cell(ShareOf(b.judge_agrees, b.items)) + "</tr>";
  }
  return out + "</table></article>\n";
}

std::string Problems(const ProblemLog& problems) {
  if (problems.total() == 0) return "";
  const size_t shown = std::min(problems.listed().size(), kProblemsShownInHtml);
  std::string out = fmt::format(
      "<h2>Problems</h2>\n<article class=\"card\"><p class=\"muted\">{} rating(s) could not be "
      "used; the first {} are listed.</p><table><tr><th>where</th><th>id</th><th>kind</th>"
      "<th>detail</th></tr>",
      FormatCount(problems.total()), FormatCount(shown));
  for (size_t i = 0; i < shown; ++i) {
    const RatingProblem& p = problems.listed()[i];
    out += "<tr><td class=\"mono\">" + HtmlEscape(p.where) + "</td>" + Cell(p.id) + Cell(p.kind) +
           Cell(p.detail) + "</tr>";
  }
  return out + "</table></article>\n";
}

}  // namespace

std::string AgreementHtml(const AgreementReport& report) {
  const AgreementSettings& s = report.settings;
  std::string out = HtmlPageStart("winnow agreement");
  out += "<h1>Judge agreement" + std::string(s.pairwise ? " (pairwise)" : "") + "</h1>\n";
  out += "<article class=\"card\"><div class=\"stats\">";
  out += HtmlStat(s.pairwise ? "pairs" : "items", FormatCount(report.items));
  out += HtmlStat("rows read", FormatCount(report.rows));
  out += HtmlStat("judge", s.judge_field);
  out += HtmlStat("human", s.human_field + (s.human_file.empty() ? "" : " in " + s.human_file));
  if (s.scale.declared) out += HtmlStat("scale", s.scale.text);
  if (!s.human_file.empty()) out += HtmlStat("not annotated", FormatCount(report.not_annotated));
  out += HtmlStat("problems", FormatCount(report.problems.total()));
  out += "</div></article>\n" + Notes(report);
  out += report.pairwise ? Pairwise(report) : Ratings(report);
  out += Problems(report.problems);
  out += HtmlPageEnd();
  return out;
}

}  // namespace winnow
