#include "winnow/filters/filter_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "winnow/common/utf8.h"
#include "winnow/record/json_writer.h"
#include "winnow/stats/html_page.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

constexpr size_t kSnippetChars = 300;

bool EarlierRow(const FilterExample& a, const FilterExample& b) { return a.row < b.row; }

bool Closer(const FilterExample& a, const FilterExample& b) {
  return a.margin != b.margin ? a.margin < b.margin : a.row < b.row;
}

// Keeps the `limit` best examples under `better`, sorted.
template <typename Better>
void Offer(std::vector<FilterExample>* kept, FilterExample example, size_t limit, Better better) {
  auto at = std::lower_bound(kept->begin(), kept->end(), example, better);
  if (static_cast<size_t>(at - kept->begin()) >= limit) return;
  kept->insert(at, std::move(example));
  if (kept->size() > limit) kept->pop_back();
}

// Whether an example with this key would enter the list (to skip building snippets).
template <typename Better>
bool WouldEnter(const std::vector<FilterExample>& kept, const FilterExample& probe, size_t limit,
                Better better) {
  return kept.size() < limit || better(probe, kept.back());
}

double Margin(double value, double threshold) {
  return std::fabs(value - threshold) / std::max(std::fabs(threshold), 1e-9);
}

std::string Percent(uint64_t part, uint64_t whole) { return FormatPercent(part, whole); }

}  // namespace

RuleReport& StageReport::Rule(std::string_view rule) {
  for (RuleReport& report : rules) {
    if (report.rule == rule) return report;
  }
  rules.push_back(RuleReport{std::string(rule), 0, {}, {}});
  return rules.back();
}

FilterExample FilterReportCollector::MakeExample(const Record& record,
                                                 std::string_view text) const {
  FilterExample example;
  example.row = record.origin().row;
  if (identity_ != nullptr) identity_->Append(record, &example.id);
  example.snippet = Snippet(text, kSnippetChars);
  return example;
}

void FilterReportCollector::Dropped(size_t stage, const FilterResult& result, const Record& record,
                                    std::string_view text) {
  StageReport& report = stages_[stage];
  ++report.dropped;
  RuleReport& rule = report.Rule(result.rule());
  ++rule.dropped;
  FilterExample probe;
  probe.row = record.origin().row;
  if (!WouldEnter(rule.dropped_examples, probe, examples_, EarlierRow)) return;
  FilterExample example = MakeExample(record, text);
  example.reason = result.Explain();
  example.value = result.failed_value();
  example.threshold = result.failed_threshold();
  Offer(&rule.dropped_examples, std::move(example), examples_, EarlierRow);
}

void FilterReportCollector::Kept(size_t stage, const FilterResult& result, const Record& record,
                                 std::string_view text) {
  for (const FilterResult::Margin& passed : result.passed()) {
    if (!std::isfinite(passed.value)) continue;
    RuleReport& rule = stages_[stage].Rule(passed.rule);
    FilterExample probe;
    probe.row = record.origin().row;
    probe.margin = Margin(passed.value, passed.threshold);
    if (!WouldEnter(rule.borderline, probe, examples_, Closer)) continue;
    FilterExample example = MakeExample(record, text);
    example.margin = probe.margin;
    example.value = passed.value;
    example.threshold = passed.threshold;
    example.reason = std::string(passed.measure) + " " + FormatMeasure(passed.value) + " (drops" +
                     std::string(ComparisonSymbol(passed.comparison)) +
                     FormatMeasure(passed.threshold) + ")";
    Offer(&rule.borderline, std::move(example), examples_, Closer);
  }
}

FilterReport MergeFilterReports(const std::vector<const FilterReportCollector*>& workers,
                                size_t examples_per_rule) {
  FilterReport report;
  if (workers.empty()) return report;
  report.stages = workers.front()->stages();
  for (StageReport& stage : report.stages) {
    stage.checked = stage.dropped = 0;
    stage.rules.clear();
  }
  for (const FilterReportCollector* worker : workers) {
    for (size_t s = 0; s < report.stages.size(); ++s) {
      StageReport& into = report.stages[s];
      const StageReport& from = worker->stages()[s];
      into.checked += from.checked;
      into.dropped += from.dropped;
      for (const RuleReport& rule : from.rules) {
        RuleReport& merged = into.Rule(rule.rule);
        merged.dropped += rule.dropped;
        for (const FilterExample& example : rule.dropped_examples) {
          Offer(&merged.dropped_examples, example, examples_per_rule, EarlierRow);
        }
        for (const FilterExample& example : rule.borderline) {
          Offer(&merged.borderline, example, examples_per_rule, Closer);
        }
      }
    }
  }
  // Rules that dropped most first, ties by name, so the report does not depend on which worker
  // met a rule first; rules that only have borderline examples come last.
  for (StageReport& stage : report.stages) {
    std::sort(stage.rules.begin(), stage.rules.end(), [](const RuleReport& a, const RuleReport& b) {
      return a.dropped != b.dropped ? a.dropped > b.dropped : a.rule < b.rule;
    });
  }
  return report;
}

std::string FilterReportText(const FilterReport& report) {
  std::string out;
  const char* verb = report.annotate ? "would drop" : "dropped";
  if (report.annotate) {
    out += fmt::format("winnow: annotated {} record(s); {} would be dropped\n", report.input,
                       report.dropped);
  } else {
    out += fmt::format("winnow: kept {} of {} record(s) ({}), dropped {}\n", report.kept,
                       report.input, Percent(report.kept, report.input), report.dropped);
  }
  for (const StageReport& stage : report.stages) {
    out +=
        fmt::format("  {:<20} on {:<18} checked {:>9}  {} {:>9} ({})\n", stage.filter, stage.view,
                    stage.checked, verb, stage.dropped, Percent(stage.dropped, stage.checked));
    for (const RuleReport& rule : stage.rules) {
      if (rule.dropped == 0) continue;
      out += fmt::format("      {:<34} {:>9}", rule.rule, rule.dropped);
      if (!rule.dropped_examples.empty()) {
        const FilterExample& first = rule.dropped_examples.front();
        out += fmt::format("   e.g. {}: {}", SanitizeText(first.id), SanitizeText(first.reason));
      }
      out += '\n';
    }
  }
  return out;
}

