#pragma once

// validate: checks every record against a TRL dataset type (given, or detected from the first
// record whose columns fit one) and keeps a ValidationReport. Invalid records are rejected with
// their first violation as the reason ("bad_turn_order: messages[2].role: two user turns in a
// row"), or kept when `reject_invalid` is off (report only). Sequential: the report counts
// duplicates in stream order.

#include <memory>
#include <optional>
#include <vector>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/validate/validation_report.h"

namespace winnow {

struct ValidateStepOptions {
  std::optional<TrlType> type;  // nullopt: detect from the first record whose columns fit a type
  ValidationOptions rules;
  ValidationReportOptions report;
  bool reject_invalid = true;  // false: keep invalid records (the report still counts them)
};

class ValidateStep : public Step {
 public:
  explicit ValidateStep(ValidateStepOptions options);
  std::string_view name() const override { return "validate"; }
  Status Process(Batch& batch, StepContext& ctx) override;
  Status Finish(Batch& out, StepContext& ctx) override;

  const ValidationReport& report() const { return report_; }

 private:
  ValidateStepOptions options_;
  ValidationReport report_;
  std::vector<Violation> scratch_;
};

// The one-line reject reason for a record's violations: the first error, plus a count of the rest.
std::string RejectReason(const std::vector<Violation>& violations);

Result<std::unique_ptr<Step>> CreateValidateStep(StepOptions& options);

}  // namespace winnow
