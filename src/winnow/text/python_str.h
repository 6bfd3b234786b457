#pragma once

// Python str semantics on UTF-8 views, for code that must decide exactly as a Python reference
// does (datatrove's quality filters, text descriptives): len() in code points, isalpha() by
// Unicode category, strip() of Unicode whitespace, splitlines() with its eleven line breaks. Views
// point into the caller's text; nothing here allocates except the output vectors.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow {

// str.isalpha() for one code point: Unicode categories Lu, Ll, Lt, Lm, Lo (so CJK counts).
bool IsPythonAlpha(uint32_t code_point);

// The line boundaries of str.splitlines(): \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029.
bool IsPythonLineBreak(uint32_t code_point);

// True when any code point of `text` is alphabetic (any(c.isalpha() for c in text)).
bool HasPythonAlpha(std::string_view text);

// str.strip() / lstrip() / rstrip() without arguments: Python whitespace at the ends.
std::string_view PythonStrip(std::string_view text);
std::string_view PythonLStrip(std::string_view text);
std::string_view PythonRStrip(std::string_view text);

// True when the text is empty or only Python whitespace (text.strip() == "").
bool IsBlank(std::string_view text);

// str.splitlines(): \r\n is one break; a trailing empty piece is not produced. Replaces *lines.
void PythonSplitLines(std::string_view text, std::vector<std::string_view>* lines);

// text.split(sep) for a non-empty separator: keeps empty pieces. Replaces *pieces.
void SplitOn(std::string_view text, std::string_view sep, std::vector<std::string_view>* pieces);

// re.split(r"\n{min_run,}", text): splits at runs of at least `min_run` newlines (1 for r"\n+"),
// keeping a leading and trailing empty piece as re.split does. Replaces *pieces.
void SplitOnNewlineRuns(std::string_view text, size_t min_run,
                        std::vector<std::string_view>* pieces);

// str.split() without arguments: runs of Python whitespace separate, no empty pieces.
void PythonSplitWhitespace(std::string_view text, std::vector<std::string_view>* words);

// len(text.split()) without building the list, and the byte length of the longest word (a word
// of n bytes has at most n code points: callers count code points only when that could matter).
size_t CountPythonWords(std::string_view text, size_t* longest_word_bytes);

// text.count(sub) for a non-empty sub: non-overlapping occurrences, left to right.
size_t CountOccurrences(std::string_view text, std::string_view sub);

}  // namespace winnow
