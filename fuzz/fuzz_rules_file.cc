// Fuzzes the rules file loader (any bytes as YAML) and, for files that load, pattern compilation
// and matching: every input must give rules or an error message, never a crash or an exception,
// and loaded rules must be complete (a name, at least one pattern, min_matches >= 1).

#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/common/utf8.h"
#include "winnow/filters/filter_document.h"
#include "winnow/filters/rules_file.h"
#include "winnow/filters/rules_filter.h"

namespace {

// Compiling and matching tens of thousands of fuzzed patterns is slow without being interesting.
constexpr size_t kMaxPatternsToCompile = 2000;

void Match(const winnow::Filter& filter, std::string_view text) {
  winnow::FilterDocument doc;
  doc.Reset(text);
  winnow::FilterResult result;
  result.Reset(true);
  filter.Check(doc, &result);
  if (!result.kept() && result.Explain().empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  auto rules = winnow::ParseRules(yaml, "fuzz.yaml", {}, nullptr);
  if (!rules) {
    if (rules.error().message().empty()) __builtin_trap();
    return 0;
  }
  size_t patterns = 0;
  for (const winnow::Rule& rule : *rules) {
    if (rule.name.empty() || rule.patterns.empty() || rule.min_matches < 1) __builtin_trap();
    patterns += rule.patterns.size() + rule.allow.size();
  }
  if (rules->empty() || patterns > kMaxPatternsToCompile) return 0;
  auto filter = winnow::RulesFilter::Create(std::move(*rules));
  if (!filter) {
    if (filter.error().message().empty()) __builtin_trap();
    return 0;
  }
  Match(**filter, "As an AI language model, I delve into a rich tapestry. I'm sorry, but no.");
  if (winnow::IsValidUtf8(yaml)) Match(**filter, yaml);
  return 0;
}