namespace {

void AppendExamplesJson(const std::vector<FilterExample>& examples, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < examples.size(); ++i) {
    const FilterExample& example = examples[i];
    if (i > 0) out->push_back(',');
    out->append("{\"row\":");
    AppendJsonInt(static_cast<int64_t>(example.row), out);
    out->append(",\"id\":");
    AppendJsonString(example.id, out);
    out->append(",\"reason\":");
    AppendJsonString(example.reason, out);
    out->append(",\"value\":");
    if (std::isfinite(example.value)) {
      AppendJsonNumber(example.value, out);
    } else {
      out->append("null");
    }
    out->append(",\"threshold\":");
    if (std::isfinite(example.threshold)) {
      AppendJsonNumber(example.threshold, out);
    } else {
      out->append("null");
    }
    out->append(",\"text\":");
    AppendJsonString(example.snippet, out);
    out->push_back('}');
  }
  out->push_back(']');
}

}  // namespace

std::string FilterReportJson(const FilterReport& report) {
  std::string out = "{\"input\":";
  AppendJsonInt(static_cast<int64_t>(report.input), &out);
  out += ",\"kept\":";
  AppendJsonInt(static_cast<int64_t>(report.kept), &out);
  out += ",\"dropped\":";
  AppendJsonInt(static_cast<int64_t>(report.dropped), &out);
  out += ",\"annotate\":";
  out += report.annotate ? "true" : "false";
  out += ",\"filters\":[";
  for (size_t s = 0; s < report.stages.size(); ++s) {
    const StageReport& stage = report.stages[s];
    if (s > 0) out += ',';
    out += "{\"filter\":";
    AppendJsonString(stage.filter, &out);
    out += ",\"view\":";
    AppendJsonString(stage.view, &out);
    out += ",\"checked\":";
    AppendJsonInt(static_cast<int64_t>(stage.checked), &out);
    out += ",\"dropped\":";
    AppendJsonInt(static_cast<int64_t>(stage.dropped), &out);
    out += ",\"rules\":[";
    for (size_t r = 0; r < stage.rules.size(); ++r) {
      const RuleReport& rule = stage.rules[r];
      if (r > 0) out += ',';
      out += "{\"rule\":";
      AppendJsonString(rule.rule, &out);
      out += ",\"dropped\":";
      AppendJsonInt(static_cast<int64_t>(rule.dropped), &out);
      out += ",\"dropped_examples\":";
      AppendExamplesJson(rule.dropped_examples, &out);
      out += ",\"borderline_kept\":";
      AppendExamplesJson(rule.borderline, &out);
      out += '}';
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

namespace {

void AppendExamplesHtml(std::string_view title, const std::vector<FilterExample>& examples,
                        std::string* out) {
  if (examples.empty()) return;
  *out += "<details><summary>" + HtmlEscape(title) + " (" + std::to_string(examples.size()) +
          ")</summary><table><tr><th>row</th><th>id</th><th>measured</th><th>text</th></tr>";
  for (const FilterExample& example : examples) {
    *out += "<tr><td>" + std::to_string(example.row + 1) + "</td><td>" + HtmlEscape(example.id) +
            "</td><td>" + HtmlEscape(example.reason) + "</td><td class=\"text\">" +
            HtmlEscape(example.snippet) + "</td></tr>";
  }
  *out += "</table></details>";
}

}  // namespace

std::string FilterReportHtml(const FilterReport& report) {
  std::string out = HtmlPageStart("winnow filter report");
  out += "<h1>Filter report</h1><section class=\"cards\">";
  out += HtmlStat("input records", std::to_string(report.input));
  if (report.annotate) {
    out += HtmlStat("mode", "annotate (nothing dropped)");
  } else {
    out += HtmlStat("kept",
                    std::to_string(report.kept) + " (" + Percent(report.kept, report.input) + ")");
    out += HtmlStat("dropped", std::to_string(report.dropped));
  }
  out += "</section>";
  for (const StageReport& stage : report.stages) {
    out += "<h2>" + HtmlEscape(stage.filter) + " <small>on " + HtmlEscape(stage.view) +
           "</small></h2>";
    out += "<p>checked " + std::to_string(stage.checked) + ", " +
           (report.annotate ? "would drop " : "dropped ") + std::to_string(stage.dropped) + " (" +
           Percent(stage.dropped, stage.checked) + ")</p>" +
           HtmlMeter(stage.dropped, stage.checked);
    out += "<table><tr><th>rule</th><th>dropped</th><th>share of checked</th></tr>";
    for (const RuleReport& rule : stage.rules) {
      out += "<tr><td>" + HtmlEscape(rule.rule) + "</td><td>" + std::to_string(rule.dropped) +
             "</td><td>" + Percent(rule.dropped, stage.checked) + "</td></tr>";
    }
    out += "</table>";
    for (const RuleReport& rule : stage.rules) {
      AppendExamplesHtml(rule.rule + ": dropped", rule.dropped_examples, &out);
      AppendExamplesHtml(rule.rule + ": kept, nearest the threshold", rule.borderline, &out);
    }
  }
  out += HtmlPageEnd();
  return out;
}

}  // namespace winnow
