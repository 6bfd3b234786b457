// The keywords that apply to one instance type: numbers, strings, arrays and objects.

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "winnow/common/utf8.h"
#include "winnow/llm/json_schema_validator.h"

namespace winnow::llm {
namespace {

using simdjson::dom::element;

// "1 item", "2 items"; `plural` defaults to the noun + "s".
std::string Count(uint64_t n, std::string_view noun, std::string_view plural = "") {
  if (n == 1) return fmt::format("1 {}", noun);
  return plural.empty() ? fmt::format("{} {}s", n, noun) : fmt::format("{} {}", n, plural);
}

}  // namespace

bool Validator::ValidateNumber(const SchemaNode& node, const JsonNumber& number) {
  bool ok = true;
  auto fail = [&](std::string_view relation, const JsonNumber& bound) {
    ok = Fail(fmt::format("{} is {} {}", number.ToString(), relation, bound.ToString()));
    return ShouldStop(ok);
  };
  if (node.minimum && CompareNumbers(number, *node.minimum) < 0 &&
      fail("less than the minimum", *node.minimum)) {
    return false;
  }
  if (node.maximum && CompareNumbers(number, *node.maximum) > 0 &&
      fail("greater than the maximum", *node.maximum)) {
    return false;
  }
  if (node.exclusive_minimum && CompareNumbers(number, *node.exclusive_minimum) <= 0 &&
      fail("not greater than the exclusive minimum", *node.exclusive_minimum)) {
    return false;
  }
  if (node.exclusive_maximum && CompareNumbers(number, *node.exclusive_maximum) >= 0 &&
      fail("not less than the exclusive maximum", *node.exclusive_maximum)) {
    return false;
  }
  if (node.multiple_of && !IsMultipleOf(number, *node.multiple_of) &&
      fail("not a multiple of", *node.multiple_of)) {
    return false;
  }
  return ok;
}

bool Validator::ValidateString(const SchemaNode& node, const Instance& instance) {
  const std::string_view text = instance.String();
  bool ok = true;
  if (node.min_length > 0 || node.max_length) {
    // simdjson validated the UTF-8, so counting lead bytes counts code points.
    const size_t length = CountCodePoints(text);
    if (length < node.min_length) {
      ok = Fail(fmt::format("{} is shorter than {}", instance.Snippet(),
                            Count(node.min_length, "character")));
      if (ShouldStop(ok)) return false;
    }
    if (node.max_length && length > *node.max_length) {
      ok = Fail(fmt::format("{} is longer than {}", instance.Snippet(),
                            Count(*node.max_length, "character")));
      if (ShouldStop(ok)) return false;
    }
  }
  if (node.pattern && !RE2::PartialMatch(text, *node.pattern->regex)) {
    ok = Fail(fmt::format("{} does not match the pattern {}", instance.Snippet(),
                          QuotedSnippet(node.pattern->source, 80)));
  }
  return ok;
}

bool Validator::ValidateArray(const SchemaNode& node, simdjson::dom::array array) {
  const size_t size = array.size();
  bool ok = true;
  if (size < node.min_items) {
    ok = Fail(fmt::format("expected at least {}, got {}", Count(node.min_items, "item"), size));
    if (ShouldStop(ok)) return false;
  }
  if (node.max_items && size > *node.max_items) {
    ok = Fail(fmt::format("expected at most {}, got {}", Count(*node.max_items, "item"), size));
    if (ShouldStop(ok)) return false;
  }
  if (!node.prefix_items.empty() || node.items != kNoNode) {
    ok &= ValidateItems(node, array, size);
    if (ShouldStop(ok)) return false;
  }
  if (node.unique_items && size > 1) {
    ok &= ValidateUnique(array, size);
    if (ShouldStop(ok)) return false;
  }
  if (node.contains != kNoNode) ok &= ValidateContains(node, array);
  return ok;
}

bool Validator::ValidateItems(const SchemaNode& node, simdjson::dom::array array, size_t size) {
  const size_t prefix = node.prefix_items.size();
  bool ok = true;
  if (node.items != kNoNode && tree_.nodes[node.items].never && size > prefix) {
    // "items": false closes a tuple; one message beats one per extra item.
    ok = Fail(fmt::format("expected at most {} (no items allowed after prefixItems), got {}",
                          Count(prefix, "item"), size));
    if (ShouldStop(ok)) return false;
  }
  size_t index = 0;
  for (element item : array) {
    const SchemaNodeId id = index < prefix ? node.prefix_items[index] : node.items;
    if (id == kNoNode || (index >= prefix && tree_.nodes[id].never)) break;
    ok &= ValidateChild(id, std::to_string(index), item);
    if (ShouldStop(ok)) return false;
    ++index;
  }
  return ok;
}

bool Validator::ValidateUnique(simdjson::dom::array array, size_t size) {
  // Sorting by a hash consistent with JSON equality finds duplicates in O(n log n), so a long
  // array cannot make the check quadratic; equal hashes are confirmed with JsonEqual.
  std::vector<std::pair<uint64_t, element>> hashed;
  hashed.reserve(size);
  for (element item : array) hashed.emplace_back(JsonHash(item), item);
  std::vector<size_t> order(size);
  for (size_t i = 0; i < size; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&hashed](size_t a, size_t b) {
    return hashed[a].first != hashed[b].first ? hashed[a].first < hashed[b].first : a < b;
  });
  for (size_t run = 0; run < size;) {
    size_t end = run + 1;
    while (end < size && hashed[order[end]].first == hashed[order[run]].first) ++end;
    for (size_t i = run; i < end; ++i) {
      for (size_t j = i + 1; j < end; ++j) {
        if (JsonEqual(hashed[order[i]].second, hashed[order[j]].second)) {
          return Fail(fmt::format("items {} and {} are equal (uniqueItems)", order[i], order[j]));
        }
      }
    }
    run = end;
  }
  return true;
}

