// Validation: the walk over nodes, its limits and messages, enum and const, and the keywords that
// apply other schemas to the same instance ($ref, allOf, anyOf, oneOf, not, if/then/else).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "winnow/llm/json_schema_validator.h"

namespace winnow::llm {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// A $ref chain longer than this is not followed when guessing an alternative's types for a message.
constexpr int kMaxRefHops = 16;

std::string JoinViolations(const std::vector<std::string>& lines, bool more) {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += "; ";
    text += line;
  }
  if (more) text += "; and more";
  return text;
}

}  // namespace

Instance Instance::Key(std::string_view key) {
  Instance instance;
  instance.key_ = key;
  instance.is_key_ = true;
  return instance;
}

element_type Instance::type() const { return is_key_ ? element_type::STRING : value_.type(); }

uint8_t Instance::TypeBits() const {
  switch (type()) {
    case element_type::NULL_VALUE:
      return kTypeNull;
    case element_type::BOOL:
      return kTypeBoolean;
    case element_type::OBJECT:
      return kTypeObject;
    case element_type::ARRAY:
      return kTypeArray;
    case element_type::STRING:
      return kTypeString;
    case element_type::INT64:
    case element_type::UINT64:
      return kTypeNumber | kTypeInteger;
    case element_type::DOUBLE:
      break;
  }
  const double real = value_.get_double().value_unsafe();
  return std::floor(real) == real ? kTypeNumber | kTypeInteger : kTypeNumber;
}

std::string_view Instance::TypeName() const {
  switch (type()) {
    case element_type::NULL_VALUE:
      return "null";
    case element_type::BOOL:
      return "boolean";
    case element_type::OBJECT:
      return "object";
    case element_type::ARRAY:
      return "array";
    case element_type::STRING:
      return "string";
    case element_type::INT64:
    case element_type::UINT64:
      return "integer";
    case element_type::DOUBLE:
      break;
  }
  return "number";
}

std::string_view Instance::String() const {
  return is_key_ ? key_ : value_.get_string().value_unsafe();
}

bool Instance::Equals(element other) const {
  if (!is_key_) return JsonEqual(value_, other);
  std::string_view text;
  return other.get_string().get(text) == simdjson::SUCCESS && text == key_;
}

std::string Instance::Snippet() const {
  return is_key_ ? QuotedSnippet(key_) : JsonSnippet(value_);
}

void Validator::Collect(size_t max_errors) {
  collecting_ = true;
  max_errors_ = std::max<size_t>(max_errors, 1);
}

Status Validator::Outcome() const {
  if (abort_) return *abort_;
  if (violations_.empty()) return Status::OK();
  std::vector<std::string> lines;
  for (size_t i = 0; i < violations_.size() && i < max_errors_; ++i) {
    lines.push_back(violations_[i].location + ": " + violations_[i].message);
  }
  return Status::InvalidInput(JoinViolations(lines, violations_.size() > max_errors_));
}

bool Validator::Fail(std::string message) {
  if (collecting_) violations_.push_back({Location(), std::move(message)});
  return false;
}

bool Validator::Check(SchemaNodeId id, const Instance& instance) {
  const bool was_collecting = collecting_;
  collecting_ = false;
  const bool ok = ValidateNode(id, instance);
  collecting_ = was_collecting;
  return ok && !abort_;
}

Validator::Violation Validator::FirstViolation(SchemaNodeId id, const Instance& instance) {
  std::vector<Violation> saved = std::move(violations_);
  const size_t saved_max = max_errors_;
  violations_.clear();
  max_errors_ = 0;  // stop at the first
  ValidateNode(id, instance);
  Violation first = violations_.empty() ? Violation{} : std::move(violations_.front());
  violations_ = std::move(saved);
  max_errors_ = saved_max;
  return first;
}

bool Validator::ValidateChild(SchemaNodeId id, std::string_view token, element value) {
  const size_t mark = path_.size();
  if (collecting_) AppendPointerToken(token, &path_);
  const bool ok = ValidateNode(id, Instance(value));
  path_.resize(mark);
  return ok;
}

