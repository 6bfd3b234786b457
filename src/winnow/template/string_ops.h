#pragma once

// Python's str operations on UTF-8 text, shared by the filters and the str methods: case
// mapping (ASCII, Latin-1, Greek and Cyrillic; other scripts pass through unchanged),
// whitespace as str.isspace() defines it, strip, split, replace, title-casing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/utf8.h"

namespace winnow::jinja {

using ::winnow::IsPythonSpace;  // common/utf8.h
uint32_t UpperCodePoint(uint32_t code_point);
uint32_t LowerCodePoint(uint32_t code_point);
bool IsAlphaCodePoint(uint32_t code_point);
bool IsDigitCodePoint(uint32_t code_point);

// The code points of `text` (invalid bytes come back as single U+FFFD).
std::vector<uint32_t> DecodeAll(std::string_view text);
std::string EncodeAll(const std::vector<uint32_t>& code_points);

std::string Upper(std::string_view text);
std::string Lower(std::string_view text);
std::string Capitalize(std::string_view text);   // str.capitalize()
std::string PythonTitle(std::string_view text);  // str.title()
std::string JinjaTitle(std::string_view text);   // the title filter: words split at spaces, -([{<

// str.strip(chars): `chars` null strips whitespace.
std::string Strip(std::string_view text, const std::string* chars, bool left, bool right);

// str.split(sep, maxsplit) and str.rsplit: a null `sep` splits on runs of whitespace.
std::vector<std::string> Split(std::string_view text, const std::string* sep, int64_t max_split,
                               bool from_right);
std::vector<std::string> SplitLines(std::string_view text, bool keep_ends);

// str.replace(old, new, count); `count` < 0 replaces all. Returns false (leaving *out empty)
// when the result would exceed `max_bytes`.
bool Replace(std::string_view text, std::string_view old_text, std::string_view new_text,
             int64_t count, size_t max_bytes, std::string* out);

}  // namespace winnow::jinja
