#include "winnow/record/json_error_locator.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, size_t max_depth) : s_(text), max_depth_(max_depth) {}

  JsonErrorLocation Run() {
    SkipSpace();
    if (pos_ >= s_.size()) return Fail("empty document (no JSON value)");
    // Each loop iteration consumes one value, then the separators that follow it.
    for (;;) {
      opened_container_ = false;
      if (!ParseValueStart()) return error_;
      if (opened_container_) continue;  // parse the container's first element next
      if (!AfterValue()) return error_;
      if (stack_.empty()) break;
    }
    SkipSpace();
    if (pos_ < s_.size()) return Fail("unexpected content after the end of the JSON value");
    return {};
  }

 private:
  JsonErrorLocation Fail(std::string message) {
    error_.found = true;
    error_.offset = pos_ < s_.size() ? pos_ : s_.size();
    error_.message = std::move(message);
    return error_;
  }
  bool FailAt(size_t at, std::string message) {
    pos_ = at;
    Fail(std::move(message));
    return false;
  }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // Parses a scalar, or opens a container (pushing it). Handles empty containers directly.
  bool ParseValueStart() {
    SkipSpace();
    if (pos_ >= s_.size()) return FailAt(pos_, "unexpected end of input (expected a value)");
    char c = s_[pos_];
    if (c == '{' || c == '[') {
      if (stack_.size() >= max_depth_) {
        return FailAt(pos_, "nesting deeper than " + std::to_string(max_depth_) + " levels");
      }
      ++pos_;
      SkipSpace();
      char close = c == '{' ? '}' : ']';
      if (pos_ < s_.size() && s_[pos_] == close) {
        ++pos_;
        return true;  // empty container is a complete value
      }
      stack_.push_back(c);
      opened_container_ = true;
      if (c == '{') return ParseKey();
      return true;
    }
    if (c == '"') return ParseString();
    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
    if (Literal("true") || Literal("false") || Literal("null")) return true;
    if (c == '\'') return FailAt(pos_, "strings must use double quotes");
    return FailAt(pos_,
                  std::string("unexpected character '") + Printable(c) + "' (expected a value)");
  }

  bool ParseKey() {
    SkipSpace();
    if (pos_ >= s_.size()) return FailAt(pos_, "unexpected end of input inside an object");
    if (s_[pos_] != '"') return FailAt(pos_, "expected a quoted object key");
    if (!ParseString()) return false;
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != ':') return FailAt(pos_, "expected ':' after object key");
    ++pos_;
    return true;
  }

  // After a complete value: consume ',' or the closing brackets of finished containers.
  bool AfterValue() {
    for (;;) {
      if (stack_.empty()) return true;
      SkipSpace();
      char open = stack_.back();
      char close = open == '{' ? '}' : ']';
      if (pos_ >= s_.size()) {
        return FailAt(pos_, std::string("unexpected end of input (unclosed '") + open + "')");
      }
      char c = s_[pos_];
      if (c == ',') {
        ++pos_;
        if (open == '{') return ParseKey();
        return true;
      }
      if (c == close) {
        ++pos_;
        stack_.pop_back();
        continue;
      }
      return FailAt(
          pos_, std::string("expected ',' or '") + close + "' but found '" + Printable(c) + "'");
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  bool ParseString() {
    size_t start = pos_;
    ++pos_;
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) break;
        char e = s_[pos_ + 1];
        if (e == 'u') {
          int unit = HexUnit(pos_);
          if (unit < 0) return FailAt(pos_, "invalid \\u escape in string");
          if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return FailAt(pos_, "invalid \\u escape in string (unpaired low surrogate)");
          }
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            // A high surrogate must be followed by an escaped low surrogate.
            int low = pos_ + 7 < s_.size() && s_[pos_ + 6] == '\\' ? HexUnit(pos_ + 6) : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
              return FailAt(pos_, "invalid \\u escape in string (unpaired high surrogate)");
            }
            pos_ += 6;
          }
          pos_ += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return FailAt(pos_, std::string("invalid escape '\\") + Printable(e) + "' in string");
        }
        pos_ += 2;
        continue;
      }
      if (c < 0x20) return FailAt(pos_, "unescaped control character in string");
      if (c >= 0x80) {
        size_t bad = FindInvalidUtf8(s_.substr(pos_, 4));
        size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        if (bad == 0 || (bad < len && bad < 4)) return FailAt(pos_, "invalid UTF-8 in string");
        pos_ += len;
        continue;
      }
      ++pos_;
    }
    return FailAt(start, "unterminated string");
  }

  // The code unit of a "\\u" escape (four hex digits) starting at `at`, or -1.
  int HexUnit(size_t at) const {
    if (at + 6 > s_.size() || s_[at] != '\\' || s_[at + 1] != 'u') return -1;
    int unit = 0;
    for (size_t k = 2; k < 6; ++k) {
      char c = s_[at + k];
      if (!std::isxdigit(static_cast<unsigned char>(c))) return -1;
      unit = unit * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return unit;
  }

  bool ParseNumber() {
    size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !IsDigit(s_[pos_])) return FailAt(start, "invalid number");
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && IsDigit(s_[pos_ + 1])) {
      return FailAt(start, "invalid number (leading zero)");
    }
    while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (pos_ >= s_.size() || !IsDigit(s_[pos_])) return FailAt(start, "invalid number");
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size() || !IsDigit(s_[pos_])) return FailAt(start, "invalid number");
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    return CheckRange(start);
  }

  // simdjson refuses integers beyond 64 bits and numbers beyond the double range; say so.
  bool CheckRange(size_t start) {
    std::string number(s_.substr(start, pos_ - start));
    bool integer = number.find_first_of(".eE") == std::string::npos;
    if (integer) {
      errno = 0;
      if (number[0] == '-') {
        (void)std::strtoll(number.c_str(), nullptr, 10);
      } else {
        (void)std::strtoull(number.c_str(), nullptr, 10);
      }
      if (errno == ERANGE) return FailAt(start, "integer does not fit in 64 bits");
      return true;
    }
    double value = std::strtod(number.c_str(), nullptr);
    if (!std::isfinite(value)) return FailAt(start, "number out of range for a double");
    return true;
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static std::string Printable(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string(1, c);
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", u);
    return buf;
  }

  std::string_view s_;
  size_t max_depth_;
  size_t pos_ = 0;
  std::vector<char> stack_;
  bool opened_container_ = false;
  JsonErrorLocation error_;
};

}  // namespace

JsonErrorLocation LocateJsonError(std::string_view text, size_t max_depth) {
  return Scanner(text, max_depth).Run();
}

TextPosition PositionOf(std::string_view text, size_t offset) {
  TextPosition position;
  if (offset > text.size()) offset = text.size();
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      line_start = i + 1;
    }
  }
  position.column = CountCodePoints(text.substr(line_start, offset - line_start)) + 1;
  return position;
}

}  // namespace winnow
