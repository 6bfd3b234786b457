#include "winnow/record/json_builder.h"

#include "winnow/common/assert.h"
#include "winnow/record/json_writer.h"

namespace winnow {

void JsonBuilder::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonBuilder& JsonBuilder::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonBuilder& JsonBuilder::EndObject() {
  WINNOW_ASSERT(!first_.empty() && !after_key_);
  first_.pop_back();
  out_.push_back('}');
  return *this;
}

JsonBuilder& JsonBuilder::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonBuilder& JsonBuilder::EndArray() {
  WINNOW_ASSERT(!first_.empty() && !after_key_);
  first_.pop_back();
  out_.push_back(']');
  return *this;
}

JsonBuilder& JsonBuilder::Key(std::string_view key) {
  WINNOW_ASSERT(!after_key_);
  BeforeValue();
  AppendJsonString(key, &out_);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonBuilder& JsonBuilder::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(value, &out_);
  return *this;
}

JsonBuilder& JsonBuilder::Int(int64_t value) {
  BeforeValue();
  AppendJsonInt(value, &out_);
  return *this;
}

JsonBuilder& JsonBuilder::Number(double value) {
  BeforeValue();
  AppendJsonNumber(value, &out_);
  return *this;
}

JsonBuilder& JsonBuilder::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
  return *this;
}

JsonBuilder& JsonBuilder::Null() {
  BeforeValue();
  out_.append("null");
  return *this;
}

JsonBuilder& JsonBuilder::Raw(std::string_view json) {
  BeforeValue();
  out_.append(json);
  return *this;
}

JsonBuilder& JsonBuilder::Element(simdjson::dom::element value) {
  BeforeValue();
  AppendJsonElement(value, &out_);
  return *this;
}

void JsonBuilder::Clear() {
  out_.clear();
  first_.clear();
  after_key_ = false;
}

}  // namespace winnow
