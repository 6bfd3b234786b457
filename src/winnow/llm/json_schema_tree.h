#pragma once

// The compiled form of a JSON Schema, shared by the validator and the example generator (internal
// to llm/: callers use JsonSchema). One node per subschema, linked by index, so a recursive schema
// ($ref back to an ancestor) is a graph without owning cycles. Immutable once compiled, so any
// number of threads may read one tree at once.

#include <re2/re2.h>
#include <simdjson.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/json_values.h"

namespace winnow::llm {

using SchemaNodeId = uint32_t;
inline constexpr SchemaNodeId kNoNode = std::numeric_limits<SchemaNodeId>::max();

// JSON types as bits of SchemaNode::types. kTypeInteger alone admits integral numbers only.
inline constexpr uint8_t kTypeNull = 1;
inline constexpr uint8_t kTypeBoolean = 2;
inline constexpr uint8_t kTypeObject = 4;
inline constexpr uint8_t kTypeArray = 8;
inline constexpr uint8_t kTypeString = 16;
inline constexpr uint8_t kTypeNumber = 32;
inline constexpr uint8_t kTypeInteger = 64;
inline constexpr uint8_t kAnyType = 127;

// "string", "integer", ... for one bit; "string or null" for several.
std::string TypeNames(uint8_t types);

struct SchemaPattern {
  std::string source;          // as written in the schema, for messages
  std::unique_ptr<RE2> regex;  // unanchored search (RE2::PartialMatch)
};

// Deeper validation or example nesting than this fails instead of risking the stack.
inline constexpr int kMaxSchemaDepth = 256;

struct SchemaNode {
  std::string pointer;  // where the subschema sits in the schema, as a JSON pointer ("" = root)
  bool never = false;   // the boolean schema false (true is a node without keywords)
  uint8_t types = kAnyType;

  bool has_enum = false;  // enum: [] allows nothing, so emptiness is not absence
  std::vector<simdjson::dom::element> enum_values;  // point into SchemaTree::parser's document
  std::optional<simdjson::dom::element> const_value;

  std::optional<JsonNumber> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<JsonNumber> multiple_of;  // > 0

  uint64_t min_length = 0;  // in code points
  std::optional<uint64_t> max_length;
  std::optional<SchemaPattern> pattern;
  std::string format;  // not asserted; the example generator uses it

  std::vector<SchemaNodeId> prefix_items;
  SchemaNodeId items = kNoNode;  // items after prefix_items
  SchemaNodeId contains = kNoNode;
  uint64_t min_contains = 1;
  std::optional<uint64_t> max_contains;
  uint64_t min_items = 0;
  std::optional<uint64_t> max_items;
  bool unique_items = false;

  std::vector<std::pair<std::string, SchemaNodeId>> properties;  // in schema order
  std::vector<uint32_t> properties_by_name;  // indexes into properties, sorted by name
  std::vector<std::pair<SchemaPattern, SchemaNodeId>> pattern_properties;
  SchemaNodeId additional_properties = kNoNode;
  SchemaNodeId property_names = kNoNode;
  std::vector<std::string> required;
  uint64_t min_properties = 0;
  std::optional<uint64_t> max_properties;
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
  std::vector<std::pair<std::string, SchemaNodeId>> dependent_schemas;

  // Applied to the same instance as this node.
  SchemaNodeId ref = kNoNode;
  std::vector<SchemaNodeId> all_of, any_of, one_of;
  SchemaNodeId not_schema = kNoNode;
  SchemaNodeId if_schema = kNoNode, then_schema = kNoNode, else_schema = kNoNode;

  // The subschema for property `name` under `properties`, or kNoNode.
  SchemaNodeId FindProperty(std::string_view name) const;
};

struct SchemaTree {
  std::string source;  // the schema text as given
  // Owns the document that enum and const values point into; never moved once parsed.
  std::unique_ptr<simdjson::dom::parser> parser;
  std::vector<SchemaNode> nodes;  // nodes[0] is the root
};

// Compiles schema text (json_schema_compile.cc). Errors are InvalidArgument naming the place in
// the schema: "schema /properties/age/minimum: expected a number".
Result<std::unique_ptr<SchemaTree>> CompileSchemaTree(std::string_view schema_json);

// Validation work allowed to one call: each node evaluation costs one. Ten million is far more
// than any real instance needs and bounds a schema whose anyOf branches fan out exponentially.
inline constexpr uint64_t kMaxEvaluations = 10'000'000;

// Validates in collecting mode (json_schema_validate.cc): OK, or InvalidInput listing up to
// `max_errors` violations; InvalidInput too when the instance nests too deep, InvalidArgument when
// `*evaluations_left` runs out.
Status ValidateAgainst(const SchemaTree& tree, SchemaNodeId node, simdjson::dom::element instance,
                       size_t max_errors, uint64_t* evaluations_left);

// True when `instance` is valid against `node`; false when it is not or the limits ran out.
bool Matches(const SchemaTree& tree, SchemaNodeId node, simdjson::dom::element instance,
             uint64_t* evaluations_left);

}  // namespace winnow::llm
