// CheckOpenAiStrict: OpenAI's strict structured outputs accept a subset of JSON Schema in which
// every object is closed and every property required (optional fields are spelled as nullable
// types). Checking locally gives the user the place to fix before a request fails remotely.

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "winnow/llm/json_schema.h"
#include "winnow/llm/json_schema_tree.h"

namespace winnow::llm {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::string_view kSchemaKeywords[] = {"items",
                                                "additionalProperties",
                                                "contains",
                                                "not",
                                                "if",
                                                "then",
                                                "else",
                                                "propertyNames",
                                                "additionalItems",
                                                "unevaluatedProperties",
                                                "unevaluatedItems"};
constexpr std::string_view kSchemaArrayKeywords[] = {"prefixItems", "allOf", "anyOf", "oneOf",
                                                     "items"};
constexpr std::string_view kSchemaMapKeywords[] = {"properties", "patternProperties", "$defs",
                                                   "definitions", "dependentSchemas"};

Status StrictError(std::string_view pointer, std::string_view message) {
  return Status::InvalidArgument(fmt::format("schema {}: {} (OpenAI strict mode)",
                                             pointer.empty() ? "(root)" : pointer, message));
}

bool IsObjectSchema(object schema) {
  if (schema.at_key("properties").error() == simdjson::SUCCESS) return true;
  element type;
  if (schema.at_key("type").get(type) != simdjson::SUCCESS) return false;
  std::string_view name;
  if (type.get_string().get(name) == simdjson::SUCCESS) return name == "object";
  simdjson::dom::array names;
  if (type.get_array().get(names) != simdjson::SUCCESS) return false;
  return std::any_of(names.begin(), names.end(), [](element item) {
    std::string_view text;
    return item.get_string().get(text) == simdjson::SUCCESS && text == "object";
  });
}

Status CheckClosedObject(object schema, std::string_view pointer) {
  bool additional = true;
  if (schema.at_key("additionalProperties").get(additional) != simdjson::SUCCESS || additional) {
    return StrictError(pointer, "an object schema needs \"additionalProperties\": false");
  }
  std::vector<std::string_view> required;
  simdjson::dom::array names;
  if (schema.at_key("required").get(names) == simdjson::SUCCESS) {
    for (element name : names) {
      std::string_view text;
      if (name.get_string().get(text) == simdjson::SUCCESS) required.push_back(text);
    }
  }
  object properties;
  if (schema.at_key("properties").get(properties) != simdjson::SUCCESS) return Status::OK();
  for (auto field : properties) {
    if (std::find(required.begin(), required.end(), field.key) != required.end()) continue;
    return StrictError(pointer, fmt::format("property {} is not in required (every property must "
                                            "be; make it optional with a type such as [\"string\", "
                                            "\"null\"])",
                                            QuotedSnippet(field.key)));
  }
  return Status::OK();
}

Status CheckSchema(element value, const std::string& pointer, int depth) {
  object schema;
  if (value.get_object().get(schema) != simdjson::SUCCESS) return Status::OK();
  if (depth > kMaxSchemaDepth) {
    return Status::InvalidArgument(
        fmt::format("schema {}: nested deeper than {} schemas", pointer, kMaxSchemaDepth));
  }
  if (IsObjectSchema(schema)) WINNOW_RETURN_IF_ERROR(CheckClosedObject(schema, pointer));
  for (auto field : schema) {
    const std::string_view key = field.key;
    auto is = [key](std::string_view keyword) { return key == keyword; };
    std::string keyword_pointer = pointer;
    AppendPointerToken(key, &keyword_pointer);
    auto check_child = [&](element child, std::string_view token) {
      std::string child_pointer = keyword_pointer;
      AppendPointerToken(token, &child_pointer);
      return CheckSchema(child, child_pointer, depth + 1);
    };
    if (std::any_of(std::begin(kSchemaKeywords), std::end(kSchemaKeywords), is)) {
      WINNOW_RETURN_IF_ERROR(CheckSchema(field.value, keyword_pointer, depth + 1));
    }
    simdjson::dom::array items;
    if (std::any_of(std::begin(kSchemaArrayKeywords), std::end(kSchemaArrayKeywords), is) &&
        field.value.get_array().get(items) == simdjson::SUCCESS) {
      size_t index = 0;
      for (element item : items) WINNOW_RETURN_IF_ERROR(check_child(item, std::to_string(index++)));
    }
    object map;
    if (std::any_of(std::begin(kSchemaMapKeywords), std::end(kSchemaMapKeywords), is) &&
        field.value.get_object().get(map) == simdjson::SUCCESS) {
      for (auto entry : map) WINNOW_RETURN_IF_ERROR(check_child(entry.value, entry.key));
    }
  }
  return Status::OK();
}

}  // namespace

Status CheckOpenAiStrict(std::string_view schema_json) {
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(schema_json.data(), schema_json.size()).get(root);
      error != simdjson::SUCCESS) {
    return Status::InvalidArgument(
        fmt::format("schema is not valid JSON: {}", simdjson::error_message(error)));
  }
  return CheckSchema(root, "", 0);
}

}  // namespace winnow::llm
