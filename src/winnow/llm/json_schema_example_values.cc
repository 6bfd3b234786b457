// Candidate values of one type for a conjunction of schema nodes: the smallest that the bounds
// allow, moved along by the variant. The caller validates each candidate.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "winnow/common/utf8.h"
#include "winnow/llm/json_schema_example_maker.h"
#include "winnow/llm/regex_example.h"
#include "winnow/record/json_writer.h"

namespace winnow::llm {
namespace {

// Examples are meant to be small: larger minimums make no useful example.
constexpr uint64_t kMaxExampleLength = 100'000;
constexpr uint64_t kMaxExampleItems = 1'000;
// Repetitions tried on a pattern's open quantifiers to reach minLength.
constexpr uint32_t kPatternRepeats[] = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 256};

struct Bound {
  bool set = false;
  long double value = 0;
  bool exclusive = false;
};

// Keeps the tighter of `bound` and (value, exclusive); `lower` says which way is tighter.
void Tighten(Bound* bound, const std::optional<JsonNumber>& number, bool exclusive, bool lower) {
  if (!number) return;
  const long double value = number->Exact();
  const bool tighter = !bound->set || (lower ? value > bound->value : value < bound->value) ||
                       (value == bound->value && exclusive);
  if (tighter) *bound = {true, value, exclusive};
}

bool Within(long double value, const Bound& low, const Bound& high) {
  if (low.set && (value < low.value || (low.exclusive && value == low.value))) return false;
  if (high.set && (value > high.value || (high.exclusive && value == high.value))) return false;
  return true;
}

// n * digits * 10^exponent as JSON: plain decimals when short, scientific otherwise.
std::string FormatScaled(int64_t n, uint64_t digits, int exponent) {
  using Wide = __int128;
  const Wide product = Wide{n} * static_cast<Wide>(digits);
  std::string text;
  for (Wide rest = product < 0 ? -product : product; rest > 0; rest /= 10) {
    text.insert(text.begin(), static_cast<char>('0' + static_cast<int>(rest % 10)));
  }
  if (text.empty()) return "0";
  if (exponent >= 0 && text.size() + static_cast<size_t>(exponent) <= 18) {
    text.append(static_cast<size_t>(exponent), '0');
  } else if (exponent < 0 && -exponent <= 30) {
    const auto fraction = static_cast<size_t>(-exponent);
    if (text.size() <= fraction) text.insert(0, fraction - text.size() + 1, '0');
    text.insert(text.size() - fraction, ".");
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  } else {
    text += fmt::format("e{}", exponent);
  }
  return product < 0 ? "-" + text : text;
}

std::string FormatNumber(long double value) {
  if (std::floor(value) == value && std::fabs(value) < 0x1p62L) {
    return std::to_string(static_cast<int64_t>(value));
  }
  std::string text;
  AppendJsonNumber(static_cast<double>(value), &text);
  return text;
}

// Samples for the formats answers use most; format is not asserted, but a test server's dates
// should look like dates.
std::string FormatSample(std::string_view format, uint64_t variant) {
  const uint64_t day = 1 + variant % 28;
  if (format == "date-time") return fmt::format("2024-01-{:02}T09:30:00Z", day);
  if (format == "date") return fmt::format("2024-01-{:02}", day);
  if (format == "time") return fmt::format("09:{:02}:00Z", variant % 60);
  if (format == "email" || format == "idn-email") return fmt::format("user{}@example.com", variant);
  if (format == "hostname" || format == "idn-hostname") return "example.com";
  if (format == "ipv4") return fmt::format("192.0.2.{}", 1 + variant % 254);
  if (format == "ipv6") return "2001:db8::1";
  if (format == "uri" || format == "iri") return fmt::format("https://example.com/{}", variant);
  if (format == "uri-reference" || format == "iri-reference") return "/path";
  if (format == "uuid") return fmt::format("123e4567-e89b-42d3-a456-{:012}", variant);
  if (format == "duration") return fmt::format("P{}D", 1 + variant % 30);
  if (format == "json-pointer") return "/a";
  return "";
}

std::string Quoted(std::string_view text) {
  std::string json;
  AppendJsonString(text, &json);
  return json;
}

}  // namespace

