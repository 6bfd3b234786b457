#pragma once

// Helpers for JSON Schema tests: compile or fail the test, and the outcome of validating a text.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "winnow/llm/json_schema.h"

namespace winnow::llm::testing {

inline JsonSchema MustCompile(std::string_view schema_json) {
  auto schema = JsonSchema::Compile(schema_json);
  if (!schema) {
    ADD_FAILURE() << "schema " << schema_json << ": " << schema.error().message();
    return *JsonSchema::Compile("true");
  }
  return std::move(*schema);
}

// "ok", or the validation message.
inline std::string Outcome(const JsonSchema& schema, std::string_view instance,
                           size_t max_errors = 5) {
  Status status = schema.ValidateText(instance, max_errors);
  return status.ok() ? "ok" : status.message();
}

inline bool IsValid(const JsonSchema& schema, std::string_view instance) {
  return schema.ValidateText(instance).ok();
}

// The compile error message, or "compiled".
inline std::string CompileError(std::string_view schema_json) {
  auto schema = JsonSchema::Compile(schema_json);
  if (schema) return "compiled";
  EXPECT_EQ(schema.error().code(), StatusCode::kInvalidArgument) << schema.error().message();
  return schema.error().message();
}

}  // namespace winnow::llm::testing