bool Validator::ValidateContains(const SchemaNode& node, simdjson::dom::array array) {
  uint64_t matching = 0;
  for (element item : array) {
    if (Check(node.contains, Instance(item))) ++matching;
    if (abort_) return false;
    if (node.max_contains && matching > *node.max_contains) break;
  }
  if (matching < node.min_contains) {
    if (matching == 0 && node.min_contains == 1) {
      return Fail(fmt::format("no item is valid against the contains schema at {}",
                              tree_.nodes[node.contains].pointer));
    }
    return Fail(fmt::format("expected at least {} valid against contains, got {}",
                            Count(node.min_contains, "item"), matching));
  }
  if (node.max_contains && matching > *node.max_contains) {
    return Fail(fmt::format("expected at most {} valid against contains, got more",
                            Count(*node.max_contains, "item")));
  }
  return true;
}

bool Validator::ValidateObject(const SchemaNode& node, simdjson::dom::object object,
                               const Instance& instance) {
  const size_t size = object.size();
  bool ok = true;
  if (size < node.min_properties) {
    ok = Fail(fmt::format("expected at least {}, got {}",
                          Count(node.min_properties, "property", "properties"), size));
    if (ShouldStop(ok)) return false;
  }
  if (node.max_properties && size > *node.max_properties) {
    ok = Fail(fmt::format("expected at most {}, got {}",
                          Count(*node.max_properties, "property", "properties"), size));
    if (ShouldStop(ok)) return false;
  }
  ok &= ValidateRequired(node, object);
  if (ShouldStop(ok)) return false;
  for (auto field : object) {
    ok &= ValidateProperty(node, field.key, field.value);
    if (ShouldStop(ok)) return false;
  }
  for (const auto& [name, id] : node.dependent_schemas) {
    if (object.at_key(name).error() != simdjson::SUCCESS) continue;
    ok &= ValidateNode(id, instance);
    if (ShouldStop(ok)) return false;
  }
  return ok;
}

bool Validator::ValidateRequired(const SchemaNode& node, simdjson::dom::object object) {
  auto has = [&object](std::string_view name) {
    return object.at_key(name).error() == simdjson::SUCCESS;
  };
  bool ok = true;
  for (const std::string& name : node.required) {
    if (has(name)) continue;
    ok = Fail(fmt::format("missing required property {}", QuotedSnippet(name)));
    if (ShouldStop(ok)) return false;
  }
  for (const auto& [name, needed] : node.dependent_required) {
    if (!has(name)) continue;
    for (const std::string& other : needed) {
      if (has(other)) continue;
      ok = Fail(fmt::format("property {} is required when {} is present", QuotedSnippet(other),
                            QuotedSnippet(name)));
      if (ShouldStop(ok)) return false;
    }
  }
  return ok;
}

bool Validator::ValidateProperty(const SchemaNode& node, std::string_view key, element value) {
  bool ok = true;
  bool matched = false;
  if (const SchemaNodeId id = node.FindProperty(key); id != kNoNode) {
    matched = true;
    ok &= ValidateChild(id, key, value);
    if (ShouldStop(ok)) return false;
  }
  for (const auto& [pattern, id] : node.pattern_properties) {
    if (!RE2::PartialMatch(key, *pattern.regex)) continue;
    matched = true;
    ok &= ValidateChild(id, key, value);
    if (ShouldStop(ok)) return false;
  }
  if (!matched && node.additional_properties != kNoNode) {
    if (tree_.nodes[node.additional_properties].never) {
      ok = Fail(fmt::format("unexpected property {}", QuotedSnippet(key)));
    } else {
      ok &= ValidateChild(node.additional_properties, key, value);
    }
    if (ShouldStop(ok)) return false;
  }
  if (node.property_names != kNoNode && !Check(node.property_names, Instance::Key(key))) {
    if (abort_ || !collecting_) return false;
    const Violation why = FirstViolation(node.property_names, Instance::Key(key));
    ok = Fail(fmt::format("property name {} is not valid: {}", QuotedSnippet(key),
                          why.message.empty() ? "see propertyNames" : why.message));
  }
  return ok;
}

}  // namespace winnow::llm