std::vector<std::string> ExampleMaker::MakeNumbers(const std::vector<SchemaNodeId>& flat,
                                                   bool integer, uint64_t variant) {
  Bound low, high;
  std::optional<JsonNumber> step;
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    Tighten(&low, node.minimum, false, true);
    Tighten(&low, node.exclusive_minimum, true, true);
    Tighten(&high, node.maximum, false, false);
    Tighten(&high, node.exclusive_maximum, true, false);
    if (!step) step = node.multiple_of;
  }
  DecimalParts unit{1, 0};
  if (step) unit = DecimalOf(*step);
  if (integer && unit.exponent < 0) {
    // The integer multiples of m * 10^-k are the multiples of m / gcd(m, 10^k).
    if (-unit.exponent > 18) {
      Fail(Place(flat), "multipleOf too small");
      return {};
    }
    uint64_t power = 1;
    for (int i = 0; i < -unit.exponent; ++i) power *= 10;
    unit = {unit.digits / std::gcd(unit.digits, power), 0};
  }
  if (!step && !integer) {
    long double value = 0;
    if (low.set) {
      value =
          !low.exclusive ? low.value : (high.set ? (low.value + high.value) / 2 : low.value + 1);
    } else if (high.set) {
      value = high.exclusive ? std::min<long double>(0, high.value - 1)
                             : std::min<long double>(0, high.value);
    }
    std::vector<std::string> candidates;
    for (long double shift : {static_cast<long double>(variant), 0.0L, 0.5L}) {
      if (Within(value + shift, low, high)) candidates.push_back(FormatNumber(value + shift));
    }
    if (candidates.empty()) Fail(Place(flat), "no number lies within the bounds");
    return candidates;
  }
  // Multiples n * unit: the smallest n the lower bound allows, or the largest below a negative
  // upper bound, or 0.
  const long double unit_value = unit.digits * std::pow(10.0L, unit.exponent);
  long double n = 0;
  if (low.set) {
    n = std::ceil(low.value / unit_value);
  } else if (high.set && high.value <= 0) {
    n = std::floor(high.value / unit_value);
  }
  if (!(std::fabs(n) < 0x1p62L)) {
    Fail(Place(flat), "the bounds are too far out for an example");
    return {};
  }
  // unit_value is rounded (0.01 has no exact binary form), so n may be one step off the exact
  // answer: offer the neighbours too, nearest the bound first, and let the validator, which is
  // exact, pick.
  const long double toward = low.set || !high.set ? 1 : -1;
  std::vector<long double> steps = {n};
  if (low.set || high.set) steps = {n - toward, n, n + toward};
  const bool any_within = std::any_of(
      steps.begin(), steps.end(), [&](long double k) { return Within(k * unit_value, low, high); });
  if (!any_within) {
    Fail(Place(flat), step ? "no multiple of multipleOf lies within the bounds"
                           : "no integer lies within the bounds");
    return {};
  }
  const long double offset = static_cast<long double>(variant % 16);
  if (offset > 0 && Within((n + toward * offset) * unit_value, low, high)) {
    steps.insert(steps.begin(), n + toward * offset);
  }
  std::vector<std::string> candidates;
  for (long double k : steps) {
    if (std::fabs(k) < 0x1p62L) {
      candidates.push_back(FormatScaled(static_cast<int64_t>(k), unit.digits, unit.exponent));
    }
  }
  return candidates;
}

std::vector<std::string> ExampleMaker::MakeStrings(const std::vector<SchemaNodeId>& flat,
                                                   uint64_t variant) {
  uint64_t min_length = 0;
  uint64_t max_length = UINT64_MAX;
  const SchemaPattern* pattern = nullptr;
  std::string_view format;
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    min_length = std::max(min_length, node.min_length);
    max_length = std::min(max_length, node.max_length.value_or(UINT64_MAX));
    if (!pattern && node.pattern) pattern = &*node.pattern;
    if (format.empty()) format = node.format;
  }
  const std::string_view pointer = Place(flat);
  if (min_length > max_length) {
    Fail(pointer, "minLength exceeds maxLength");
    return {};
  }
  if (min_length > kMaxExampleLength) {
    Fail(pointer, "minLength too large for an example");
    return {};
  }
  std::vector<std::string> candidates;
  if (std::string sample = FormatSample(format, variant); !sample.empty()) {
    candidates.push_back(Quoted(sample));
  }
  if (pattern) {
    size_t previous_length = SIZE_MAX;
    for (uint32_t repeats : kPatternRepeats) {
      if (!Step(pointer)) return {};
      std::optional<std::string> sample = SamplePatternMatch(pattern->source, variant, repeats);
      if (!sample) break;
      const size_t length = CountCodePoints(*sample);
      if (length == previous_length) break;  // no open quantifier: more repeats change nothing
      previous_length = length;
      // Padding keeps an unanchored match while reaching minLength.
      if (length < min_length) {
        candidates.push_back(Quoted(*sample + std::string(min_length - length, 'x')));
      }
      candidates.push_back(Quoted(*sample));
      if (length >= min_length) break;
    }
    if (candidates.empty()) {
      Fail(pointer, fmt::format("cannot build a string matching the pattern {}",
                                QuotedSnippet(pattern->source, 80)));
    }
    return candidates;
  }
  // Variants move the length by a few characters: any variant (a hash, say) gives a small string.
  uint64_t length = min_length;
  const uint64_t extra = variant % 16;
  if (extra > 0 && min_length + extra <= max_length && min_length + extra <= kMaxExampleLength) {
    length = min_length + extra;
  }
  candidates.push_back(Quoted(std::string(length, 'x')));
  if (length != min_length) candidates.push_back(Quoted(std::string(min_length, 'x')));
  return candidates;
}

