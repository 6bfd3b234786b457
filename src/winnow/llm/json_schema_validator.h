#pragma once

// Internal to llm/: the walk that validates one instance against a compiled schema. The node and
// applicator logic is in json_schema_validate.cc, the per-type keywords in
// json_schema_validate_types.cc.
//
// Two modes share one walk. Collecting mode records "<instance pointer>: <violation>" messages
// and goes on until it has max_errors + 1 of them; checking mode (anyOf branches, not, if,
// contains, propertyNames) stops at the first violation and records nothing. Every node
// evaluation counts against the caller's budget and the nesting depth is bounded, so hostile
// schemas and instances end in an error instead of a hang or a stack overflow.

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/json_schema_tree.h"

namespace winnow::llm {

// The value being validated: a DOM element, or an object key (propertyNames applies a schema to
// keys, and simdjson has no element for a key).
class Instance {
 public:
  explicit Instance(simdjson::dom::element value) : value_(value) {}
  static Instance Key(std::string_view key);

  simdjson::dom::element_type type() const;
  // Type bits the value satisfies: integral numbers are both kTypeNumber and kTypeInteger.
  uint8_t TypeBits() const;
  // "integer", "number", "string", ... for messages.
  std::string_view TypeName() const;
  simdjson::dom::element value() const { return value_; }  // requires !is_key()
  std::string_view String() const;                         // requires type() == STRING
  bool Equals(simdjson::dom::element other) const;
  std::string Snippet() const;  // short JSON text for messages

 private:
  Instance() = default;

  simdjson::dom::element value_;
  std::string_view key_;
  bool is_key_ = false;
};

class Validator {
 public:
  Validator(const SchemaTree& tree, uint64_t* evaluations_left)
      : tree_(tree), evaluations_left_(evaluations_left) {}

  // Switches to collecting mode, keeping at most `max_errors` messages (at least one).
  void Collect(size_t max_errors);
  // True when `instance` is valid against node `id` and no limit ran out.
  bool ValidateNode(SchemaNodeId id, const Instance& instance);
  // OK, the collected violations (InvalidInput), or the limit that ran out.
  Status Outcome() const;

 private:
  struct Violation {
    std::string location;  // JSON pointer of the instance, "(root)" for the root
    std::string message;
  };

  // Records a violation when collecting; returns false so callers can write `ok = Fail(...)`.
  bool Fail(std::string message);
  // True when the walk should stop after a check that returned `ok`.
  bool ShouldStop(bool ok) const {
    return abort_.has_value() || (!ok && (!collecting_ || violations_.size() > max_errors_));
  }
  std::string Location() const { return path_.empty() ? "(root)" : path_; }
  // Validates quietly (checking mode), whatever the current mode.
  bool Check(SchemaNodeId id, const Instance& instance);
  // The first violation of `instance` against `id` (for anyOf and oneOf messages).
  Violation FirstViolation(SchemaNodeId id, const Instance& instance);
  // Validates a child value at path_ + "/" + token.
  bool ValidateChild(SchemaNodeId id, std::string_view token, simdjson::dom::element value);
  bool Enter();

  bool ValidateKeywords(const SchemaNode& node, const Instance& instance);
  bool ValidateEnumConst(const SchemaNode& node, const Instance& instance);
  bool ValidateApplicators(const SchemaNode& node, const Instance& instance);
  bool ValidateAnyOf(const SchemaNode& node, const Instance& instance);
  bool ValidateOneOf(const SchemaNode& node, const Instance& instance);
  std::string NoAlternativeMessage(const std::vector<SchemaNodeId>& alternatives,
                                   std::string_view keyword, const Instance& instance);
  uint8_t ReachableTypes(SchemaNodeId id) const;

  // json_schema_validate_types.cc
  bool ValidateNumber(const SchemaNode& node, const JsonNumber& number);
  bool ValidateString(const SchemaNode& node, const Instance& instance);
  bool ValidateArray(const SchemaNode& node, simdjson::dom::array array);
  bool ValidateItems(const SchemaNode& node, simdjson::dom::array array, size_t size);
  bool ValidateUnique(simdjson::dom::array array, size_t size);
  bool ValidateContains(const SchemaNode& node, simdjson::dom::array array);
  bool ValidateObject(const SchemaNode& node, simdjson::dom::object object,
                      const Instance& instance);
  bool ValidateRequired(const SchemaNode& node, simdjson::dom::object object);
  bool ValidateProperty(const SchemaNode& node, std::string_view key, simdjson::dom::element value);

  const SchemaTree& tree_;
  uint64_t* evaluations_left_;
  int depth_ = 0;
  bool collecting_ = false;
  size_t max_errors_ = 0;
  std::vector<Violation> violations_;
  std::string path_;  // kept only while collecting: checking mode reports no locations
  std::optional<Status> abort_;
};

}  // namespace winnow::llm
