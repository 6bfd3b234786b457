#include "llm/llm_structured_output.h"

#include <fmt/format.h>

#include <algorithm>

#include "winnow/record/json_writer.h"

namespace winnow::testutil {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Status Invalid(std::string_view field, std::string_view rule) {
  return Status::InvalidInput(fmt::format("{}: {}", field, rule));
}

bool Find(object parent, std::string_view key, element* value) {
  return parent.at_key(key).get(*value) == simdjson::SUCCESS && !value->is_null();
}

// vLLM and TGI take a schema as an object or as its JSON text.
Status ReadSchema(element value, std::string_view field, std::string* schema_json) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) {
    *schema_json = std::string(text);
  } else if (value.is_object()) {
    schema_json->clear();
    AppendJsonElement(value, schema_json);
  } else {
    return Invalid(field, "expected a JSON schema (an object or its JSON text)");
  }
  return Status::OK();
}

Status ReadString(element value, std::string_view field, std::string* out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return Invalid(field, "expected a string");
  *out = std::string(text);
  return Status::OK();
}

Status ReadChoices(element value, std::string_view field, std::vector<std::string>* out) {
  array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    return Invalid(field, "expected an array of strings");
  }
  for (element item : items) {
    std::string_view text;
    if (item.get_string().get(text) != simdjson::SUCCESS) {
      return Invalid(field, "expected an array of strings");
    }
    out->emplace_back(text);
  }
  if (out->empty()) return Invalid(field, "expected at least one choice");
  return Status::OK();
}

bool ListsString(object parent, std::string_view key, std::string_view wanted) {
  array items;
  if (parent.at_key(key).get_array().get(items) != simdjson::SUCCESS) return false;
  return std::any_of(items.begin(), items.end(), [&](element item) {
    std::string_view text;
    return item.get_string().get(text) == simdjson::SUCCESS && text == wanted;
  });
}

// OpenAI's strict mode: every object schema is closed and requires all its properties.
Status CheckStrictSchema(element schema, const std::string& path) {
  object node;
  if (schema.get_object().get(node) != simdjson::SUCCESS) return Status::OK();
  std::string_view type;
  element properties;
  const bool has_properties = Find(node, "properties", &properties) && properties.is_object();
  const bool is_object =
      (node.at_key("type").get_string().get(type) == simdjson::SUCCESS && type == "object") ||
      ListsString(node, "type", "object") || has_properties;
  if (is_object) {
    bool closed = false;
    if (node.at_key("additionalProperties").get_bool().get(closed) != simdjson::SUCCESS || closed) {
      return Invalid(path, "a strict schema needs \"additionalProperties\": false on every object");
    }
    object property_map;
    if (has_properties && properties.get_object().get(property_map) == simdjson::SUCCESS) {
      for (auto [key, value] : property_map) {
        if (!ListsString(node, "required", key)) {
          return Invalid(path, fmt::format("a strict schema must list every property in "
                                           "\"required\" (\"{}\" is not)",
                                           key));
        }
      }
    }
  }
  for (std::string_view map_key : {"properties", "$defs", "definitions"}) {
    object children;
    if (node.at_key(map_key).get_object().get(children) != simdjson::SUCCESS) continue;
    for (auto [key, value] : children) {
      WINNOW_RETURN_IF_ERROR(CheckStrictSchema(value, fmt::format("{}.{}.{}", path, map_key, key)));
    }
  }
  element items;
  if (Find(node, "items", &items)) {
    WINNOW_RETURN_IF_ERROR(CheckStrictSchema(items, path + ".items"));
  }
  for (std::string_view list_key : {"anyOf", "allOf", "oneOf"}) {
    array branches;
    if (node.at_key(list_key).get_array().get(branches) != simdjson::SUCCESS) continue;
    size_t i = 0;
    for (element branch : branches) {
      WINNOW_RETURN_IF_ERROR(
          CheckStrictSchema(branch, fmt::format("{}.{}[{}]", path, list_key, i++)));
    }
  }
  return Status::OK();
}

