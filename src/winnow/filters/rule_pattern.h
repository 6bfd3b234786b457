#pragma once

// Rule patterns as RE2 regular expressions plus the checks RE2 cannot express.
//
// A phrase is literal text, with three conveniences:
//   - a space matches any run of whitespace (Unicode spaces and line breaks included);
//   - an apostrophe (' ’ ‘ ʼ) matches any of them, since models write "it’s" as often as "it's";
//   - a * at the start or end stands for more word characters: "delv*" matches delve, delved,
//     delving. Elsewhere * is literal.
// With word boundaries, a phrase that starts (ends) with a word character must not have a word
// character just before (after) it. Word characters are Unicode letters, digits and combining
// marks, and '_': "delve" does not match "delved" or "Ädelve", and "certainly!" may be followed by
// anything. Case-insensitive patterns use RE2's (?i), Unicode simple case folding.
//
// RE2 has no lookaround, and its Unicode classes (\pL) make every regex that holds one cost
// milliseconds to compile and a larger DFA to run. So the regex is the phrase body alone, and
// boundaries and wildcards are applied in C++ around each body match (utf8proc categories).
//
// A regex is RE2 syntax, used as written (no word boundaries added; RE2's \b is ASCII-only, so
// docs/rules.md shows a Unicode-aware boundary to write instead).

#include <re2/re2.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/rule.h"

namespace winnow {

// A pattern ready to compile: the regex and what to check around each of its matches.
struct PatternForm {
  std::string regex;
  bool boundary_before = false;  // no word character may precede a match
  bool boundary_after = false;   // no word character may follow a match
  bool extend_before = false;    // a leading * : the match takes the word characters before it
  bool extend_after = false;     // a trailing * : the match takes the word characters after it
};

// The form of `pattern` under the rule's case and boundary settings. Fails on an empty phrase or
// invalid UTF-8 (a regex's syntax is checked when it is compiled).
Result<PatternForm> MakePatternForm(const RulePattern& pattern, bool case_sensitive,
                                    bool word_boundaries);

// Options shared by every rule regex: UTF-8, no logging (errors are returned), `max_mem` bytes.
RE2::Options RuleRegexOptions(int64_t max_mem);

// Appends every non-overlapping match of `regex` in `text` that passes the checks of `form`, left
// to right, as views into `text`. Empty matches are skipped: they say nothing about the text.
void FindRuleMatches(const RE2& regex, const PatternForm& form, std::string_view text,
                     std::vector<std::string_view>* out);

}  // namespace winnow
