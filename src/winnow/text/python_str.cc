#include "winnow/text/python_str.h"

#include <utf8proc.h>

#include <algorithm>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

// Decodes the last code point of text[0, end) and returns where it starts. Invalid bytes decode
// as themselves (one byte each), which is never whitespace.
size_t PreviousCodePointStart(std::string_view text, size_t end) {
  size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t pos = start;
  if (DecodeUtf8(text, &pos) == kInvalidCodePoint || pos != end) return end - 1;
  return start;
}

bool IsSpaceAt(std::string_view text, size_t* pos) { return IsPythonSpace(DecodeUtf8(text, pos)); }

}  // namespace

bool IsPythonAlpha(uint32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c > 0x10FFFF) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool IsPythonLineBreak(uint32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool HasPythonAlpha(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') return true;
      ++pos;
      continue;
    }
    if (IsPythonAlpha(DecodeUtf8(text, &pos))) return true;
  }
  return false;
}

std::string_view PythonLStrip(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next = pos;
    if (!IsSpaceAt(text, &next)) break;
    pos = next;
  }
  return text.substr(pos);
}

std::string_view PythonRStrip(std::string_view text) {
  size_t end = text.size();
  while (end > 0) {
    size_t start = PreviousCodePointStart(text, end);
    size_t pos = start;
    if (!IsSpaceAt(text, &pos)) break;
    end = start;
  }
  return text.substr(0, end);
}

std::string_view PythonStrip(std::string_view text) { return PythonRStrip(PythonLStrip(text)); }

bool IsBlank(std::string_view text) { return PythonLStrip(text).empty(); }

void PythonSplitLines(std::string_view text, std::vector<std::string_view>* lines) {
  lines->clear();
  size_t line_start = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    // Fast path: ASCII bytes that cannot break a line.
    if (byte >= 0x20 && byte < 0x80) {
      ++pos;
      continue;
    }
    size_t start = pos;
    uint32_t c = DecodeUtf8(text, &pos);
    if (!IsPythonLineBreak(c)) continue;
    lines->push_back(text.substr(line_start, start - line_start));
    if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
    line_start = pos;
  }
  if (line_start < text.size()) lines->push_back(text.substr(line_start));
}

void SplitOn(std::string_view text, std::string_view sep, std::vector<std::string_view>* pieces) {
  pieces->clear();
  size_t start = 0;
  while (true) {
    size_t found = text.find(sep, start);
    if (found == std::string_view::npos) break;
    pieces->push_back(text.substr(start, found - start));
    start = found + sep.size();
  }
  pieces->push_back(text.substr(start));
}

void SplitOnNewlineRuns(std::string_view text, size_t min_run,
                        std::vector<std::string_view>* pieces) {
  pieces->clear();
  size_t start = 0;
  size_t pos = 0;
  while (true) {
    size_t found = text.find('\n', pos);
    if (found == std::string_view::npos) break;
    size_t run_end = found;
    while (run_end < text.size() && text[run_end] == '\n') ++run_end;
    if (run_end - found >= min_run) {
      pieces->push_back(text.substr(start, found - start));
      start = run_end;
    }
    pos = run_end;
  }
  pieces->push_back(text.substr(start));
}

void PythonSplitWhitespace(std::string_view text, std::vector<std::string_view>* words) {
  words->clear();
  size_t pos = 0;
  size_t word_start = std::string_view::npos;
  while (pos < text.size()) {
    size_t start = pos;
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    bool space;
    if (byte < 0x80) {
      space = byte == ' ' || (byte >= '\t' && byte <= '\r') || (byte >= 0x1C && byte <= 0x1F);
      ++pos;
    } else {
      space = IsSpaceAt(text, &pos);
    }
    if (space) {
      if (word_start != std::string_view::npos) {
        words->push_back(text.substr(word_start, start - word_start));
        word_start = std::string_view::npos;
      }
    } else if (word_start == std::string_view::npos) {
      word_start = start;
    }
  }
  if (word_start != std::string_view::npos) words->push_back(text.substr(word_start));
}

size_t CountPythonWords(std::string_view text, size_t* longest_word_bytes) {
  size_t words = 0;
  size_t longest = 0;
  size_t word_start = std::string_view::npos;
  size_t pos = 0;
  auto end_word = [&](size_t end) {
    if (word_start == std::string_view::npos) return;
    ++words;
    longest = std::max(longest, end - word_start);
    word_start = std::string_view::npos;
  };
  while (pos < text.size()) {
    const size_t start = pos;
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    bool space;
    if (byte < 0x80) {
      space = byte == ' ' || (byte >= '\t' && byte <= '\r') || (byte >= 0x1C && byte <= 0x1F);
      ++pos;
    } else {
      space = IsSpaceAt(text, &pos);
    }
    if (space) {
      end_word(start);
    } else if (word_start == std::string_view::npos) {
      word_start = start;
    }
  }
  end_word(text.size());
  if (longest_word_bytes != nullptr) *longest_word_bytes = longest;
  return words;
}

size_t CountOccurrences(std::string_view text, std::string_view sub) {
  size_t count = 0;
  for (size_t pos = text.find(sub); pos != std::string_view::npos;
       pos = text.find(sub, pos + sub.size())) {
    ++count;
  }
  return count;
}

}  // namespace winnow