Status ParseResponseFormat(element format, std::vector<StructuredOutputRequest>* out) {
  object fields;
  std::string_view type;
  if (format.get_object().get(fields) != simdjson::SUCCESS ||
      fields.at_key("type").get_string().get(type) != simdjson::SUCCESS) {
    return Invalid("response_format", "expected an object with a string \"type\"");
  }
  if (type == "text") return Status::OK();
  StructuredOutputRequest request;
  element schema;
  if (type == "json_object") {
    request.dialect = StructuredDialect::kOpenAiJsonObject;
    request.kind = StructuredKind::kJsonObject;
    // llama.cpp's extension: {"type": "json_object", "schema": {..}}.
    if (Find(fields, "schema", &schema)) {
      request.kind = StructuredKind::kJsonSchema;
      WINNOW_RETURN_IF_ERROR(ReadSchema(schema, "response_format.schema", &request.schema_json));
    }
  } else if (type == "json_schema") {
    object json_schema;
    if (fields.at_key("json_schema").get_object().get(json_schema) != simdjson::SUCCESS) {
      return Invalid("response_format.json_schema", "missing (an object with name and schema)");
    }
    request.dialect = StructuredDialect::kOpenAiJsonSchema;
    element name;
    if (!Find(json_schema, "name", &name))
      return Invalid("response_format.json_schema.name", "missing");
    WINNOW_RETURN_IF_ERROR(
        ReadString(name, "response_format.json_schema.name", &request.schema_name));
    if (!Find(json_schema, "schema", &schema) || !schema.is_object()) {
      return Invalid("response_format.json_schema.schema", "missing (a JSON schema object)");
    }
    AppendJsonElement(schema, &request.schema_json);
    element strict;
    if (Find(json_schema, "strict", &strict) && strict.get_bool().get(request.strict)) {
      return Invalid("response_format.json_schema.strict", "expected true or false");
    }
    if (request.strict) {
      WINNOW_RETURN_IF_ERROR(CheckStrictSchema(schema, "response_format.json_schema.schema"));
    }
  } else {
    return Invalid("response_format.type", "expected \"text\", \"json_object\" or \"json_schema\"");
  }
  out->push_back(std::move(request));
  return Status::OK();
}

// One of json / regex / choice / grammar (and vLLM's json_object), read from `fields` with each
// key prefixed by `prefix` ("" for structured_outputs, "guided_" for the older top-level fields).
// `context` names the place in error messages. Appends nothing when none is present.
Status ParseVllmKinds(object fields, std::string_view prefix, std::string_view context,
                      StructuredDialect dialect, std::vector<StructuredOutputRequest>* out) {
  StructuredOutputRequest request;
  request.dialect = dialect;
  int kinds = 0;
  element value;
  auto key = [&](std::string_view name) { return std::string(prefix) + std::string(name); };
  auto field = [&](std::string_view name) {
    return context.empty() ? key(name) : fmt::format("{}.{}", context, key(name));
  };
  if (Find(fields, key("json"), &value)) {
    ++kinds;
    request.kind = StructuredKind::kJsonSchema;
    WINNOW_RETURN_IF_ERROR(ReadSchema(value, field("json"), &request.schema_json));
  }
  if (Find(fields, key("regex"), &value)) {
    ++kinds;
    request.kind = StructuredKind::kRegex;
    WINNOW_RETURN_IF_ERROR(ReadString(value, field("regex"), &request.regex));
  }
  if (Find(fields, key("choice"), &value)) {
    ++kinds;
    request.kind = StructuredKind::kChoice;
    WINNOW_RETURN_IF_ERROR(ReadChoices(value, field("choice"), &request.choices));
  }
  if (Find(fields, key("grammar"), &value)) {
    ++kinds;
    request.kind = StructuredKind::kGrammar;
    WINNOW_RETURN_IF_ERROR(ReadString(value, field("grammar"), &request.grammar));
  }
  bool json_object = false;
  if (fields.at_key(key("json_object")).get_bool().get(json_object) == simdjson::SUCCESS &&
      json_object) {
    ++kinds;
    request.kind = StructuredKind::kJsonObject;
  }
  if (kinds > 1) {
    return Invalid(context.empty() ? "guided_*" : context,
                   "vLLM accepts one of json, regex, choice, grammar, json_object; got several");
  }
  if (kinds == 1) out->push_back(std::move(request));
  return Status::OK();
}

