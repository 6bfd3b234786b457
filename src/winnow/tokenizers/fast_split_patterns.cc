// Hand-written scanners for the GPT-2 and Llama-3/Qwen2 pre-tokenizer regexes (split_pattern.h
// has the patterns). Each function returns where the regex's match starting at `i` ends, trying
// the alternatives in order as a backtracking engine does. Every character is matched by some
// alternative, so the matches tile the text and the scan never skips a position.

#include <array>

#include "winnow/tokenizers/split_pattern.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

// The classes the patterns distinguish: \p{L}, \p{N}, \s and everything else.
enum class CharClass : uint8_t { kLetter, kNumber, kSpace, kOther };

constexpr std::array<CharClass, 128> MakeAsciiClasses() {
  std::array<CharClass, 128> classes{};
  for (int c = 0; c < 128; ++c) {
    CharClass value = CharClass::kOther;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      value = CharClass::kLetter;
    } else if (c >= '0' && c <= '9') {
      value = CharClass::kNumber;
    } else if ((c >= 0x09 && c <= 0x0D) || c == ' ') {
      value = CharClass::kSpace;
    }
    classes[c] = value;
  }
  return classes;
}
constexpr std::array<CharClass, 128> kAsciiClasses = MakeAsciiClasses();

struct Char {
  uint32_t cp = 0;
  CharClass cls = CharClass::kOther;
  size_t next = 0;  // byte offset just past the character
};

Char CharAt(std::string_view text, size_t i) {
  Char c;
  c.next = i;
  c.cp = NextCodePoint(text, &c.next);
  if (c.cp < 128) {
    c.cls = kAsciiClasses[c.cp];
  } else if (IsWhitespace(c.cp)) {
    c.cls = CharClass::kSpace;
  } else if (IsLetter(c.cp)) {
    c.cls = CharClass::kLetter;
  } else if (IsNumber(c.cp)) {
    c.cls = CharClass::kNumber;
  }
  return c;
}

// End of the run of `cls` characters that starts at i (text[i] is one of them).
size_t RunEnd(std::string_view text, size_t i, CharClass cls) {
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 128) {
      if (kAsciiClasses[static_cast<unsigned char>(text[i])] != cls) break;
      ++i;
      continue;
    }
    Char c = CharAt(text, i);
    if (c.cls != cls) break;
    i = c.next;
  }
  return i;
}

// The letter a contraction character stands for; under (?i) ASCII capitals and U+017F LONG S
// (whose case folding is "s") count too. 0 for anything else.
uint32_t ContractionLetter(uint32_t cp, bool ignore_case) {
  if (!ignore_case) return cp;
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp == 0x17F) return 's';
  return cp;
}

// `'s|'t|'re|'ve|'m|'ll|'d` at i (text[i] == '\''): the end of the match, or 0.
size_t ContractionEnd(std::string_view text, size_t i, bool ignore_case) {
  if (i + 1 >= text.size()) return 0;
  Char first = CharAt(text, i + 1);
  uint32_t a = ContractionLetter(first.cp, ignore_case);
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return first.next;
  if ((a != 'r' && a != 'v' && a != 'l') || first.next >= text.size()) return 0;
  Char second = CharAt(text, first.next);
  uint32_t b = ContractionLetter(second.cp, ignore_case);
  if ((a == 'l' && b == 'l') || (a != 'l' && b == 'e')) return second.next;
  return 0;
}

// The whitespace run at i (text[i] is whitespace) under `\s+(?!\S)|\s+`: the whole run when it
// ends the text; otherwise all but its last character, so that character can lead the next word,
// unless the run is a single character. `newline_end`, when not null, receives the offset just
// past the run's last \r or \n (0 when it has none), for Llama-3's `\s*[\r\n]+`.
size_t WhitespaceEnd(std::string_view text, size_t i, size_t* newline_end) {
  size_t last_start = i;
  size_t end = i;
  while (end < text.size()) {
    Char c = CharAt(text, end);
    if (c.cls != CharClass::kSpace) break;
    if (newline_end != nullptr && (c.cp == '\r' || c.cp == '\n')) *newline_end = c.next;
    last_start = end;
    end = c.next;
  }
  if (end == text.size() || last_start == i) return end;
  return last_start;
}

// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
size_t Gpt2MatchEnd(std::string_view text, size_t i) {
  Char c = CharAt(text, i);
  if (c.cp == '\'') {
    if (size_t end = ContractionEnd(text, i, false)) return end;
  }
  if (c.cp == ' ' && c.next < text.size()) {
    Char next = CharAt(text, c.next);
    if (next.cls != CharClass::kSpace) return RunEnd(text, c.next, next.cls);
  }
  if (c.cls != CharClass::kSpace) return RunEnd(text, i, c.cls);
  return WhitespaceEnd(text, i, nullptr);
}

// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,max}|
//  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
size_t Llama3MatchEnd(std::string_view text, size_t i, int max_digits) {
  Char c = CharAt(text, i);
  if (c.cp == '\'') {
    if (size_t end = ContractionEnd(text, i, true)) return end;
  }
  if (c.cls == CharClass::kLetter) return RunEnd(text, i, CharClass::kLetter);
  bool can_lead_word = c.cls != CharClass::kNumber && c.cp != '\r' && c.cp != '\n';
  if (can_lead_word && c.next < text.size() && CharAt(text, c.next).cls == CharClass::kLetter) {
    return RunEnd(text, c.next, CharClass::kLetter);
  }
  if (c.cls == CharClass::kNumber) {
    size_t end = c.next;
    for (int digits = 1; digits < max_digits && end < text.size(); ++digits) {
      Char next = CharAt(text, end);
      if (next.cls != CharClass::kNumber) break;
      end = next.next;
    }
    return end;
  }
  size_t other_start = i;
  if (c.cp == ' ' && c.next < text.size() && CharAt(text, c.next).cls == CharClass::kOther) {
    other_start = c.next;
  }
  if (CharAt(text, other_start).cls == CharClass::kOther) {
    size_t end = RunEnd(text, other_start, CharClass::kOther);
    while (end < text.size() && (text[end] == '\r' || text[end] == '\n')) ++end;
    return end;
  }
  size_t newline_end = 0;
  size_t end = WhitespaceEnd(text, i, &newline_end);
  return newline_end != 0 ? newline_end : end;
}

class Gpt2Pattern final : public SplitPattern {
 public:
  void FindMatches(std::string_view text, std::vector<Span>* matches) const override {
    for (size_t i = 0; i < text.size();) {
      size_t end = Gpt2MatchEnd(text, i);
      matches->push_back({i, end});
      i = end;
    }
  }
};

class Llama3StylePattern final : public SplitPattern {
 public:
  explicit Llama3StylePattern(int max_digits) : max_digits_(max_digits) {}

  void FindMatches(std::string_view text, std::vector<Span>* matches) const override {
    for (size_t i = 0; i < text.size();) {
      size_t end = Llama3MatchEnd(text, i, max_digits_);
      matches->push_back({i, end});
      i = end;
    }
  }

 private:
  int max_digits_;
};

}  // namespace

std::unique_ptr<SplitPattern> NewGpt2Pattern() { return std::make_unique<Gpt2Pattern>(); }

std::unique_ptr<SplitPattern> NewLlama3StylePattern(int max_digits) {
  return std::make_unique<Llama3StylePattern>(max_digits);
}

}  // namespace winnow::tokenizers
