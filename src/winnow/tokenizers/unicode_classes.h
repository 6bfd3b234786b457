#pragma once

// The character classes the tokenizer pipeline tests code points against, defined as the Hugging
// Face `tokenizers` library defines them (Rust's `char` methods, the `regex` crate's \w and \s,
// Oniguruma's \p{L} and \p{N}), so winnow splits text where that library does. Backed by ICU's
// property tables; ASCII answers come from a table. Also: UTF-8 stepping for valid UTF-8.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::tokenizers {

bool IsWhitespace(uint32_t cp);       // White_Space: Rust char::is_whitespace, regex \s
bool IsLetter(uint32_t cp);           // General_Category L*: \p{L}
bool IsNumber(uint32_t cp);           // N* (Nd, Nl, No): \p{N}, Rust char::is_numeric
bool IsAlphanumeric(uint32_t cp);     // Alphabetic or N*: Rust char::is_alphanumeric
bool IsWordChar(uint32_t cp);         // \w of the regex crate: Alphabetic, M*, Nd, Pc, Join_Control
bool IsPunctuation(uint32_t cp);      // P*
bool IsBertPunctuation(uint32_t cp);  // P* or ASCII punctuation (which adds $ + < = > ^ ` | ~)
bool IsMark(uint32_t cp);             // M* (Mn, Mc, Me)
bool IsNonspacingMark(uint32_t cp);   // Mn
bool IsOtherCategory(uint32_t cp);    // C* (Cc, Cf, Cs, Co, Cn)
bool IsCjkIdeograph(uint32_t cp);     // the blocks BERT calls "Chinese characters"

// Appends Rust's char::to_lowercase(cp): the full lowercase mapping without context (no final
// sigma rule), which differs from the simple mapping only for U+0130.
void AppendLowercase(uint32_t cp, std::string* out);

// Byte length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
inline size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Decodes the code point at text[*pos] (requires *pos < text.size()) of text that is valid UTF-8
// and advances *pos past it. Never reads past the end, even on invalid input.
inline uint32_t NextCodePoint(std::string_view text, size_t* pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = *pos;
  unsigned char lead = bytes[i];
  size_t length = Utf8SequenceLength(lead);
  if (length == 1 || i + length > text.size()) {
    *pos = i + 1;
    return lead;
  }
  uint32_t cp = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (bytes[i + k] & 0x3F);
  *pos = i + length;
  return cp;
}

// Returns `text` when it is valid UTF-8; otherwise writes a copy to `*buffer` in which each
// invalid byte became U+FFFD and returns a view of it. The Hugging Face library only ever sees
// Unicode strings, so there is no reference behaviour for invalid bytes; this keeps every later
// step on valid UTF-8.
std::string_view ToValidUtf8(std::string_view text, std::string* buffer);

}  // namespace winnow::tokenizers
