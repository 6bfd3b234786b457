#pragma once

// Rule: one named phrase/regex rule of the rules filter, as a rules file (docs/rules.md) states it
// after defaults and includes are resolved. Plain data; rules_file.h reads it, rule_matcher.h
// compiles it, rules_filter.h applies it.

#include <cstdint>
#include <string>
#include <vector>

namespace winnow {

enum class RuleAction {
  kDeny,     // the text is dropped when the rule matches at least min_matches times
  kRequire,  // the text is dropped when the rule matches fewer than min_matches times
};

struct RulePattern {
  enum class Kind { kPhrase, kRegex };
  Kind kind = Kind::kPhrase;
  std::string text;    // as written in the rules file
  std::string origin;  // "rules.yaml:14:9": where it was written, for error messages
};

struct Rule {
  std::string name;  // [A-Za-z0-9_]+, unique in a run: reasons, counters and columns use it
  RuleAction action = RuleAction::kDeny;
  std::vector<RulePattern> patterns;  // what the rule counts
  // Exceptions: a match of `patterns` that overlaps a match of one of these does not count.
  std::vector<RulePattern> allow;
  int64_t min_matches = 1;         // matches (of all patterns together) that decide, >= 1
  bool case_sensitive = false;     // false: Unicode case folding (RE2's (?i))
  bool word_boundaries = true;     // phrases only: not glued to letters, digits, marks or '_'
  std::string field = "text";      // the field path the rule reads
  std::vector<std::string> roles;  // with a message list: turns of these roles; empty = all
  std::string origin;              // "rules.yaml:12:5" or "options"
};

}  // namespace winnow
