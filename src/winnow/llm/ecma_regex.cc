#include "winnow/llm/ecma_regex.h"

#include <fmt/format.h>

#include <cstdint>

namespace winnow::llm {
namespace {

// ECMA-262 WhiteSpace and LineTerminator, as members of an RE2 character class.
constexpr std::string_view kEcmaSpaces =
    "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}"
    "\\x{3000}\\x{FEFF}";
constexpr std::string_view kEcmaDot = "[^\\n\\r\\x{2028}\\x{2029}]";

// Patterns are compiled once per schema; a large budget lets .{1,1000} style bounds through.
constexpr int64_t kMaxRegexMemory = 8 << 20;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a \uXXXX escape at pattern[pos], or -1.
int32_t UnicodeEscapeAt(std::string_view pattern, size_t pos) {
  if (pos + 6 > pattern.size() || pattern[pos] != '\\' || pattern[pos + 1] != 'u') return -1;
  int32_t value = 0;
  for (size_t i = pos + 2; i < pos + 6; ++i) {
    const int digit = HexValue(pattern[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Translates the escape at pattern[*pos] (a backslash) and advances *pos past it.
void TranslateEscape(std::string_view pattern, bool in_class, size_t* pos, std::string* out) {
  int32_t unit = UnicodeEscapeAt(pattern, *pos);
  if (unit >= 0) {
    *pos += 6;
    const int32_t low = UnicodeEscapeAt(pattern, *pos);
    if (unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      *pos += 6;
    }
    fmt::format_to(std::back_inserter(*out), "\\x{{{:X}}}", unit);
    return;
  }
  if (*pos + 1 >= pattern.size()) {
    out->push_back('\\');  // RE2 reports the trailing backslash
    ++*pos;
    return;
  }
  const char next = pattern[*pos + 1];
  *pos += 2;
  if (next == 's') {
    *out += in_class ? std::string(kEcmaSpaces) : fmt::format("[{}]", kEcmaSpaces);
  } else if (next == 'S' && !in_class) {
    *out += fmt::format("[^{}]", kEcmaSpaces);
  } else {
    out->push_back('\\');
    out->push_back(next);
  }
}

bool UsesLookaroundOrBackreference(std::string_view pattern) {
  for (std::string_view op : {"(?=", "(?!", "(?<=", "(?<!"}) {
    if (pattern.find(op) != std::string_view::npos) return true;
  }
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (pattern[i + 1] >= '1' && pattern[i + 1] <= '9') return true;
      if (pattern[i + 1] == 'k') return true;
      ++i;
    }
  }
  return false;
}

}  // namespace

std::string TranslateEcmaPattern(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 16);
  bool in_class = false;
  size_t pos = 0;
  while (pos < pattern.size()) {
    const char c = pattern[pos];
    if (c == '\\') {
      TranslateEscape(pattern, in_class, &pos, &out);
      continue;
    }
    ++pos;
    if (in_class) {
      in_class = c != ']';
      out.push_back(c);
    } else if (c == '[') {
      // ECMA's [] and [^] have no RE2 spelling; RE2 would read the ']' as a member.
      if (pattern.substr(pos, 1) == "]") {
        out += "[^\\x00-\\x{10FFFF}]";
        pos += 1;
      } else if (pattern.substr(pos, 2) == "^]") {
        out += "[\\x00-\\x{10FFFF}]";
        pos += 2;
      } else {
        in_class = true;
        out.push_back(c);
        if (pattern.substr(pos, 1) == "^") out.push_back('^'), ++pos;
      }
    } else if (c == '.') {
      out += kEcmaDot;
    } else if (c == '(' && pattern.substr(pos, 2) == "?<" && pattern.substr(pos + 2, 1) != "=" &&
               pattern.substr(pos + 2, 1) != "!") {
      out += "(?P<";
      pos += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::unique_ptr<RE2>> CompileEcmaPattern(std::string_view pattern) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(kMaxRegexMemory);
  auto regex = std::make_unique<RE2>(TranslateEcmaPattern(pattern), options);
  if (regex->ok()) return regex;
  std::string message = regex->error();
  if (UsesLookaroundOrBackreference(pattern)) {
    message += " (RE2 has no lookahead, lookbehind or backreferences)";
  }
  return Error(Status::InvalidArgument(std::move(message)));
}

}  // namespace winnow::llm
