// Reads the keywords of one schema object into its node. Annotations are ignored, keywords that
// change validation but are not implemented are errors (silently ignoring them would accept
// answers the schema rejects), and unknown keywords are ignored as JSON Schema says (pydantic and
// OpenAPI add their own, e.g. "discriminator").

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "winnow/llm/ecma_regex.h"
#include "winnow/llm/json_schema_compiler.h"

namespace winnow::llm {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Keywords that change what validates and are not implemented, with a hint for each.
constexpr std::pair<std::string_view, std::string_view> kUnsupported[] = {
    {"$dynamicRef", "dynamic references are not supported"},
    {"$recursiveRef", "draft 2019-09 recursive references are not supported"},
    {"$recursiveAnchor", "draft 2019-09 recursive references are not supported"},
    {"unevaluatedProperties",
     "unevaluatedProperties is not supported (additionalProperties often does the job)"},
    {"unevaluatedItems", "unevaluatedItems is not supported (items often does the job)"},
    {"dependencies",
     "draft 7 dependencies is not supported: write dependentRequired or dependentSchemas"},
};

constexpr std::pair<std::string_view, uint8_t> kTypeBits[] = {
    {"null", kTypeNull},      {"boolean", kTypeBoolean}, {"object", kTypeObject},
    {"array", kTypeArray},    {"string", kTypeString},   {"number", kTypeNumber},
    {"integer", kTypeInteger}};

Result<uint8_t> TypeBit(element value, std::string_view pointer) {
  std::string_view name;
  if (value.get_string().get(name) == simdjson::SUCCESS) {
    for (const auto& [type_name, bit] : kTypeBits) {
      if (name == type_name) return bit;
    }
  }
  return Error(SchemaError(
      pointer, fmt::format("unknown type {} (expected null, boolean, object, array, number, "
                           "string or integer)",
                           JsonSnippet(value))));
}

Result<std::unique_ptr<RE2>> CompilePattern(std::string_view pattern, std::string_view pointer) {
  auto regex = CompileEcmaPattern(pattern);
  if (!regex) {
    return Error(
        SchemaError(pointer, fmt::format("RE2 cannot compile the pattern {}: {}",
                                         QuotedSnippet(pattern, 80), regex.error().message())));
  }
  return std::move(*regex);
}

}  // namespace

std::string KeywordReader::KeywordPointer(std::string_view keyword) const {
  std::string pointer = node_->pointer;
  AppendPointerToken(keyword, &pointer);
  return pointer;
}

Status KeywordReader::Expected(std::string_view what) const {
  return SchemaError(KeywordPointer(keyword_),
                     fmt::format("expected {}, got {}", what, JsonSnippet(value_)));
}

Status KeywordReader::Read(std::string_view keyword, element value) {
  keyword_ = keyword;
  value_ = value;
  SchemaNode& n = *node_;
  if (keyword == "type") return ReadType(value);
  if (keyword == "enum") {
    simdjson::dom::array values;
    if (value.get_array().get(values) != simdjson::SUCCESS) return Expected("an array");
    n.has_enum = true;
    n.enum_values.assign(values.begin(), values.end());
    return Status::OK();
  }
  if (keyword == "const") {
    n.const_value = value;
    return Status::OK();
  }
  if (keyword == "$ref") return ReadRef(value);
  if (keyword == "$defs" || keyword == "definitions") {
    std::vector<std::pair<std::string, SchemaNodeId>> definitions;  // reached through $ref only
    return ReadSchemaMap(value, &definitions);
  }
  // Numbers.
  if (keyword == "minimum") return ReadNumber(value, &n.minimum);
  if (keyword == "maximum") return ReadNumber(value, &n.maximum);
  if (keyword == "exclusiveMinimum") return ReadNumber(value, &n.exclusive_minimum);
  if (keyword == "exclusiveMaximum") return ReadNumber(value, &n.exclusive_maximum);
  if (keyword == "multipleOf") {
    WINNOW_RETURN_IF_ERROR(ReadNumber(value, &n.multiple_of));
    if (n.multiple_of->Exact() <= 0) return Expected("a number greater than 0");
    return Status::OK();
  }
  // Strings.
  if (keyword == "minLength") return ReadCount(value, &n.min_length);
  if (keyword == "maxLength") return ReadOptionalCount(value, &n.max_length);
  if (keyword == "pattern") return ReadPattern(value);
  if (keyword == "format") {
    std::string_view format;
    if (value.get_string().get(format) != simdjson::SUCCESS) return Expected("a string");
    n.format = std::string(format);
    return Status::OK();
  }
  // Arrays.
  if (keyword == "items") return ReadItems(value);
  if (keyword == "prefixItems") {
    has_prefix_items_ = true;
    return ReadSchemaArray(value, &n.prefix_items);
  }
  if (keyword == "additionalItems") return ReadSchema(value, &additional_items_);
  if (keyword == "contains") return ReadSchema(value, &n.contains);
  if (keyword == "minContains") return ReadCount(value, &n.min_contains);
  if (keyword == "maxContains") return ReadOptionalCount(value, &n.max_contains);
  if (keyword == "minItems") return ReadCount(value, &n.min_items);
  if (keyword == "maxItems") return ReadOptionalCount(value, &n.max_items);
  if (keyword == "uniqueItems") {
    if (value.get_bool().get(n.unique_items) != simdjson::SUCCESS) return Expected("a boolean");
    return Status::OK();
  }
  // Objects.
  if (keyword == "properties") return ReadSchemaMap(value, &n.properties);
  if (keyword == "patternProperties") return ReadPatternProperties(value);
  if (keyword == "additionalProperties") return ReadSchema(value, &n.additional_properties);
  if (keyword == "propertyNames") return ReadSchema(value, &n.property_names);
  if (keyword == "required") return ReadStringArray(value, KeywordPointer(keyword), &n.required);
  if (keyword == "minProperties") return ReadCount(value, &n.min_properties);
  if (keyword == "maxProperties") return ReadOptionalCount(value, &n.max_properties);
  if (keyword == "dependentRequired") return ReadDependentRequired(value);
  if (keyword == "dependentSchemas") return ReadSchemaMap(value, &n.dependent_schemas);
  // Applicators on the same instance.
  if (keyword == "allOf") return ReadSchemaArray(value, &n.all_of);
  if (keyword == "anyOf") return ReadSchemaArray(value, &n.any_of);
  if (keyword == "oneOf") return ReadSchemaArray(value, &n.one_of);
  if (keyword == "not") return ReadSchema(value, &n.not_schema);
  if (keyword == "if") return ReadSchema(value, &n.if_schema);
  if (keyword == "then") return ReadSchema(value, &n.then_schema);
  if (keyword == "else") return ReadSchema(value, &n.else_schema);
  return ReadOther(keyword, value);
}

