#pragma once

// Python's character classes for one code point, where re and str methods decide how NLTK (and so
// datatrove) splits text: re's \w and \d on str patterns, str.isupper() and str.islower().
//
// Computed from utf8proc's general categories. Python 3.11 (Unicode 14) and utf8proc 2.8
// (Unicode 15) disagree only on code points first assigned in Unicode 15, which count as assigned
// here (as they do in Python 3.12). kInvalidCodePoint belongs to no class.

#include <cstdint>

namespace winnow {

// re's \w: str.isalnum() or "_" (categories L*, Nd, Nl, No; combining marks are not word chars).
bool IsPythonWordChar(uint32_t code_point);

// re's \d: str.isdecimal() (category Nd).
bool IsPythonDecimal(uint32_t code_point);

// A character that belongs inside a word in any script: a letter (L*), a combining mark (M*) or a
// number (N*). Word boundaries for phrase rules, word units for the hashing embedder and the
// filler-turn check.
bool IsLetterMarkOrNumber(uint32_t code_point);

// str.isupper() and str.islower() of a one-character string: Unicode's Uppercase and Lowercase
// properties (Lu and Ll plus a few symbols, numerals and modifier letters such as U+24B6, U+2170).
bool IsPythonUpper(uint32_t code_point);
bool IsPythonLower(uint32_t code_point);

}  // namespace winnow
