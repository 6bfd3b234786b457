#include "winnow/convert/conversion.h"

#include <fmt/format.h>

#include <algorithm>

#include "winnow/validate/record_validator.h"
#include "winnow/validate/validate_step.h"

namespace winnow {

void ConversionOutput::BeginRecord() {
  records_.emplace_back();
  records_.back().json.BeginObject();
}

JsonBuilder& ConversionOutput::Column(std::string_view key) {
  Pending& pending = records_.back();
  pending.columns.emplace_back(key);
  return pending.json.Key(key);
}

void ConversionOutput::Reject(std::string key, std::string message) {
  reject_key_ = std::move(key);
  reject_message_ = std::move(message);
}

void ConversionOutput::Clear() {
  records_.clear();
  reject_key_.clear();
  reject_message_.clear();
}

Status FinishConvertedRecords(ConversionOutput& output, const Record& input,
                              const std::set<std::string, std::less<>>& consumed,
                              bool keep_other_columns, simdjson::dom::parser& parser,
                              std::vector<Record>* out) {
  for (auto& pending : output.records_) {
    if (keep_other_columns) {
      input.ForEachField([&](std::string_view key, simdjson::dom::element value) {
        if (consumed.count(key) > 0) return;
        if (std::find(pending.columns.begin(), pending.columns.end(), key) !=
            pending.columns.end()) {
          return;
        }
        pending.json.Key(key).Element(value);
      });
    }
    pending.json.EndObject();
    Record record = Record::Owned(pending.json.str(), input.origin());
    WINNOW_RETURN_IF_ERROR(record.Parse(parser));
    out->push_back(std::move(record));
  }
  return Status::OK();
}

std::string InvalidOutputReason(const Record& record, TrlType type,
                                const ValidationOptions& options) {
  std::vector<Violation> violations;
  ValidateRecord(record, type, options, &violations);
  std::string reason = RejectReason(violations);
  if (reason.empty()) return reason;
  return fmt::format("the converted {} record would be invalid: {}", TrlTypeName(type), reason);
}

ConversionStep::ConversionStep(std::unique_ptr<Conversion> conversion,
                               ConversionStepOptions options)
    : conversion_(std::move(conversion)),
      options_(std::move(options)),
      consumed_(conversion_->consumed_columns()) {}

Status ConversionStep::Open(size_t worker_count) {
  scratch_parsers_.clear();
  for (size_t i = 0; i < std::max<size_t>(worker_count, 1); ++i) {
    scratch_parsers_.push_back(std::make_unique<simdjson::dom::parser>());
  }
  return Status::OK();
}

Status ConversionStep::Process(Batch& batch, StepContext& ctx) {
  if (scratch_parsers_.empty()) WINNOW_RETURN_IF_ERROR(Open(ctx.worker_count));
  simdjson::dom::parser& scratch = *scratch_parsers_[ctx.worker_index];
  std::vector<Record> converted;
  converted.reserve(batch.records.size());
  std::vector<RejectedRecord> rejects;
  std::map<std::string, uint64_t> reject_counts;
  ConversionOutput output;
  std::vector<Record> produced;
  for (Record& input : batch.records) {
    output.Clear();
    produced.clear();
    WINNOW_RETURN_IF_ERROR(conversion_->Convert(input, output, scratch));
    std::string key = output.reject_key();
    std::string reason = output.reject_message();
    if (!output.rejected()) {
      WINNOW_RETURN_IF_ERROR(FinishConvertedRecords(
          output, input, consumed_, options_.keep_other_columns, *ctx.parser, &produced));
      if (auto target = conversion_->target()) {
        for (const Record& record : produced) {
          reason = InvalidOutputReason(record, *target, options_.validation);
          if (!reason.empty()) {
            key = "invalid_output";
            break;
          }
        }
      }
    }
    if (!reason.empty()) {
      if (reject_counts[key]++ == 0) ctx.counters->AddExample("rejected." + key, reason);
      rejects.push_back({std::move(input), std::string(name()), std::move(reason), {}});
      continue;
    }
    for (Record& record : produced) converted.push_back(std::move(record));
  }
  ctx.counters->Add("input", batch.records.size());
  ctx.counters->Add("output", converted.size());
  for (const auto& [key, count] : reject_counts) ctx.counters->Add("rejected." + key, count);
  batch.records = std::move(converted);
  for (auto& reject : rejects) batch.rejects.push_back(std::move(reject));
  return Status::OK();
}

}  // namespace winnow
