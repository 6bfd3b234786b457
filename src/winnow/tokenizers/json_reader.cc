#include "winnow/tokenizers/json_reader.h"

#include <fmt/format.h>

namespace winnow::tokenizers {

std::string DescribeJsonValue(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    default: {
      // Scalars are shown as written (shortened), so "got 3.5" says why 3.5 is not an id.
      std::string text = simdjson::minify(element);
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return text;
    }
  }
}

Result<JsonObjectReader> JsonObjectReader::Make(simdjson::dom::element element, std::string path) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(
        fmt::format("{}: expected an object, got {}", path, DescribeJsonValue(element))));
  }
  return JsonObjectReader(object, std::move(path));
}

std::string JsonObjectReader::FieldPath(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

std::optional<simdjson::dom::element> JsonObjectReader::Find(std::string_view key) const {
  simdjson::dom::element element;
  if (object_.at_key(key).get(element) != simdjson::SUCCESS || element.is_null()) {
    return std::nullopt;
  }
  return element;
}

Result<simdjson::dom::element> JsonObjectReader::Required(std::string_view key) const {
  std::optional<simdjson::dom::element> element = Find(key);
  if (!element) return Error(FieldError(key, "missing (required)"));
  return *element;
}

Result<std::string_view> JsonObjectReader::RequiredString(std::string_view key) const {
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element element, Required(key));
  std::string_view value;
  if (element.get_string().get(value) != simdjson::SUCCESS) {
    return Error(WrongType(key, "a string", element));
  }
  return value;
}

Result<std::optional<std::string_view>> JsonObjectReader::OptionalString(
    std::string_view key) const {
  std::optional<simdjson::dom::element> element = Find(key);
  if (!element) return std::optional<std::string_view>();
  std::string_view value;
  if (element->get_string().get(value) != simdjson::SUCCESS) {
    return Error(WrongType(key, "a string", *element));
  }
  return std::optional<std::string_view>(value);
}

Result<bool> JsonObjectReader::Bool(std::string_view key, bool default_value) const {
  WINNOW_ASSIGN_OR_RETURN(std::optional<bool> value, OptionalBool(key));
  return value.value_or(default_value);
}

Result<std::optional<bool>> JsonObjectReader::OptionalBool(std::string_view key) const {
  std::optional<simdjson::dom::element> element = Find(key);
  if (!element) return std::optional<bool>();
  bool value = false;
  if (element->get_bool().get(value) != simdjson::SUCCESS) {
    return Error(WrongType(key, "true or false", *element));
  }
  return std::optional<bool>(value);
}

Result<uint64_t> JsonObjectReader::Uint(std::string_view key, uint64_t default_value) const {
  std::optional<simdjson::dom::element> element = Find(key);
  if (!element) return default_value;
  uint64_t value = 0;
  if (element->get_uint64().get(value) != simdjson::SUCCESS) {
    return Error(WrongType(key, "a non-negative integer", *element));
  }
  return value;
}

Result<std::optional<int64_t>> JsonObjectReader::OptionalInt(std::string_view key) const {
  std::optional<simdjson::dom::element> element = Find(key);
  if (!element) return std::optional<int64_t>();
  int64_t value = 0;
  if (element->get_int64().get(value) != simdjson::SUCCESS) {
    return Error(WrongType(key, "an integer", *element));
  }
  return std::optional<int64_t>(value);
}

Status JsonObjectReader::FieldError(std::string_view key, std::string_view message) const {
  return Status::InvalidInput(fmt::format("{}: {}", FieldPath(key), message));
}

Status JsonObjectReader::UnsupportedType(std::string_view type, std::string_view supported) const {
  return Status::Unsupported(
      fmt::format("{} '{}' is not supported (supported: {})", FieldPath("type"), type, supported));
}

Status JsonObjectReader::WrongType(std::string_view key, std::string_view expected,
                                   simdjson::dom::element got) const {
  return FieldError(key, fmt::format("expected {}, got {}", expected, DescribeJsonValue(got)));
}

Result<simdjson::dom::array> ExpectArray(simdjson::dom::element element, const std::string& path) {
  simdjson::dom::array array;
  if (element.get_array().get(array) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(
        fmt::format("{}: expected an array, got {}", path, DescribeJsonValue(element))));
  }
  return array;
}

Result<std::string_view> ExpectString(simdjson::dom::element element, const std::string& path) {
  std::string_view value;
  if (element.get_string().get(value) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(
        fmt::format("{}: expected a string, got {}", path, DescribeJsonValue(element))));
  }
  return value;
}

std::string IndexPath(const std::string& path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

}  // namespace winnow::tokenizers
