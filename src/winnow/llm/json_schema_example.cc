#include "winnow/llm/json_schema_example.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "winnow/common/utf8.h"
#include "winnow/llm/json_schema_example_maker.h"

namespace winnow::llm {
namespace {

constexpr int kAnyOfChoice = 0;
constexpr int kOneOfChoice = 1;
constexpr int kIfChoice = 2;

// Variant offsets tried per type, for keywords the generator does not plan for (not, uniqueItems,
// a second multipleOf): the validator rejects a guess and another one may pass.
constexpr uint64_t kAttemptOffsets[] = {0, 1, 2, 3, 7, 31};

bool HasObjectKeywords(const SchemaNode& n) {
  return !n.properties.empty() || !n.required.empty() || !n.pattern_properties.empty() ||
         n.additional_properties != kNoNode || n.property_names != kNoNode ||
         n.min_properties > 0 || n.max_properties || !n.dependent_required.empty() ||
         !n.dependent_schemas.empty();
}

bool HasArrayKeywords(const SchemaNode& n) {
  return !n.prefix_items.empty() || n.items != kNoNode || n.contains != kNoNode ||
         n.min_items > 0 || n.max_items || n.unique_items;
}

bool HasStringKeywords(const SchemaNode& n) {
  return n.min_length > 0 || n.max_length || n.pattern || !n.format.empty();
}

bool HasNumberKeywords(const SchemaNode& n) {
  return n.minimum || n.maximum || n.exclusive_minimum || n.exclusive_maximum || n.multiple_of;
}

}  // namespace

std::nullopt_t ExampleMaker::Fail(std::string_view pointer, std::string_view reason) {
  if (why_.empty()) {
    why_ = fmt::format("schema {}: {}", pointer.empty() ? "(root)" : pointer, reason);
  }
  return std::nullopt;
}

bool ExampleMaker::Step(std::string_view pointer) {
  if (steps_left_ == 0 || evaluations_left_ == 0) {
    Fail(pointer, "the search for an example ran too long");
    return false;
  }
  --steps_left_;
  return true;
}

bool ExampleMaker::Valid(std::string_view json, const std::vector<SchemaNodeId>& nodes) {
  if (!Step(Place(nodes))) return false;
  simdjson::dom::element instance;
  if (parser_.parse(json.data(), json.size()).get(instance) != simdjson::SUCCESS) return false;
  return std::all_of(nodes.begin(), nodes.end(), [&](SchemaNodeId id) {
    return Matches(tree_, id, instance, &evaluations_left_);
  });
}

std::optional<std::string> ExampleMaker::Generate(const std::vector<SchemaNodeId>& conjunction,
                                                  uint64_t variant, int depth) {
  std::vector<Choice> made;
  return Search(conjunction, &made, variant, depth);
}

std::vector<SchemaNodeId> ExampleMaker::Flatten(
    const std::vector<SchemaNodeId>& conjunction) const {
  // $ref and allOf only add nodes to satisfy; an explicit stack because a $ref chain may be long.
  std::vector<SchemaNodeId> flat;
  std::unordered_set<SchemaNodeId> seen;
  std::vector<SchemaNodeId> stack(conjunction.rbegin(), conjunction.rend());
  while (!stack.empty()) {
    const SchemaNodeId id = stack.back();
    stack.pop_back();
    if (!seen.insert(id).second) continue;
    flat.push_back(id);
    const SchemaNode& node = tree_.nodes[id];
    stack.insert(stack.end(), node.all_of.rbegin(), node.all_of.rend());
    if (node.ref != kNoNode) stack.push_back(node.ref);
  }
  return flat;
}

std::optional<std::string> ExampleMaker::Search(const std::vector<SchemaNodeId>& conjunction,
                                                std::vector<Choice>* made, uint64_t variant,
                                                int depth) {
  if (!Step(Place(conjunction))) return std::nullopt;
  const std::vector<SchemaNodeId> flat = Flatten(conjunction);
  Choice choice{};
  std::vector<std::vector<SchemaNodeId>> options;
  if (!NextChoice(flat, *made, &choice, &options)) return GenerateFlat(flat, variant, depth);
  made->push_back(choice);
  std::optional<std::string> value;
  for (size_t i = 0; i < options.size() && !value; ++i) {
    std::vector<SchemaNodeId> extended = conjunction;
    const std::vector<SchemaNodeId>& option = options[(variant + i) % options.size()];
    extended.insert(extended.end(), option.begin(), option.end());
    value = Search(extended, made, variant, depth);
  }
  made->pop_back();
  return value;
}

bool ExampleMaker::NextChoice(const std::vector<SchemaNodeId>& flat,
                              const std::vector<Choice>& made, Choice* choice,
                              std::vector<std::vector<SchemaNodeId>>* options) const {
  auto open = [&made](SchemaNodeId id, int kind) {
    return std::find(made.begin(), made.end(), Choice{id, kind}) == made.end();
  };
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    const std::vector<SchemaNodeId>* alternatives = nullptr;
    if (!node.any_of.empty() && open(id, kAnyOfChoice)) {
      *choice = {id, kAnyOfChoice};
      alternatives = &node.any_of;
    } else if (!node.one_of.empty() && open(id, kOneOfChoice)) {
      *choice = {id, kOneOfChoice};
      alternatives = &node.one_of;
    } else if (node.if_schema != kNoNode &&
               (node.then_schema != kNoNode || node.else_schema != kNoNode) &&
               open(id, kIfChoice)) {
      // Either the condition holds and "then" applies, or it fails (checked) and "else" does.
      *choice = {id, kIfChoice};
      options->push_back({node.if_schema});
      if (node.then_schema != kNoNode) options->back().push_back(node.then_schema);
      options->emplace_back();
      if (node.else_schema != kNoNode) options->back().push_back(node.else_schema);
      return true;
    } else {
      continue;
    }
    for (SchemaNodeId alternative : *alternatives) options->push_back({alternative});
    return true;
  }
  return false;
}