Status KeywordReader::ReadOther(std::string_view keyword, element value) {
  if (keyword == "$id") {
    std::string_view id;
    if (value.get_string().get(id) != simdjson::SUCCESS) return Expected("a string");
    if (id_ != 0) {
      return SchemaError(KeywordPointer(keyword),
                         "embedded schema resources ($id below the root) are not supported");
    }
    compiler_->SetRootId(id);
    return Status::OK();
  }
  for (const auto& [name, hint] : kUnsupported) {
    if (keyword == name) return SchemaError(KeywordPointer(keyword), hint);
  }
  // Annotations and unknown keywords alike do not change validation.
  return Status::OK();
}

Status KeywordReader::Finish() {
  SchemaNode& n = *node_;
  if (items_is_array_) {
    if (has_prefix_items_) {
      return SchemaError(KeywordPointer("items"),
                         "items as an array (draft 7) cannot be combined with prefixItems");
    }
    n.items = additional_items_;  // draft 7: additionalItems governs the items after the tuple
  }
  n.properties_by_name.resize(n.properties.size());
  std::iota(n.properties_by_name.begin(), n.properties_by_name.end(), 0);
  std::stable_sort(
      n.properties_by_name.begin(), n.properties_by_name.end(),
      [&n](uint32_t a, uint32_t b) { return n.properties[a].first < n.properties[b].first; });
  return Status::OK();
}

Status KeywordReader::ReadType(element value) {
  uint8_t types = 0;
  if (value.type() == element_type::STRING) {
    WINNOW_ASSIGN_OR_RETURN(types, TypeBit(value, KeywordPointer("type")));
  } else if (value.type() == element_type::ARRAY) {
    size_t index = 0;
    const simdjson::dom::array names = value.get_array().value_unsafe();
    for (element name : names) {
      std::string pointer = KeywordPointer("type");
      AppendPointerToken(std::to_string(index++), &pointer);
      WINNOW_ASSIGN_OR_RETURN(const uint8_t bit, TypeBit(name, pointer));
      types |= bit;
    }
    if (index == 0) return Expected("a type name or a non-empty array of type names");
  } else {
    return Expected("a type name or a non-empty array of type names");
  }
  node_->types = types;
  return Status::OK();
}

Status KeywordReader::ReadItems(element value) {
  if (value.type() != element_type::ARRAY) return ReadSchema(value, &node_->items);
  items_is_array_ = true;
  return ReadSchemaArray(value, &node_->prefix_items);
}

Status KeywordReader::ReadRef(element value) {
  std::string_view ref;
  if (value.get_string().get(ref) != simdjson::SUCCESS) return Expected("a string");
  compiler_->AddRef(id_, ref, KeywordPointer("$ref"));
  return Status::OK();
}

