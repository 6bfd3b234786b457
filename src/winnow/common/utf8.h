#pragma once

// UTF-8 helpers used on hot paths: validation, code point counting, error location.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// True when `text` is valid UTF-8 (SIMD-accelerated through simdjson).
bool IsValidUtf8(std::string_view text);

// Byte offset of the first invalid UTF-8 sequence, or text.size() when the text is valid.
// Scalar; meant for the error path after IsValidUtf8 said no.
size_t FindInvalidUtf8(std::string_view text);

// What DecodeUtf8 returns for an invalid sequence; never a code point (those end at 0x10FFFF).
inline constexpr uint32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point that starts at text[*pos] (requires *pos < text.size()) and advances
// *pos past it. A sequence that is truncated, has a bad lead or continuation byte, is overlong,
// encodes a surrogate or lies above 0x10FFFF returns kInvalidCodePoint and advances *pos by one
// byte only, so a decoding loop always makes progress and resynchronises on the next byte.
uint32_t DecodeUtf8(std::string_view text, size_t* pos);

// Number of Unicode code points in valid UTF-8 text (what "length in characters" means).
size_t CountCodePoints(std::string_view text);

// Truncates to at most `max_code_points` code points, never splitting a code point, and appends
// "…" when something was cut. Newlines and tabs become spaces so snippets fit on one line.
std::string Snippet(std::string_view text, size_t max_code_points);

// Python's str.isspace() for one code point: ASCII \t-\r, \x1c-\x1f and space, U+0085, U+00A0,
// U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
bool IsPythonSpace(uint32_t code_point);

// Appends the UTF-8 encoding of `code_point` (must be <= 0x10FFFF, not a surrogate).
void AppendUtf8(uint32_t code_point, std::string* out);

}  // namespace winnow