std::optional<std::string> ExampleMaker::GenerateFlat(const std::vector<SchemaNodeId>& flat,
                                                      uint64_t variant, int depth) {
  const std::string_view pointer = Place(flat);
  if (depth > kMaxExampleDepth) {
    return Fail(pointer, fmt::format("examples nest deeper than {} levels (does the schema "
                                     "require endless nesting?)",
                                     kMaxExampleDepth));
  }
  uint8_t allowed = kAnyType;
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    if (node.never) return Fail(node.pointer, "the schema false allows no value");
    if (node.const_value || node.has_enum) {
      // const and enum list the candidates outright.
      const std::vector<simdjson::dom::element> values =
          node.const_value ? std::vector{*node.const_value} : node.enum_values;
      for (size_t i = 0; i < values.size(); ++i) {
        std::string text = simdjson::to_string(values[(variant + i) % values.size()]);
        if (Valid(text, flat)) return text;
      }
      return Fail(node.pointer, "no const or enum value is valid against the rest of the schema");
    }
    // Number admits integers: make that explicit before intersecting.
    allowed &= node.types & kTypeNumber ? node.types | kTypeInteger : node.types;
  }
  if (allowed == 0) return Fail(pointer, "the types required here contradict each other");
  for (uint8_t type : TypeOrder(flat, allowed, variant)) {
    for (uint64_t offset : kAttemptOffsets) {
      const std::vector<std::string> candidates = Candidates(type, flat, variant + offset, depth);
      if (candidates.empty()) break;  // impossible for this type, whatever the variant
      for (const std::string& candidate : candidates) {
        if (Valid(candidate, flat)) return candidate;
      }
      if (why_.empty() && !candidates.empty()) {
        // Keep the validator's reason for the first rejected guess.
        simdjson::dom::element instance;
        if (parser_.parse(candidates[0]).get(instance) == simdjson::SUCCESS) {
          for (SchemaNodeId id : flat) {
            uint64_t budget = 100'000;
            const Status status = ValidateAgainst(tree_, id, instance, 1, &budget);
            if (!status.ok()) {
              Fail(tree_.nodes[id].pointer,
                   fmt::format("the example {} is invalid: {}", Snippet(candidates[0], 60),
                               status.message()));
              break;
            }
          }
        }
      }
    }
  }
  return Fail(pointer, "no value of an allowed type satisfies every keyword");
}

std::vector<uint8_t> ExampleMaker::TypeOrder(const std::vector<SchemaNodeId>& flat, uint8_t allowed,
                                             uint64_t variant) const {
  // Types the keywords hint at come first ("required" means an object was meant).
  uint8_t hinted = 0;
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    if (HasObjectKeywords(node)) hinted |= kTypeObject;
    if (HasArrayKeywords(node)) hinted |= kTypeArray;
    if (HasStringKeywords(node)) hinted |= kTypeString;
    if (HasNumberKeywords(node)) hinted |= kTypeNumber | kTypeInteger;
  }
  // One numeric slot: "number" when non-integers are allowed, else "integer".
  const uint8_t numeric = allowed & kTypeNumber ? kTypeNumber : kTypeInteger;
  std::vector<uint8_t> order;
  auto add = [&](uint8_t type) {
    if ((allowed & type) && std::find(order.begin(), order.end(), type) == order.end()) {
      order.push_back(type);
    }
  };
  for (uint8_t type : {kTypeObject, kTypeArray, kTypeString}) {
    if (hinted & type) add(type);
  }
  if (hinted & kTypeNumber) add(numeric);
  if (allowed == kAnyType) {
    // Without "type", the keywords say what was meant ({"required": ["a"]} wants an object, not
    // the string that would pass too); with no keyword either, rotate so variants differ.
    if (hinted != 0) return order;
    const uint8_t any[] = {kTypeNull, kTypeString, numeric, kTypeBoolean, kTypeObject, kTypeArray};
    for (size_t i = 0; i < std::size(any); ++i) add(any[(variant + i) % std::size(any)]);
  }
  for (uint8_t type : {kTypeString, numeric, kTypeBoolean, kTypeObject, kTypeArray, kTypeNull}) {
    add(type);
  }
  return order;
}

std::vector<std::string> ExampleMaker::Candidates(uint8_t type,
                                                  const std::vector<SchemaNodeId>& flat,
                                                  uint64_t variant, int depth) {
  switch (type) {
    case kTypeNull:
      return {"null"};
    case kTypeBoolean:
      return variant % 2 == 0 ? std::vector<std::string>{"true", "false"}
                              : std::vector<std::string>{"false", "true"};
    case kTypeNumber:
    case kTypeInteger:
      return MakeNumbers(flat, type == kTypeInteger, variant);
    case kTypeString:
      return MakeStrings(flat, variant);
    case kTypeArray:
      return MakeArray(flat, variant, depth);
    default:
      return MakeObject(flat, variant, depth);
  }
}

Result<std::string> MakeExampleInstance(const JsonSchema& schema, uint64_t variant) {
  ExampleMaker maker(schema.tree());
  std::optional<std::string> example = maker.Generate({0}, variant, 0);
  if (!example) {
    return Error(Status::Unsupported("no example instance found: " + maker.why()));
  }
  // Every candidate was checked already; this states the promise where a reader looks for it.
  if (Status status = schema.ValidateText(*example); !status.ok()) {
    return Error(
        Status::Internal(fmt::format("example {} is invalid: {}", *example, status.message())));
  }
  return std::move(*example);
}

}  // namespace winnow::llm
