#pragma once

// The structured-output requests the test LLM server recognises, in every server's dialect, and
// the parser that finds them in a request body.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow::testutil {

// Where in the body a structured-output request was found.
enum class StructuredDialect {
  kOpenAiJsonSchema,  // response_format: {type: json_schema, json_schema: {name, strict, schema}}
  kOpenAiJsonObject,  // response_format: {type: json_object}
  kVllmStructuredOutputs,  // structured_outputs: {json | regex | choice | grammar} (vLLM >= 0.12)
  kVllmGuided,          // guided_json / guided_regex / guided_choice / guided_grammar (older vLLM)
  kLlamaCppJsonSchema,  // json_schema: {..} (llama.cpp server)
  kLlamaCppGrammar,     // grammar: "<GBNF>" (llama.cpp server)
  kTgiGrammar,          // grammar: {type: json | regex, value} (TGI)
};
// Stable names for logs: "openai_json_schema", "vllm_guided", "tgi_grammar", ...
std::string_view StructuredDialectName(StructuredDialect dialect);

// What a structured answer must be.
enum class StructuredKind { kJsonSchema, kJsonObject, kRegex, kChoice, kGrammar };
std::string_view StructuredKindName(StructuredKind kind);

struct StructuredOutputRequest {
  StructuredDialect dialect = StructuredDialect::kOpenAiJsonSchema;
  StructuredKind kind = StructuredKind::kJsonSchema;
  std::string schema_json;  // kJsonSchema: the schema as compact JSON text (as sent when a string)
  std::string schema_name;  // OpenAI's json_schema.name; empty in other dialects
  bool strict = false;      // OpenAI's json_schema.strict
  std::string regex;        // kRegex
  std::vector<std::string> choices;  // kChoice
  std::string grammar;               // kGrammar: the grammar text (GBNF, EBNF, Lark)
};

// Appends every structured-output request found in `body` (a chat or completions request) to
// `out`. An error names the field and the rule broken, e.g. "response_format.json_schema.schema:
// missing"; a strict OpenAI schema is checked as OpenAI checks it (every object closed with
// "additionalProperties": false and all its properties required).
Status ParseStructuredOutputs(simdjson::dom::object body,
                              std::vector<StructuredOutputRequest>* out);

}  // namespace winnow::testutil
