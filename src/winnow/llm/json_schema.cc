#include "winnow/llm/json_schema.h"

#include <fmt/format.h>

#include "winnow/llm/json_schema_tree.h"
#include "winnow/record/json_error_locator.h"

namespace winnow::llm {

Result<JsonSchema> JsonSchema::Compile(std::string_view schema_json) {
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<SchemaTree> tree, CompileSchemaTree(schema_json));
  return JsonSchema(std::shared_ptr<const SchemaTree>(std::move(tree)));
}

Status JsonSchema::Validate(simdjson::dom::element instance, size_t max_errors) const {
  uint64_t evaluations_left = kMaxEvaluations;
  return ValidateAgainst(*tree_, 0, instance, max_errors, &evaluations_left);
}

Status JsonSchema::ValidateText(std::string_view json_text, size_t max_errors) const {
  // One parser per call keeps Validate free of shared mutable state; answers are small.
  simdjson::dom::parser parser;
  simdjson::dom::element instance;
  if (auto error = parser.parse(json_text.data(), json_text.size()).get(instance);
      error != simdjson::SUCCESS) {
    std::string message = fmt::format("not valid JSON: {}", simdjson::error_message(error));
    if (const JsonErrorLocation where = LocateJsonError(json_text); where.found) {
      const TextPosition position = PositionOf(json_text, where.offset);
      message += fmt::format(" (at {}:{}: {})", position.line, position.column, where.message);
    }
    return Status::InvalidInput(std::move(message));
  }
  return Validate(instance, max_errors);
}

const std::string& JsonSchema::source() const { return tree_->source; }

}  // namespace winnow::llm