bool Validator::Enter() {
  if (abort_) return false;
  if (*evaluations_left_ == 0) {
    abort_ = Status::InvalidArgument(fmt::format(
        "validation stopped after {} schema evaluations: the schema is too costly for this "
        "instance (nested anyOf/oneOf over $ref?)",
        kMaxEvaluations));
    return false;
  }
  --*evaluations_left_;
  if (depth_ >= kMaxSchemaDepth) {
    abort_ = Status::InvalidInput(
        fmt::format("{}validation nested deeper than {} schemas (the instance nests too deep)",
                    collecting_ ? Location() + ": " : "", kMaxSchemaDepth));
    return false;
  }
  return true;
}

bool Validator::ValidateNode(SchemaNodeId id, const Instance& instance) {
  if (!Enter()) return false;
  ++depth_;
  const SchemaNode& node = tree_.nodes[id];
  bool ok = true;
  if (node.never) {
    ok = Fail(fmt::format("no value is allowed here (the schema at {} is false)",
                          node.pointer.empty() ? "the root" : node.pointer));
  } else {
    ok = ValidateKeywords(node, instance);
  }
  --depth_;
  return ok && !abort_;
}

bool Validator::ValidateKeywords(const SchemaNode& node, const Instance& instance) {
  bool ok = true;
  if ((node.types & instance.TypeBits()) == 0) {
    ok = Fail(fmt::format("expected {}, got {}", TypeNames(node.types), instance.TypeName()));
    if (ShouldStop(ok)) return false;
  }
  if (node.has_enum || node.const_value) {
    ok &= ValidateEnumConst(node, instance);
    if (ShouldStop(ok)) return false;
  }
  switch (instance.type()) {
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      ok &= ValidateNumber(node, *NumberOf(instance.value()));
      break;
    case element_type::STRING:
      ok &= ValidateString(node, instance);
      break;
    case element_type::ARRAY:
      ok &= ValidateArray(node, instance.value().get_array().value_unsafe());
      break;
    case element_type::OBJECT:
      ok &= ValidateObject(node, instance.value().get_object().value_unsafe(), instance);
      break;
    default:
      break;
  }
  if (ShouldStop(ok)) return false;
  return ValidateApplicators(node, instance) && ok;
}

bool Validator::ValidateEnumConst(const SchemaNode& node, const Instance& instance) {
  bool ok = true;
  if (node.const_value && !instance.Equals(*node.const_value)) {
    ok = Fail(fmt::format("expected the constant {}, got {}", JsonSnippet(*node.const_value),
                          instance.Snippet()));
    if (ShouldStop(ok)) return false;
  }
  if (node.has_enum) {
    bool found = false;
    for (element value : node.enum_values) {
      if (instance.Equals(value)) {
        found = true;
        break;
      }
    }
    if (!found) {
      std::string choices;
      for (element value : node.enum_values) {
        if (choices.size() > 120) {
          choices += ", …";
          break;
        }
        if (!choices.empty()) choices += ", ";
        choices += JsonSnippet(value, 40);
      }
      ok = Fail(fmt::format("{} is not one of [{}]", instance.Snippet(), choices));
    }
  }
  return ok;
}

