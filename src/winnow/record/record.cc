#include "winnow/record/record.h"

#include <cstring>

#include "winnow/record/json_error_locator.h"
#include "winnow/record/json_writer.h"

namespace winnow {

std::string RecordOrigin::ToString() const {
  std::string out = source ? *source : std::string("<input>");
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
  } else {
    out += ":@byte ";
    out += std::to_string(byte_offset);
  }
  return out;
}

Record Record::Borrowed(std::string_view text, RecordOrigin origin) {
  Record record;
  record.text_ = text;
  record.origin_ = origin;
  return record;
}

Record Record::Owned(std::string_view text, RecordOrigin origin) {
  Record record;
  record.owned_ = simdjson::padded_string(text);
  record.text_ = std::string_view(record.owned_.data(), record.owned_.size());
  record.origin_ = origin;
  return record;
}

namespace {

const char* JsonTypeName(simdjson::dom::element_type type) {
  switch (type) {
    case simdjson::dom::element_type::ARRAY:
      return "array";
    case simdjson::dom::element_type::OBJECT:
      return "object";
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::BOOL:
      return "bool";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "number";
  }
}

}  // namespace

Status Record::ParseError(simdjson::error_code error) const {
  JsonErrorLocation where = LocateJsonError(text_);
  TextPosition pos = PositionOf(text_, where.found ? where.offset : 0);
  std::string location;
  if (origin_.line > 0) {
    location = (origin_.source ? *origin_.source : std::string("<input>")) + ":" +
               std::to_string(origin_.line + pos.line - 1) + ":" + std::to_string(pos.column);
  } else {
    location = origin_.ToString();
  }
  if (where.found) return Status::InvalidInput(location + ": " + where.message);
  if (error == simdjson::CAPACITY) {
    return Status::InvalidInput(location + ": record too large for the JSON parser");
  }
  return Status::InvalidInput(location + ": invalid JSON (" + simdjson::error_message(error) + ")");
}

Status Record::CheckRoot(simdjson::dom::element root) const {
  if (root.type() == simdjson::dom::element_type::OBJECT) return Status::OK();
  return Status::InvalidInput(origin_.ToString() + ": record is a JSON " +
                              JsonTypeName(root.type()) + ", expected an object");
}

Status Record::Validate(simdjson::dom::parser& parser) const {
  auto result = parser.parse(text_.data(), text_.size(), false);
  if (result.error()) return ParseError(result.error());
  return CheckRoot(result.value_unsafe());
}

Status Record::Parse(simdjson::dom::parser& parser) {
  if (parsed_) return Status::OK();
  if (!doc_) doc_ = std::make_unique<simdjson::dom::document>();
  auto result = parser.parse_into_document(*doc_, text_.data(), text_.size(), false);
  if (result.error()) return ParseError(result.error());
  simdjson::dom::element root = result.value_unsafe();
  WINNOW_RETURN_IF_ERROR(CheckRoot(root));
  root_ = root.get_object().value_unsafe();
  parsed_ = true;
  return Status::OK();
}

bool Record::IsHidden(std::string_view key) const {
  for (const auto& removed : removed_) {
    if (removed == key) return true;
  }
  for (const auto& extra : overlay_) {
    if (extra.key == key) return true;
  }
  return false;
}

bool Record::OriginalHas(std::string_view key) const {
  if (!parsed_) return false;
  return root_.at_key(key).error() == simdjson::SUCCESS;
}

simdjson::simdjson_result<simdjson::dom::element> Record::Field(std::string_view key) const {
  for (const auto& extra : overlay_) {
    if (extra.key == key) return simdjson::dom::element(extra.value);
  }
  for (const auto& removed : removed_) {
    if (removed == key) return simdjson::NO_SUCH_FIELD;
  }
  if (!parsed_) return simdjson::UNINITIALIZED;
  return root_.at_key(key);
}

Status Record::Set(std::string_view key, std::string_view json_value,
                   simdjson::dom::parser& parser) {
  OverlayField field;
  field.key = std::string(key);
  field.json = simdjson::padded_string(json_value);
  field.doc = std::make_unique<simdjson::dom::document>();
  auto result = parser.parse_into_document(*field.doc, field.json.data(), field.json.size(), false);
  if (result.error()) {
    return Status::InvalidArgument("value for field \"" + field.key + "\" is not valid JSON");
  }
  field.value = result.value_unsafe();
  for (auto it = removed_.begin(); it != removed_.end();) {
    it = (*it == key) ? removed_.erase(it) : it + 1;
  }
  for (auto& extra : overlay_) {
    if (extra.key == key) {
      extra = std::move(field);
      return Status::OK();
    }
  }
  overlay_.push_back(std::move(field));
  return Status::OK();
}

Status Record::SetString(std::string_view key, std::string_view value,
                         simdjson::dom::parser& parser) {
  std::string json;
  AppendJsonString(value, &json);
  return Set(key, json, parser);
}

Status Record::SetNumber(std::string_view key, double value, simdjson::dom::parser& parser) {
  std::string json;
  AppendJsonNumber(value, &json);
  return Set(key, json, parser);
}

Status Record::SetInt(std::string_view key, int64_t value, simdjson::dom::parser& parser) {
  std::string json;
  AppendJsonInt(value, &json);
  return Set(key, json, parser);
}

Status Record::SetBool(std::string_view key, bool value, simdjson::dom::parser& parser) {
  return Set(key, value ? "true" : "false", parser);
}

void Record::Remove(std::string_view key) {
  for (auto it = overlay_.begin(); it != overlay_.end();) {
    it = (it->key == key) ? overlay_.erase(it) : it + 1;
  }
  if (OriginalHas(key)) removed_.emplace_back(key);
}

namespace {

std::string_view TrimJsonSpace(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

void Record::AppendJson(std::string* out) const {
  std::string_view original = TrimJsonSpace(text_);
  // Text spanning several lines (a pretty-printed array element) must be compacted for JSONL.
  bool multiline = std::memchr(original.data(), '\n', original.size()) != nullptr ||
                   std::memchr(original.data(), '\r', original.size()) != nullptr;
  bool only_additions = removed_.empty();
  if (only_additions) {
    for (const auto& extra : overlay_) {
      if (OriginalHas(extra.key)) {
        only_additions = false;
        break;
      }
    }
  }
  if (!multiline && only_additions && !original.empty() && original.back() == '}') {
    if (overlay_.empty()) {
      out->append(original);
      return;
    }
    std::string_view body = original.substr(0, original.size() - 1);
    out->append(body);
    bool empty_object = TrimJsonSpace(body) == "{";
    for (const auto& extra : overlay_) {
      if (!empty_object) out->push_back(',');
      empty_object = false;
      AppendJsonString(extra.key, out);
      out->push_back(':');
      out->append(extra.json.data(), extra.json.size());
    }
    out->push_back('}');
    return;
  }
  out->push_back('{');
  bool first = true;
  ForEachField([&](std::string_view key, simdjson::dom::element value) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(key, out);
    out->push_back(':');
    AppendJsonElement(value, out);
  });
  out->push_back('}');
}

void Record::Detach() {
  if (owned_.size() == text_.size() && owned_.data() == text_.data()) return;
  owned_ = simdjson::padded_string(text_);
  text_ = std::string_view(owned_.data(), owned_.size());
}

}  // namespace winnow
