#pragma once

// Small scanning helpers shared by the Markdown block and inline cleaners (internal to text/).

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace winnow {

inline constexpr size_t kNoPos = std::string_view::npos;

inline bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}
// Whitespace a link may contain between its parts, line ends included.
inline bool IsMarkdownSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(text[i]) != AsciiLower(prefix[i])) return false;
  }
  return true;
}

// Finds `needle` (ASCII; with ignore_case, all but its first byte compare case-insensitively, so
// it should start with punctuation: "</script") at or after positions that
// usually only grow. The last answer is reused while it still holds, so a thousand openers
// with no closer cost one scan, not a thousand: this is what keeps unclosed comments and
// <script> tags linear.
class ForwardFinder {
 public:
  ForwardFinder(std::string_view text, std::string_view needle, bool ignore_case = false)
      : text_(text), needle_(needle), ignore_case_(ignore_case) {}

  // First position >= from where the needle starts, or kNoPos.
  size_t Find(size_t from) {
    if (has_answer_ && from >= asked_from_ && (answer_ == kNoPos || answer_ >= from)) {
      return answer_;
    }
    asked_from_ = from;
    has_answer_ = true;
    answer_ = Search(from);
    return answer_;
  }

 private:
  size_t Search(size_t from) const {
    if (!ignore_case_) return text_.find(needle_, from);
    for (size_t pos = text_.find(needle_[0], from); pos != kNoPos;
         pos = text_.find(needle_[0], pos + 1)) {
      if (StartsWithIgnoreCase(text_.substr(pos), needle_)) return pos;
    }
    return kNoPos;
  }

  std::string_view text_;
  std::string_view needle_;
  bool ignore_case_;
  bool has_answer_ = false;
  size_t asked_from_ = 0;
  size_t answer_ = 0;
};

// Link reference definitions of a document: normalised label -> destination (a view into the
// document, valid as long as it is).
using LinkDefinitions = std::unordered_map<std::string, std::string_view>;

// CommonMark's label matching, ASCII case only: trimmed, inner whitespace runs as one space.
inline std::string NormalizeLinkLabel(std::string_view label) {
  std::string out;
  bool space = false;
  for (char c : label) {
    if (IsMarkdownSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += AsciiLower(c);
  }
  return out;
}

}  // namespace winnow
