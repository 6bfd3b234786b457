#pragma once

// JSON Schema patterns are ECMA-262 regular expressions; winnow matches them with RE2. This turns
// the common ECMA spellings RE2 reads differently into RE2 syntax:
//   - \uXXXX (and \uD83D\uDE00 surrogate pairs) become \x{...};
//   - \s and \S take ECMA's Unicode white space (RE2's are ASCII-only), outside character classes
//     for \S;
//   - . excludes \r, U+2028 and U+2029 as well as \n;
//   - [] matches nothing and [^] any character;
//   - (?<name>...) becomes (?P<name>...).
// What RE2 cannot do at all (lookahead, lookbehind, backreferences) fails to compile. \d and \w
// are ASCII in both, $ matches at the very end only (no multiline flag in JSON Schema), and the
// match is an unanchored search, as JSON Schema requires.

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::llm {

// The RE2 spelling of an ECMA-262 pattern (exposed for tests).
std::string TranslateEcmaPattern(std::string_view pattern);

// Compiles `pattern`. The error (InvalidArgument) is RE2's reason, with a hint when the pattern
// uses lookaround or backreferences, e.g. `invalid perl operator: (?= (RE2 has no lookahead...)`.
Result<std::unique_ptr<RE2>> CompileEcmaPattern(std::string_view pattern);

}  // namespace winnow::llm
