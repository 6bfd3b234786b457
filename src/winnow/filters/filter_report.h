#pragma once

// What a filter run did, for a reviewer: drops per filter and rule, examples of dropped records
// and of kept records that came closest to a threshold (what a stricter threshold would cost).
// Workers collect into their own FilterReportCollector; Merge() combines them deterministically
// (examples are the lowest input rows, borderline ones the smallest margins, ties by row).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/filter.h"
#include "winnow/record/record.h"
#include "winnow/record/record_identity.h"

namespace winnow {

struct FilterExample {
  uint64_t row = 0;     // 0-based input row
  std::string id;       // id field or file:line
  std::string reason;   // the verdict ("dup_line_frac 0.41 > 0.3") or the rule checked
  std::string snippet;  // start of the checked text
  double value = 0;
  double threshold = 0;
  double margin = 0;  // |value - threshold| / |threshold| for borderline examples
};

struct RuleReport {
  std::string rule;
  uint64_t dropped = 0;
  std::vector<FilterExample> dropped_examples;
  std::vector<FilterExample> borderline;  // kept records nearest this rule's threshold
};

struct StageReport {
  std::string filter;  // "gopher_quality"
  std::string view;    // "text", "messages (assistant)"
  uint64_t checked = 0;
  uint64_t dropped = 0;
  std::vector<RuleReport> rules;  // in order of first appearance, merged by name

  RuleReport& Rule(std::string_view rule);
};

struct FilterReport {
  uint64_t input = 0;
  uint64_t kept = 0;
  uint64_t dropped = 0;
  bool annotate = false;  // nothing was dropped: counts say what would have been
  std::vector<StageReport> stages;
};

// One worker's share of the report.
class FilterReportCollector {
 public:
  FilterReportCollector(std::vector<StageReport> stages, size_t examples_per_rule,
                        const RecordIdentity* identity)
      : stages_(std::move(stages)), examples_(examples_per_rule), identity_(identity) {}

  void Checked(size_t stage) { ++stages_[stage].checked; }
  void Dropped(size_t stage, const FilterResult& result, const Record& record,
               std::string_view text);
  // Offers the kept record as a borderline example for each rule it passed.
  void Kept(size_t stage, const FilterResult& result, const Record& record, std::string_view text);

  const std::vector<StageReport>& stages() const { return stages_; }

 private:
  FilterExample MakeExample(const Record& record, std::string_view text) const;
  std::vector<StageReport> stages_;
  size_t examples_;
  const RecordIdentity* identity_;
};

// Merges worker reports (same stage list) into one.
FilterReport MergeFilterReports(const std::vector<const FilterReportCollector*>& workers,
                                size_t examples_per_rule);

// Renderings: a few lines for stderr, JSON, and a self-contained HTML page.
std::string FilterReportText(const FilterReport& report);
std::string FilterReportJson(const FilterReport& report);
std::string FilterReportHtml(const FilterReport& report);

}  // namespace winnow
