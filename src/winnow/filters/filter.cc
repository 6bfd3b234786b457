#include "winnow/filters/filter.h"

#include <fmt/format.h>

#include <cmath>

namespace winnow {

std::string_view ComparisonSymbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::kGreater:
      return " > ";
    case Comparison::kGreaterEqual:
      return " >= ";
    case Comparison::kLess:
      return " < ";
    case Comparison::kLessEqual:
      return " <= ";
  }
  return " ? ";
}

namespace {

bool Fails(double value, Comparison comparison, double threshold) {
  switch (comparison) {
    case Comparison::kGreater:
      return value > threshold;
    case Comparison::kGreaterEqual:
      return value >= threshold;
    case Comparison::kLess:
      return value < threshold;
    case Comparison::kLessEqual:
      return value <= threshold;
  }
  return false;
}

std::string FormatWithDigits(double value, int digits) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{:.{}g}", value, digits);
}

}  // namespace

std::string FormatMeasure(double value) { return FormatWithDigits(value, 4); }

std::string FormatComparison(double value, Comparison comparison, double threshold) {
  // A value that fails a "> 0.3" rule must not print as "0.3 > 0.3": add digits until the two
  // numbers read differently (or the value is exactly the threshold, as in ">= 0.67").
  int digits = 4;
  std::string shown = FormatWithDigits(value, digits);
  std::string limit = FormatWithDigits(threshold, digits);
  while (shown == limit && value != threshold && digits < 17) {
    ++digits;
    shown = FormatWithDigits(value, digits);
    limit = FormatWithDigits(threshold, digits);
  }
  std::string out = shown;
  out += ComparisonSymbol(comparison);
  out += limit;
  return out;
}

void FilterResult::Reset(bool measure_all) {
  measure_all_ = measure_all;
  rule_.clear();
  detail_.clear();
  failed_measure_ = {};
  failed_value_ = failed_threshold_ = std::nan("");
  measurements_.clear();
  passed_.clear();
  rewritten_.clear();
  has_rewritten_ = false;
  tags_.clear();
}

bool FilterResult::Check(std::string_view rule, std::string_view measure, double value,
                         Comparison comparison, double threshold, bool enabled) {
  measurements_.push_back({measure, value});
  if (!enabled) return false;
  if (!Fails(value, comparison, threshold)) {
    if (kept()) passed_.push_back({rule, measure, value, threshold, comparison});
    return false;
  }
  if (kept()) {
    rule_ = rule;
    failed_measure_ = measure;
    failed_value_ = value;
    failed_threshold_ = threshold;
    failed_comparison_ = comparison;
  }
  return !measure_all_;
}

void FilterResult::Measure(std::string_view measure, double value) {
  measurements_.push_back({measure, value});
}

bool FilterResult::Fail(std::string_view rule, std::string detail) {
  if (kept()) {
    rule_ = rule;
    detail_ = std::move(detail);
  }
  return !measure_all_;
}

std::string FilterResult::Explain() const {
  if (kept()) return {};
  if (failed_measure_.empty()) {
    return detail_.empty() ? rule_ : rule_ + ": " + detail_;
  }
  std::string out = rule_;
  if (failed_measure_ != rule_) {
    out += ": ";
    out += failed_measure_;
  }
  out += ' ';
  out += FormatComparison(failed_value_, failed_comparison_, failed_threshold_);
  return out;
}

}  // namespace winnow