std::vector<std::string> ExampleMaker::MakeArray(const std::vector<SchemaNodeId>& flat,
                                                 uint64_t variant, int depth) {
  uint64_t min_items = 0;
  uint64_t max_items = UINT64_MAX;
  uint64_t min_contains = 0;
  bool unique = false;
  std::vector<SchemaNodeId> contains;
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    min_items = std::max(min_items, node.min_items);
    max_items = std::min(max_items, node.max_items.value_or(UINT64_MAX));
    unique = unique || node.unique_items;
    if (node.contains != kNoNode) {
      contains.push_back(node.contains);
      min_contains = std::max(min_contains, node.min_contains);
    }
  }
  const std::string_view pointer = Place(flat);
  const uint64_t count = std::max(min_items, min_contains);
  if (count > max_items) {
    Fail(pointer, "minItems or minContains exceeds maxItems");
    return {};
  }
  if (count > kMaxExampleItems) {
    Fail(pointer, "minItems too large for an example");
    return {};
  }
  std::string json = "[";
  for (uint64_t i = 0; i < count; ++i) {
    std::vector<SchemaNodeId> item;
    for (SchemaNodeId id : flat) {
      const SchemaNode& node = tree_.nodes[id];
      const SchemaNodeId schema = i < node.prefix_items.size() ? node.prefix_items[i] : node.items;
      if (schema != kNoNode) item.push_back(schema);
    }
    if (i < min_contains) item.insert(item.end(), contains.begin(), contains.end());
    // Distinct variants give distinct items where uniqueItems needs them.
    std::optional<std::string> value = Generate(item, unique ? variant + i : variant, depth + 1);
    if (!value) return {};
    if (i > 0) json += ',';
    json += *value;
  }
  json += ']';
  return {json};
}

std::vector<SchemaNodeId> ExampleMaker::PropertySchemas(const std::vector<SchemaNodeId>& flat,
                                                        std::string_view name) const {
  std::vector<SchemaNodeId> schemas;
  for (SchemaNodeId id : flat) {
    const SchemaNode& node = tree_.nodes[id];
    bool matched = false;
    if (const SchemaNodeId property = node.FindProperty(name); property != kNoNode) {
      schemas.push_back(property);
      matched = true;
    }
    for (const auto& [pattern, schema] : node.pattern_properties) {
      if (!RE2::PartialMatch(name, *pattern.regex)) continue;
      schemas.push_back(schema);
      matched = true;
    }
    if (!matched && node.additional_properties != kNoNode) {
      schemas.push_back(node.additional_properties);
    }
  }
  return schemas;
}

std::optional<std::string> ExampleMaker::ExtraPropertyName(const std::vector<SchemaNodeId>& flat,
                                                           uint64_t variant, int depth) {
  // A name propertyNames accepts, when it says anything; otherwise property0, property1...
  std::vector<SchemaNodeId> name_schemas;
  for (SchemaNodeId id : flat) {
    const SchemaNodeId names = tree_.nodes[id].property_names;
    if (names != kNoNode) name_schemas.push_back(names);
  }
  if (name_schemas.empty()) return fmt::format("property{}", variant);
  std::optional<std::string> name = Generate(name_schemas, variant, depth + 1);
  simdjson::dom::element element;
  std::string_view text;
  if (!name || parser_.parse(*name).get(element) != simdjson::SUCCESS ||
      element.get_string().get(text) != simdjson::SUCCESS) {
    Fail(Place(flat), "no property name satisfies propertyNames");
    return std::nullopt;
  }
  return std::string(text);
}

std::vector<std::string> ExampleMaker::MakeObject(const std::vector<SchemaNodeId>& flat,
                                                  uint64_t variant, int depth) {
  std::vector<std::string> names;
  auto add = [&names](std::string_view name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
  };
  uint64_t min_properties = 0;
  for (SchemaNodeId id : flat) {
    for (const std::string& name : tree_.nodes[id].required) add(name);
    min_properties = std::max(min_properties, tree_.nodes[id].min_properties);
  }
  // dependentRequired may pull in more names, which may pull in more.
  for (size_t known = 0; known != names.size();) {
    known = names.size();
    for (SchemaNodeId id : flat) {
      for (const auto& [trigger, needed] : tree_.nodes[id].dependent_required) {
        if (std::find(names.begin(), names.end(), trigger) == names.end()) continue;
        for (const std::string& name : needed) add(name);
      }
    }
  }
  const std::string_view pointer = Place(flat);
  if (min_properties > kMaxExampleItems) {
    Fail(pointer, "minProperties too large");
    return {};
  }
  for (SchemaNodeId id : flat) {
    for (const auto& [name, schema] : tree_.nodes[id].properties) {
      if (names.size() >= min_properties) break;
      add(name);
    }
  }
  for (uint64_t i = 0; names.size() < min_properties; ++i) {
    // A propertyNames that admits fewer names than needed would keep giving the same few.
    std::optional<std::string> name = ExtraPropertyName(flat, variant + i, depth);
    if (!name || i >= 2 * kMaxExampleItems) return {};
    add(*name);
  }
  std::string json = "{";
  for (const std::string& name : names) {
    std::optional<std::string> value = Generate(PropertySchemas(flat, name), variant, depth + 1);
    if (!value) return {};
    if (json.size() > 1) json += ',';
    AppendJsonString(name, &json);
    json += ':';
    json += *value;
  }
  json += '}';
  return {json};
}

}  // namespace winnow::llm
