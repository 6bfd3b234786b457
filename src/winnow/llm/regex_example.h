#pragma once

// Strings that match a JSON Schema pattern, for example instances. RE2 can test a string but not
// produce one, so this reads the common shapes of ECMA-262 patterns itself: literals, escapes
// (\d \w \s \uXXXX \p{L}...), character classes, groups, alternation and quantifiers. Anchors
// and \b are dropped; the caller checks every sample with RE2, so a sample that misses (a \b
// between two letters) is rejected, never returned as valid.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::llm {

// A string meant to match `pattern` (ECMA-262), or nullopt for what this sampler does not read
// (lookaround, backreferences, malformed patterns, samples over 10,000 bytes). `variant` picks
// alternation branches and class members; `extra_repeats` repeats open quantifiers (*, +, {n,})
// that many more times than their minimum, and bounded ones up to their maximum, so a caller can
// reach a minimum length.
std::optional<std::string> SamplePatternMatch(std::string_view pattern, uint64_t variant,
                                              uint32_t extra_repeats);

}  // namespace winnow::llm
