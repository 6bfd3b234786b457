#include "winnow/llm/output_check.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <simdjson.h>

#include "winnow/common/utf8.h"

namespace winnow::llm {
namespace {

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && std::string_view(" \t\r\n").find(text.front()) != std::string_view::npos)
    text.remove_prefix(1);
  while (!text.empty() && std::string_view(" \t\r\n").find(text.back()) != std::string_view::npos)
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view StripJsonFence(std::string_view answer) {
  std::string_view text = TrimSpace(answer);
  if (!text.starts_with("```") || !text.ends_with("```") || text.size() < 6) return text;
  text.remove_suffix(3);
  size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return TrimSpace(text.substr(3));
  return TrimSpace(text.substr(newline + 1));  // drops the info string ("json")
}

ConstraintChecker::ConstraintChecker() = default;
ConstraintChecker::~ConstraintChecker() = default;

Result<const JsonSchema*> ConstraintChecker::Schema(const std::string& schema_json) {
  auto it = schemas_.find(schema_json);
  if (it != schemas_.end()) return it->second.get();
  WINNOW_ASSIGN_OR_RETURN(JsonSchema schema, JsonSchema::Compile(schema_json));
  auto owned = std::make_unique<JsonSchema>(std::move(schema));
  const JsonSchema* raw = owned.get();
  schemas_.emplace(schema_json, std::move(owned));
  return raw;
}

Result<const re2::RE2*> ConstraintChecker::Regex(const std::string& pattern) {
  auto it = regexes_.find(pattern);
  if (it != regexes_.end()) return it->second.get();
  auto regex = std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet);
  if (!regex->ok()) {
    return Error(Status::InvalidArgument(
        fmt::format("output regex '{}' does not compile: {}", pattern, regex->error())));
  }
  const re2::RE2* raw = regex.get();
  regexes_.emplace(pattern, std::move(regex));
  return raw;
}

Status ConstraintChecker::Check(const OutputConstraint& output, std::string_view answer) {
  using Kind = OutputConstraint::Kind;
  switch (output.kind) {
    case Kind::kNone:
      return Status::OK();
    case Kind::kJsonSchema: {
      WINNOW_ASSIGN_OR_RETURN(const JsonSchema* schema, Schema(output.schema_json));
      return schema->ValidateText(StripJsonFence(answer));
    }
    case Kind::kJsonObject: {
      simdjson::dom::parser parser;
      simdjson::padded_string padded(StripJsonFence(answer));
      simdjson::dom::element root;
      if (auto error = parser.parse(padded).get(root)) {
        return Status::InvalidInput(
            fmt::format("the answer is not JSON ({})", simdjson::error_message(error)));
      }
      if (!root.is_object()) return Status::InvalidInput("the answer is JSON but not an object");
      return Status::OK();
    }
    case Kind::kRegex: {
      WINNOW_ASSIGN_OR_RETURN(const re2::RE2* regex, Regex(output.regex));
      if (re2::RE2::FullMatch(TrimSpace(answer), *regex)) return Status::OK();
      return Status::InvalidInput(
          fmt::format("the answer '{}' does not match /{}/", Snippet(answer, 80), output.regex));
    }
    case Kind::kChoice: {
      std::string_view trimmed = TrimSpace(answer);
      for (const std::string& choice : output.choices) {
        if (trimmed == choice) return Status::OK();
      }
      return Status::InvalidInput(
          fmt::format("the answer '{}' is not one of the choices", Snippet(answer, 80)));
    }
  }
  return Status::OK();
}

}  // namespace winnow::llm