bool Validator::ValidateApplicators(const SchemaNode& node, const Instance& instance) {
  bool ok = true;
  if (node.ref != kNoNode) {
    ok &= ValidateNode(node.ref, instance);
    if (ShouldStop(ok)) return false;
  }
  for (SchemaNodeId id : node.all_of) {
    ok &= ValidateNode(id, instance);
    if (ShouldStop(ok)) return false;
  }
  if (!node.any_of.empty()) {
    ok &= ValidateAnyOf(node, instance);
    if (ShouldStop(ok)) return false;
  }
  if (!node.one_of.empty()) {
    ok &= ValidateOneOf(node, instance);
    if (ShouldStop(ok)) return false;
  }
  if (node.not_schema != kNoNode) {
    const bool matches = Check(node.not_schema, instance);
    if (abort_) return false;
    if (matches) {
      ok = Fail(fmt::format("must not be valid against the schema at {}",
                            tree_.nodes[node.not_schema].pointer));
      if (ShouldStop(ok)) return false;
    }
  }
  // "if" alone has no effect on validity.
  if (node.if_schema != kNoNode && (node.then_schema != kNoNode || node.else_schema != kNoNode)) {
    const bool condition = Check(node.if_schema, instance);
    if (abort_) return false;
    const SchemaNodeId branch = condition ? node.then_schema : node.else_schema;
    if (branch != kNoNode) ok &= ValidateNode(branch, instance);
  }
  return ok;
}

bool Validator::ValidateAnyOf(const SchemaNode& node, const Instance& instance) {
  for (SchemaNodeId id : node.any_of) {
    if (Check(id, instance)) return true;
    if (abort_) return false;
  }
  if (!collecting_) return false;
  return Fail(NoAlternativeMessage(node.any_of, "anyOf", instance));
}

bool Validator::ValidateOneOf(const SchemaNode& node, const Instance& instance) {
  size_t matching[2] = {0, 0};
  size_t count = 0;
  for (size_t i = 0; i < node.one_of.size() && count < 2; ++i) {
    if (Check(node.one_of[i], instance)) matching[count++] = i;
    if (abort_) return false;
  }
  if (count == 1) return true;
  if (!collecting_) return false;
  if (count == 0) return Fail(NoAlternativeMessage(node.one_of, "oneOf", instance));
  return Fail(fmt::format("valid against oneOf alternatives {} and {}, expected exactly one",
                          matching[0], matching[1]));
}

std::string Validator::NoAlternativeMessage(const std::vector<SchemaNodeId>& alternatives,
                                            std::string_view keyword, const Instance& instance) {
  // When the type alone rules every alternative out, "expected string or null" says it all.
  // Otherwise the first alternative of the instance's type is likely the one meant: show why it
  // failed.
  uint8_t all_types = 0;
  size_t explained = alternatives.size();
  for (size_t i = 0; i < alternatives.size(); ++i) {
    const uint8_t types = ReachableTypes(alternatives[i]);
    all_types |= types;
    if ((types & instance.TypeBits()) != 0 && explained == alternatives.size()) explained = i;
  }
  if (explained == alternatives.size()) {
    return fmt::format("expected {}, got {}", TypeNames(all_types), instance.TypeName());
  }
  Violation why = FirstViolation(alternatives[explained], instance);
  if (abort_ || why.message.empty()) {
    return fmt::format("not valid against any {} alternative", keyword);
  }
  const std::string where = why.location == Location() ? "" : why.location + ": ";
  return fmt::format("not valid against any {} alternative (alternative {}: {}{})", keyword,
                     explained, where, why.message);
}

uint8_t Validator::ReachableTypes(SchemaNodeId id) const {
  uint8_t types = kAnyType;
  for (int hop = 0; hop < kMaxRefHops && id != kNoNode; ++hop) {
    const SchemaNode& node = tree_.nodes[id];
    if (node.never) return 0;
    types &= node.types;
    id = node.ref;
  }
  return types;
}

Status ValidateAgainst(const SchemaTree& tree, SchemaNodeId node, element instance,
                       size_t max_errors, uint64_t* evaluations_left) {
  Validator validator(tree, evaluations_left);
  validator.Collect(max_errors);
  validator.ValidateNode(node, Instance(instance));
  return validator.Outcome();
}

bool Matches(const SchemaTree& tree, SchemaNodeId node, element instance,
             uint64_t* evaluations_left) {
  Validator validator(tree, evaluations_left);
  return validator.ValidateNode(node, Instance(instance)) && validator.Outcome().ok();
}

}  // namespace winnow::llm
