#pragma once

// Filter: a rule set that decides keep or drop for one text and says why.
//
// A concrete filter is its options and Check(). Check() measures the text, compares each value with
// its threshold in the filter's documented order and records the first failing rule in the
// FilterResult (datatrove's "first failing rule wins"). It never touches records, counters or the
// reject sink: FilterStep owns the loop, the counters, the reject reasons and the report. Filters
// are immutable after construction and shared by all workers; per-text analyses and scratch space
// come through the FilterDocument.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/filter_document.h"

namespace winnow {

enum class Comparison { kGreater, kGreaterEqual, kLess, kLessEqual };

// " > ", " >= ", " < ", " <= ".
std::string_view ComparisonSymbol(Comparison comparison);

// One measured value, named within its filter ("dup_line_frac").
struct Measurement {
  std::string_view name;  // static storage: a filter's measure names are string literals
  double value = 0;
};

// The verdict of one filter on one text, plus everything it measured on the way.
class FilterResult {
 public:
  // `measure_all`: keep evaluating rules after the first failure (for --annotate and reports).
  void Reset(bool measure_all);

  bool kept() const { return rule_.empty(); }
  bool measure_all() const { return measure_all_; }

  // Records `value` under `measure` and fails the rule when `value <comparison> threshold`
  // (a rule whose threshold is disabled never fails: pass `enabled` false). Returns true when the
  // filter should stop now: the rule failed and the caller only wants the verdict.
  bool Check(std::string_view rule, std::string_view measure, double value, Comparison comparison,
             double threshold, bool enabled = true);
  // Same, for rules named after their measure.
  bool Check(std::string_view measure, double value, Comparison comparison, double threshold,
             bool enabled = true) {
    return Check(measure, measure, value, comparison, threshold, enabled);
  }

  // Records a measured value without a rule (context for reports and annotations).
  void Measure(std::string_view measure, double value);

  // Fails with a rule that has no numeric threshold ("curly_bracket", "empty"). `detail` says what
  // was found ("'{' in line 3"). Returns true when the filter should stop.
  bool Fail(std::string_view rule, std::string detail);

  // The failing rule ("dup_line_frac"), empty when kept.
  std::string_view rule() const { return rule_; }
  // "dup_line_frac 0.41 > 0.3" or "curly_bracket: '{' in line 3"; empty when kept.
  std::string Explain() const;
  // The failing measure's value and threshold (NaN for rules without a threshold).
  double failed_value() const { return failed_value_; }
  double failed_threshold() const { return failed_threshold_; }
  std::string_view failed_measure() const { return failed_measure_; }
  Comparison failed_comparison() const { return failed_comparison_; }

  const std::vector<Measurement>& measurements() const { return measurements_; }

  // A column the filter always adds to the records it keeps (and, with annotate, to every record):
  // language_id's "language" and "language_score". `json_value` is JSON text.
  void Tag(std::string column, std::string json_value) {
    tags_.emplace_back(std::move(column), std::move(json_value));
  }
  const std::vector<std::pair<std::string, std::string>>& tags() const { return tags_; }

  // A filter that rewrites kept texts (c4 drops lines) hands the new text over here.
  void Rewrite(std::string text) {
    rewritten_ = std::move(text);
    has_rewritten_ = true;
  }
  bool has_rewritten() const { return has_rewritten_; }
  const std::string& rewritten() const { return rewritten_; }

  // For rules checked on a kept text: how close each value came to its threshold. Only rules that
  // were evaluated and passed are listed.
  struct Margin {
    std::string_view rule;
    std::string_view measure;
    double value;
    double threshold;
    Comparison comparison;
  };
  const std::vector<Margin>& passed() const { return passed_; }

 private:
  bool measure_all_ = false;
  std::string rule_;
  std::string detail_;
  std::string_view failed_measure_;
  double failed_value_ = 0;
  double failed_threshold_ = 0;
  Comparison failed_comparison_ = Comparison::kGreater;
  std::vector<Measurement> measurements_;
  std::vector<Margin> passed_;
  std::string rewritten_;
  bool has_rewritten_ = false;
  std::vector<std::pair<std::string, std::string>> tags_;
};

class Filter {
 public:
  virtual ~Filter() = default;

  // Registry name ("gopher_repetition"): the prefix of reject reasons, counters and columns.
  virtual std::string_view name() const = 0;

  // Decides on `doc.text()`. Thread-safe (const; scratch lives in `doc`).
  virtual void Check(FilterDocument& doc, FilterResult* result) const = 0;
};

// Formats a measured value or threshold for reasons: integers without a fraction, others with up
// to 4 significant digits (more when needed to tell value and threshold apart).
std::string FormatMeasure(double value);
std::string FormatComparison(double value, Comparison comparison, double threshold);

}  // namespace winnow
