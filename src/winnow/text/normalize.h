#pragma once

// Text normalisation for duplicate keys: what makes two texts "the same" for exact dedup, MinHash
// and decontamination.
//   - kRaw:     the bytes as they are.
//   - kSimple:  Unicode NFC, lowercase, whitespace runs collapsed to one space, stripped.
//   - kMinHash: datatrove's simplify_text as specs/dedup.md defines it: lowercase; every run of
//               digits (with an optional decimal separator and more digits) becomes "0";
//               punctuation (text/punctuation.h) becomes a space; whitespace runs collapse to one
//               space; NFD with combining marks (Mn) dropped; stripped.
// kSimple and kMinHash output has words separated by exactly one ASCII space, so word n-grams are
// substrings of it. Invalid UTF-8 bytes become U+FFFD.

#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow {

enum class TextNormalization { kRaw, kSimple, kMinHash };

// "raw" | "simple" (alias "nfc") | "minhash" (alias "datatrove").
Result<TextNormalization> ParseTextNormalization(std::string_view name);
std::string_view TextNormalizationName(TextNormalization normalization);

// Writes the normalised `text` to `*out` (cleared first). `out` must not alias `text`.
void NormalizeText(std::string_view text, TextNormalization normalization, std::string* out);

}  // namespace winnow
