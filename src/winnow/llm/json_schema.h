#pragma once

// JSON Schema validation for structured outputs: the engine checks a model's answer locally
// against the schema it asked for, and test servers make valid example answers
// (json_schema_example.h). Draft 2020-12 keywords; docs/structured-outputs.md lists which.

#include <simdjson.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::llm {

struct SchemaTree;

// A compiled schema. Copies share one immutable compiled tree: a shared_ptr because a request's
// schema is held at once by the engine, its response cache and the task that made it, and
// copying must stay cheap. Validate and ValidateText may run on several threads at once.
//
// Validation is bounded: nesting deeper than 256 schema levels fails (InvalidInput), and so does
// a schema whose anyOf/oneOf branches fan out to more than ten million evaluations
// (InvalidArgument), so a hostile schema or instance costs an error, not the stack or a hang.
class JsonSchema {
 public:
  // Compiles JSON text. Errors are InvalidArgument naming the place in the schema as a JSON
  // pointer: "schema /properties/age/minimum: expected a number". Keywords that change
  // validation but are not implemented ($dynamicRef, unevaluatedProperties, remote or anchor
  // $ref, $id below the root...) are errors naming them; annotations (title, description,
  // default, examples, format...) and unknown keywords are ignored. format is not asserted.
  static Result<JsonSchema> Compile(std::string_view schema_json);

  // OK, or InvalidInput listing up to `max_errors` violations, each with the instance location as
  // a JSON pointer ("(root)" for the whole instance) and what was expected, joined by "; ":
  //   /scores/2: 7 is greater than the maximum 5; /name: expected string, got null
  // "; and more" ends the list when there were more. `instance` must stay valid during the call.
  Status Validate(simdjson::dom::element instance, size_t max_errors = 5) const;

  // Parses `json_text` (InvalidInput "not valid JSON: ..." with simdjson's reason and the line
  // and column when they can be found), then validates it.
  Status ValidateText(std::string_view json_text, size_t max_errors = 5) const;

  // The schema text as given to Compile.
  const std::string& source() const;

  // The compiled form, for json_schema_example.cc; its layout is internal to llm/.
  const SchemaTree& tree() const { return *tree_; }

 private:
  explicit JsonSchema(std::shared_ptr<const SchemaTree> tree) : tree_(std::move(tree)) {}

  std::shared_ptr<const SchemaTree> tree_;
};

// OpenAI's strict structured outputs need every object schema (one with "type": "object" or
// "properties") to have "additionalProperties": false and to list every property in "required".
// Returns OK, or InvalidArgument naming the first object schema that breaks a rule as a JSON
// pointer: `schema /properties/address: property "zip" is not in required (OpenAI strict mode
// needs every property required; make it optional with "type": ["string", "null"])`. Invalid
// JSON is InvalidArgument too. Does not compile the schema: call JsonSchema::Compile for that.
Status CheckOpenAiStrict(std::string_view schema_json);

}  // namespace winnow::llm
