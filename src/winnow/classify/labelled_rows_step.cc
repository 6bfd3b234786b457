#include "winnow/classify/labelled_rows_step.h"

#include <fmt/format.h>

#include "winnow/classify/fasttext_text.h"

namespace winnow {

LabelledRowsStep::LabelledRowsStep(TextView text, FieldPath label, ByteSink& lines)
    : text_(std::move(text)), label_(std::move(label)), lines_(lines) {}

std::string LabelledRowsStep::LabelOf(const Record& record, std::string* reason,
                                      const char** counter) const {
  simdjson::dom::element value;
  if (label_.Get(record).get(value) != simdjson::SUCCESS || value.is_null()) {
    *reason = "no label in field '" + label_.text() + "'";
    *counter = "skipped.no_label";
    return {};
  }
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      if (value.get_string().value().empty()) {
        *reason = "empty label in field '" + label_.text() + "'";
        *counter = "skipped.no_label";
        return {};
      }
      return std::string(value.get_string().value());
    case simdjson::dom::element_type::BOOL:
      return value.get_bool().value() ? "true" : "false";
    case simdjson::dom::element_type::INT64:
      return std::to_string(value.get_int64().value());
    case simdjson::dom::element_type::UINT64:
      return std::to_string(value.get_uint64().value());
    case simdjson::dom::element_type::DOUBLE:
      return fmt::format("{}", value.get_double().value());
    default:
      *reason = "the label in field '" + label_.text() + "' is a list or an object";
      *counter = "skipped.bad_label";
      return {};
  }
}

Result<uint32_t> LabelledRowsStep::LabelNumber(const std::string& label) {
  std::string safe = FastTextSafeLabel(label);
  auto found = label_numbers_.find(safe);
  if (found != label_numbers_.end()) {
    const std::string& first = original_.find(safe)->second;
    if (first != label) {
      return Error(Status::InvalidInput("labels '" + first + "' and '" + label +
                                        "' both become the fastText label '" + safe +
                                        "' (whitespace turns into '_'); rename one"));
    }
    return found->second;
  }
  const auto number = static_cast<uint32_t>(labels_.size());
  label_numbers_.emplace(safe, number);
  original_.emplace(safe, label);
  labels_.push_back(std::move(safe));
  return number;
}

Status LabelledRowsStep::Process(Batch& batch, StepContext& ctx) {
  std::map<std::string, uint64_t> skipped;
  uint64_t used = 0;
  uint64_t rejected = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Record& record = batch.records[i];
    std::string reason;
    const char* counter = nullptr;
    // Runners parse records for steps that read fields; one that did not gets the parse error.
    if (!record.parsed()) {
      if (Status parsed = record.Parse(*ctx.parser); !parsed.ok()) {
        reason = parsed.message();
        counter = "skipped.invalid_json";
      }
    }
    const std::string label = counter ? std::string() : LabelOf(record, &reason, &counter);
    std::string_view text;
    if (!label.empty()) {
      text = text_.Get(record, &scratch_);
      if (IsFastTextBlank(text)) {
        reason = "empty text in '" + text_.path().text() + "'";
        counter = "skipped.empty_text";
      }
    }
    if (counter != nullptr) {
      ++skipped[counter];
      ++rejected;
      batch.Reject(i, std::string(name()), std::move(reason));
      continue;
    }
    WINNOW_ASSIGN_OR_RETURN(uint32_t number, LabelNumber(label));
    line_.assign(kFastTextLabelPrefix);
    line_ += labels_[number];
    line_ += ' ';
    AppendFastTextText(text, &line_);
    line_ += '\n';
    WINNOW_RETURN_IF_ERROR(lines_.Write(line_));
    row_labels_.push_back(number);
    ++used;
  }
  if (rejected > 0) batch.Compact();
  ctx.counters->Add("input", used + rejected);
  ctx.counters->Add("used", used);
  for (const auto& [counter, count] : skipped) ctx.counters->Add(counter, count);
  return Status::OK();
}

}  // namespace winnow
