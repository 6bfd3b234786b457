#pragma once

// ValidationReport: what `winnow validate` found in a dataset. Counts every violation per rule
// with the first examples (record number, source line, field, message), and adds the
// dataset-level findings of shared/specs/formats.md that are not errors: duplicate records and
// prompts, the KTO label balance (TRL reweights classes when it is skewed) and very long records.
// Not thread-safe: fed in stream order by one step.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "winnow/record/record.h"
#include "winnow/validate/trl_schema.h"
#include "winnow/validate/violation.h"

namespace winnow {

struct ValidationReportOptions {
  size_t max_examples = 5;  // examples kept per rule
  uint64_t long_record_bytes =
      100'000;  // records longer than this (JSON bytes) get a warning; 0: off
  // A KTO class below this share of labels gets a warning.
  double min_label_share = 0.2;
};

struct RuleExample {
  uint64_t record = 0;  // 1-based position in the input
  std::string origin;   // "data.jsonl:17"
  std::string field;
  std::string message;
};

struct RuleSummary {
  std::string rule;
  Severity severity = Severity::kError;
  uint64_t count = 0;    // violations
  uint64_t records = 0;  // records with at least one
  std::vector<RuleExample> examples;
};

class ValidationReport {
 public:
  explicit ValidationReport(ValidationReportOptions options = {}) : options_(options) {}

  // The type records are checked against and how it was chosen ("given", "detected from record 1").
  void SetType(TrlType type, std::string how);
  std::optional<TrlType> type() const { return type_; }

  // Adds one record's violations (errors from ValidateRecord, possibly empty) and its
  // dataset-level findings. `record` must be parsed.
  void AddRecord(const Record& record, const std::vector<Violation>& violations);

  // Adds the findings that need the whole dataset (label balance). Call once at the end.
  void Finish();

  uint64_t records() const { return records_; }
  uint64_t invalid_records() const { return invalid_records_; }
  uint64_t error_count() const;
  uint64_t warning_count() const;
  const std::map<std::string, RuleSummary>& rules() const { return rules_; }
  uint64_t label_true() const { return label_true_; }
  uint64_t label_false() const { return label_false_; }

  std::string ToText() const;
  std::string ToJson() const;

 private:
  void Count(const Violation& violation, const Record& record, bool first_of_rule_in_record);
  void CheckDuplicates(const Record& record);
  void Warn(std::string rule, const Record& record, std::string field, std::string message);

  ValidationReportOptions options_;
  std::optional<TrlType> type_;
  std::string type_how_;
  std::string form_;  // "standard" or "conversational", from the first valid record
  uint64_t records_ = 0;
  uint64_t invalid_records_ = 0;
  uint64_t label_true_ = 0;
  uint64_t label_false_ = 0;
  std::map<std::string, RuleSummary> rules_;
  std::unordered_set<uint64_t> record_hashes_;
  std::unordered_set<uint64_t> prompt_hashes_;
  std::string scratch_;  // reused buffers for duplicate hashing
  std::string minified_;
};

}  // namespace winnow