Status ParseTgiGrammar(object grammar, std::vector<StructuredOutputRequest>* out) {
  std::string_view type;
  element value;
  if (grammar.at_key("type").get_string().get(type) != simdjson::SUCCESS ||
      !Find(grammar, "value", &value)) {
    return Invalid("grammar", "expected {\"type\": \"json\" or \"regex\", \"value\": ..}");
  }
  StructuredOutputRequest request;
  request.dialect = StructuredDialect::kTgiGrammar;
  if (type == "json") {
    request.kind = StructuredKind::kJsonSchema;
    WINNOW_RETURN_IF_ERROR(ReadSchema(value, "grammar.value", &request.schema_json));
  } else if (type == "regex") {
    request.kind = StructuredKind::kRegex;
    WINNOW_RETURN_IF_ERROR(ReadString(value, "grammar.value", &request.regex));
  } else {
    return Invalid("grammar.type", "expected \"json\" or \"regex\"");
  }
  out->push_back(std::move(request));
  return Status::OK();
}

Status ParseLlamaCppAndTgi(object body, std::vector<StructuredOutputRequest>* out) {
  element json_schema;
  element grammar;
  const bool has_schema = Find(body, "json_schema", &json_schema);
  const bool has_grammar = Find(body, "grammar", &grammar);
  if (has_grammar && grammar.is_object()) {
    WINNOW_RETURN_IF_ERROR(ParseTgiGrammar(grammar, out));
  } else if (has_grammar && has_schema) {
    return Invalid("json_schema", "llama.cpp accepts json_schema or grammar, not both");
  }
  if (has_schema) {
    StructuredOutputRequest request;
    request.dialect = StructuredDialect::kLlamaCppJsonSchema;
    request.kind = StructuredKind::kJsonSchema;
    WINNOW_RETURN_IF_ERROR(ReadSchema(json_schema, "json_schema", &request.schema_json));
    out->push_back(std::move(request));
  }
  if (has_grammar && !grammar.is_object()) {
    StructuredOutputRequest request;
    request.dialect = StructuredDialect::kLlamaCppGrammar;
    request.kind = StructuredKind::kGrammar;
    WINNOW_RETURN_IF_ERROR(ReadString(grammar, "grammar", &request.grammar));
    out->push_back(std::move(request));
  }
  return Status::OK();
}

}  // namespace

std::string_view StructuredDialectName(StructuredDialect dialect) {
  switch (dialect) {
    case StructuredDialect::kOpenAiJsonSchema:
      return "openai_json_schema";
    case StructuredDialect::kOpenAiJsonObject:
      return "openai_json_object";
    case StructuredDialect::kVllmStructuredOutputs:
      return "vllm_structured_outputs";
    case StructuredDialect::kVllmGuided:
      return "vllm_guided";
    case StructuredDialect::kLlamaCppJsonSchema:
      return "llamacpp_json_schema";
    case StructuredDialect::kLlamaCppGrammar:
      return "llamacpp_grammar";
    case StructuredDialect::kTgiGrammar:
      return "tgi_grammar";
  }
  return "unknown";
}

std::string_view StructuredKindName(StructuredKind kind) {
  switch (kind) {
    case StructuredKind::kJsonSchema:
      return "json_schema";
    case StructuredKind::kJsonObject:
      return "json_object";
    case StructuredKind::kRegex:
      return "regex";
    case StructuredKind::kChoice:
      return "choice";
    case StructuredKind::kGrammar:
      return "grammar";
  }
  return "unknown";
}

Status ParseStructuredOutputs(object body, std::vector<StructuredOutputRequest>* out) {
  element value;
  if (Find(body, "response_format", &value)) {
    WINNOW_RETURN_IF_ERROR(ParseResponseFormat(value, out));
  }
  if (Find(body, "structured_outputs", &value)) {
    object fields;
    if (value.get_object().get(fields) != simdjson::SUCCESS) {
      return Invalid("structured_outputs", "expected an object");
    }
    const size_t before = out->size();
    WINNOW_RETURN_IF_ERROR(ParseVllmKinds(fields, "", "structured_outputs",
                                          StructuredDialect::kVllmStructuredOutputs, out));
    if (out->size() == before) {
      return Invalid("structured_outputs", "expected one of json, regex, choice, grammar");
    }
  }
  WINNOW_RETURN_IF_ERROR(ParseVllmKinds(body, "guided_", "", StructuredDialect::kVllmGuided, out));
  return ParseLlamaCppAndTgi(body, out);
}

}  // namespace winnow::testutil
