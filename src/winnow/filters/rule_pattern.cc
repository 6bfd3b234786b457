#include "winnow/filters/rule_pattern.h"

#include <utf8proc.h>

#include "winnow/common/utf8.h"
#include "winnow/text/python_chars.h"

namespace winnow {
namespace {

// Python's whitespace (str.isspace()) and Unicode's separators.
constexpr std::string_view kSpaceRun = "[\\s\\x{0B}\\x{1C}-\\x{1F}\\x{85}\\p{Z}]+";
constexpr std::string_view kApostrophe = "['\\x{2018}\\x{2019}\\x{02BC}]";

bool IsWordCodePoint(uint32_t c) { return c == '_' || IsLetterMarkOrNumber(c); }

bool IsApostrophe(uint32_t c) { return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC; }

bool IsPhraseSpace(uint32_t c) {
  return IsPythonSpace(c) ||
         utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ZS;
}

uint32_t FirstCodePoint(std::string_view text) {
  size_t pos = 0;
  return DecodeUtf8(text, &pos);
}

// Start of the code point that ends `text` (non-empty).
size_t LastCodePointStart(std::string_view text) {
  size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start;
}

uint32_t LastCodePoint(std::string_view text) {
  return FirstCodePoint(text.substr(LastCodePointStart(text)));
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && IsPhraseSpace(FirstCodePoint(text))) {
    size_t pos = 0;
    DecodeUtf8(text, &pos);
    text.remove_prefix(pos);
  }
  while (!text.empty() && IsPhraseSpace(LastCodePoint(text))) {
    text.remove_suffix(text.size() - LastCodePointStart(text));
  }
  return text;
}

// The phrase body: literal runs quoted, spaces and apostrophes widened.
std::string PhraseBody(std::string_view phrase) {
  std::string body;
  std::string literal;
  auto flush = [&] {
    body += RE2::QuoteMeta(literal);
    literal.clear();
  };
  bool in_space = false;
  for (size_t pos = 0; pos < phrase.size();) {
    const size_t start = pos;
    const uint32_t c = DecodeUtf8(phrase, &pos);
    if (IsPhraseSpace(c)) {
      if (!in_space) flush(), body += kSpaceRun;
      in_space = true;
      continue;
    }
    in_space = false;
    if (IsApostrophe(c)) {
      flush();
      body += kApostrophe;
      continue;
    }
    literal.append(phrase.substr(start, pos - start));
  }
  flush();
  return body;
}

Result<PatternForm> PhraseForm(std::string_view phrase, bool case_sensitive, bool word_boundaries,
                               std::string_view origin) {
  phrase = TrimSpaces(phrase);
  PatternForm form;
  form.extend_before = phrase.starts_with('*');
  if (form.extend_before) phrase.remove_prefix(1);
  form.extend_after = !phrase.empty() && phrase.ends_with('*');
  if (form.extend_after) phrase.remove_suffix(1);
  phrase = TrimSpaces(phrase);
  if (phrase.empty()) {
    return Error(Status::InvalidInput(std::string(origin) + ": empty phrase"));
  }
  // A wildcard edge is a word edge: the word it completes must start (end) there.
  form.boundary_before =
      word_boundaries && (form.extend_before || IsWordCodePoint(FirstCodePoint(phrase)));
  form.boundary_after =
      word_boundaries && (form.extend_after || IsWordCodePoint(LastCodePoint(phrase)));
  form.regex = (case_sensitive ? "(?:" : "(?i:") + PhraseBody(phrase) + ")";
  return form;
}

}  // namespace

Result<PatternForm> MakePatternForm(const RulePattern& pattern, bool case_sensitive,
                                    bool word_boundaries) {
  if (!IsValidUtf8(pattern.text)) {
    return Error(Status::InvalidInput(pattern.origin + ": not valid UTF-8"));
  }
  if (pattern.kind == RulePattern::Kind::kRegex) {
    PatternForm form;
    form.regex = (case_sensitive ? "(?:" : "(?i:") + pattern.text + ")";
    return form;
  }
  return PhraseForm(pattern.text, case_sensitive, word_boundaries, pattern.origin);
}

RE2::Options RuleRegexOptions(int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
  return options;
}

namespace {

bool WordBefore(std::string_view text, size_t pos) {
  return pos > 0 && IsWordCodePoint(LastCodePoint(text.substr(0, pos)));
}

bool WordAt(std::string_view text, size_t pos) {
  return pos < text.size() && IsWordCodePoint(FirstCodePoint(text.substr(pos)));
}

size_t NextCodePoint(std::string_view text, size_t pos) {
  DecodeUtf8(text, &pos);
  return pos;
}

}  // namespace

void FindRuleMatches(const RE2& regex, const PatternForm& form, std::string_view text,
                     std::vector<std::string_view>* out) {
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece match;
  size_t pos = 0;
  size_t taken = 0;  // the end of the last match: matches do not overlap
  while (pos <= text.size() && regex.Match(whole, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    if (match.data() == nullptr) break;
    const size_t found = static_cast<size_t>(match.data() - text.data());
    size_t start = found;
    size_t end = found + match.size();
    if (start == end) {
      // Nothing matched; step over one code point so the search makes progress.
      if (start >= text.size()) break;
      pos = NextCodePoint(text, start);
      continue;
    }
    while (form.extend_before && start > taken && WordBefore(text, start)) {
      start = LastCodePointStart(text.substr(0, start));
    }
    while (form.extend_after && WordAt(text, end)) end = NextCodePoint(text, end);
    if ((form.boundary_before && WordBefore(text, start)) ||
        (form.boundary_after && WordAt(text, end))) {
      pos = NextCodePoint(text, found);  // glued to a word here; try further on
      continue;
    }
    out->emplace_back(text.substr(start, end - start));
    taken = end;
    pos = end;
  }
}

}  // namespace winnow