Status KeywordReader::ReadPattern(element value) {
  std::string_view pattern;
  if (value.get_string().get(pattern) != simdjson::SUCCESS) return Expected("a string");
  WINNOW_ASSIGN_OR_RETURN(auto regex, CompilePattern(pattern, KeywordPointer("pattern")));
  node_->pattern = SchemaPattern{std::string(pattern), std::move(regex)};
  return Status::OK();
}

Status KeywordReader::ReadPatternProperties(element value) {
  simdjson::dom::object patterns;
  if (value.get_object().get(patterns) != simdjson::SUCCESS) return Expected("an object");
  const std::string pointer = KeywordPointer(keyword_);
  for (auto field : patterns) {
    std::string place = pointer;
    AppendPointerToken(field.key, &place);
    WINNOW_ASSIGN_OR_RETURN(auto regex, CompilePattern(field.key, place));
    WINNOW_ASSIGN_OR_RETURN(const SchemaNodeId id,
                            compiler_->CompileChild(field.value, pointer, field.key, depth_));
    node_->pattern_properties.emplace_back(SchemaPattern{std::string(field.key), std::move(regex)},
                                           id);
  }
  return Status::OK();
}

Status KeywordReader::ReadDependentRequired(element value) {
  simdjson::dom::object dependencies;
  if (value.get_object().get(dependencies) != simdjson::SUCCESS) return Expected("an object");
  const std::string pointer = KeywordPointer(keyword_);
  for (auto field : dependencies) {
    std::string place = pointer;
    AppendPointerToken(field.key, &place);
    std::vector<std::string> names;
    WINNOW_RETURN_IF_ERROR(ReadStringArray(field.value, place, &names));
    node_->dependent_required.emplace_back(std::string(field.key), std::move(names));
  }
  return Status::OK();
}

Status KeywordReader::ReadNumber(element value, std::optional<JsonNumber>* out) {
  *out = NumberOf(value);
  if (!*out) return Expected("a number");
  return Status::OK();
}

Status KeywordReader::ReadCount(element value, uint64_t* out) {
  const std::optional<JsonNumber> number = NumberOf(value);
  if (!number || !number->IsInteger() || number->Exact() < 0) {
    return Expected("a non-negative integer");
  }
  // Bounds beyond 2^64 (1e30 written as a double) mean "no bound" in practice.
  const long double exact = number->Exact();
  *out = exact >= 0x1p64L ? UINT64_MAX : static_cast<uint64_t>(exact);
  return Status::OK();
}

Status KeywordReader::ReadOptionalCount(element value, std::optional<uint64_t>* out) {
  uint64_t count = 0;
  WINNOW_RETURN_IF_ERROR(ReadCount(value, &count));
  *out = count;
  return Status::OK();
}

Status KeywordReader::ReadSchema(element value, SchemaNodeId* out) {
  WINNOW_ASSIGN_OR_RETURN(*out, compiler_->CompileChild(value, node_->pointer, keyword_, depth_));
  return Status::OK();
}

Status KeywordReader::ReadSchemaArray(element value, std::vector<SchemaNodeId>* out) {
  simdjson::dom::array schemas;
  if (value.get_array().get(schemas) != simdjson::SUCCESS || schemas.size() == 0) {
    return Expected("a non-empty array of schemas");
  }
  const std::string pointer = KeywordPointer(keyword_);
  size_t index = 0;
  for (element schema : schemas) {
    WINNOW_ASSIGN_OR_RETURN(
        const SchemaNodeId id,
        compiler_->CompileChild(schema, pointer, std::to_string(index++), depth_));
    out->push_back(id);
  }
  return Status::OK();
}

Status KeywordReader::ReadSchemaMap(element value,
                                    std::vector<std::pair<std::string, SchemaNodeId>>* out) {
  simdjson::dom::object schemas;
  if (value.get_object().get(schemas) != simdjson::SUCCESS) return Expected("an object");
  const std::string pointer = KeywordPointer(keyword_);
  for (auto field : schemas) {
    WINNOW_ASSIGN_OR_RETURN(const SchemaNodeId id,
                            compiler_->CompileChild(field.value, pointer, field.key, depth_));
    out->emplace_back(std::string(field.key), id);
  }
  return Status::OK();
}

Status KeywordReader::ReadStringArray(element value, std::string_view pointer,
                                      std::vector<std::string>* out) {
  simdjson::dom::array names;
  if (value.get_array().get(names) != simdjson::SUCCESS) {
    return SchemaError(pointer, "expected an array of strings, got " + JsonSnippet(value));
  }
  size_t index = 0;
  for (element name : names) {
    std::string_view text;
    if (name.get_string().get(text) != simdjson::SUCCESS) {
      std::string place(pointer);
      AppendPointerToken(std::to_string(index), &place);
      return SchemaError(place, "expected a string, got " + JsonSnippet(name));
    }
    out->emplace_back(text);
    ++index;
  }
  return Status::OK();
}

}  // namespace winnow::llm
