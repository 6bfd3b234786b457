#include "winnow/validate/validate_step.h"

#include <fmt/format.h>

#include "winnow/validate/record_validator.h"

namespace winnow {

ValidateStep::ValidateStep(ValidateStepOptions options)
    : options_(std::move(options)), report_(options_.report) {
  if (options_.type) report_.SetType(*options_.type, "as given");
}

std::string RejectReason(const std::vector<Violation>& violations) {
  const Violation* first = nullptr;
  size_t errors = 0;
  for (const auto& violation : violations) {
    if (violation.severity != Severity::kError) continue;
    if (!first) first = &violation;
    ++errors;
  }
  if (!first) return "";
  std::string reason = first->rule + ": ";
  if (!first->field.empty()) reason += first->field + ": ";
  reason += first->message;
  if (errors > 1) reason += fmt::format(" (and {} more)", errors - 1);
  return reason;
}

Status ValidateStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t rejected = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const Record& record = batch.records[i];
    scratch_.clear();
    if (!report_.type()) {
      if (auto detected = TrlTypeOfRecord(record)) {
        report_.SetType(*detected, fmt::format("detected from the columns of record {}",
                                               record.origin().row + 1));
      }
    }
    if (report_.type()) {
      ValidateRecord(record, *report_.type(), options_.rules, &scratch_);
    } else {
      std::string hint = ConvertHint(record);
      scratch_.push_back({"unknown_columns", "",
                          hint.empty() ? "the columns fit no TRL type (text, messages, prompt, "
                                         "completion, chosen/rejected, label)"
                                       : "the columns fit no TRL type: " + hint,
                          Severity::kError});
    }
    report_.AddRecord(record, scratch_);
    std::string reason = RejectReason(scratch_);
    if (!reason.empty() && options_.reject_invalid) {
      batch.Reject(i, "validate", std::move(reason));
      ++rejected;
    }
  }
  if (rejected > 0) batch.Compact();
  ctx.counters->Add("invalid", rejected);
  return Status::OK();
}

Status ValidateStep::Finish(Batch& out, StepContext& ctx) {
  (void)out;
  (void)ctx;
  report_.Finish();
  return Status::OK();
}

Result<std::unique_ptr<Step>> CreateValidateStep(StepOptions& options) {
  ValidateStepOptions step_options;
  WINNOW_ASSIGN_OR_RETURN(std::string type, options.GetString("type", "auto"));
  if (type != "auto") {
    WINNOW_ASSIGN_OR_RETURN(step_options.type, ParseTrlType(type));
  }
  WINNOW_ASSIGN_OR_RETURN(step_options.rules.allow_empty_strings,
                          options.GetBool("allow_empty", false));
  WINNOW_ASSIGN_OR_RETURN(step_options.rules.require_assistant_last,
                          options.GetBool("require_assistant_last", true));
  WINNOW_ASSIGN_OR_RETURN(std::string keep, options.GetString("on_invalid", "reject"));
  if (keep != "reject" && keep != "keep") {
    return Error(Status::InvalidArgument("validate: on_invalid must be 'reject' or 'keep', got '" +
                                         keep + "'"));
  }
  step_options.reject_invalid = keep == "reject";
  WINNOW_ASSIGN_OR_RETURN(int64_t long_bytes, options.GetInt("long_record_bytes", 100'000));
  step_options.report.long_record_bytes = static_cast<uint64_t>(std::max<int64_t>(long_bytes, 0));
  return std::make_unique<ValidateStep>(std::move(step_options));
}

}  // namespace winnow
