#include "winnow/template/lexer.h"

#include <algorithm>
#include <charconv>

#include "winnow/common/utf8.h"

namespace winnow::jinja {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

std::string NormalizeNewlines(std::string_view source, bool keep_trailing_newline) {
  std::string out;
  out.reserve(source.size());
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
    } else {
      out.push_back(source[i]);
    }
  }
  if (!keep_trailing_newline && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class Lexer {
 public:
  Lexer(std::string_view source, std::string_view name, const LexerOptions& options)
      : source_(NormalizeNewlines(source, options.keep_trailing_newline)),
        name_(name),
        options_(options) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < source_.size(); ++i) {
      if (source_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  Result<std::vector<Token>> Run() {
    for (;;) {
      size_t tag = FindTag(pos_);
      size_t text_start = pos_;
      std::string_view text(source_.data() + pos_,
                            (tag == std::string::npos ? source_.size() : tag) - pos_);
      if (strip_next_) {
        while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1), ++text_start;
        strip_next_ = false;
      }
      if (tag == std::string::npos) {
        EmitText(text, text_start);
        break;
      }
      char kind = source_[tag + 1];
      char modifier = tag + 2 < source_.size() ? source_[tag + 2] : 0;
      if (modifier == '-') {
        while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
      } else if (kind != '{' && modifier != '+' && options_.lstrip_blocks) {
        text = StripBlockIndent(text, text_start);
      }
      EmitText(text, text_start);
      Status status = kind == '#'   ? LexComment(tag)
                      : kind == '%' ? LexBlock(tag)
                                    : LexTag(tag, false);
      if (!status.ok()) return Error(status);
    }
    Token end;
    Locate(source_.size(), &end);
    tokens_.push_back(std::move(end));
    return std::move(tokens_);
  }

 private:
  size_t FindTag(size_t from) const {
    for (size_t i = source_.find('{', from); i != std::string::npos; i = source_.find('{', i + 1)) {
      if (i + 1 < source_.size() &&
          (source_[i + 1] == '{' || source_[i + 1] == '%' || source_[i + 1] == '#')) {
        return i;
      }
    }
    return std::string::npos;
  }

  // lstrip_blocks: drops spaces and tabs between the start of a line and a block tag.
  std::string_view StripBlockIndent(std::string_view text, size_t text_start) const {
    size_t newline = text.rfind('\n');
    size_t tail = newline == std::string_view::npos ? 0 : newline + 1;
    if (newline == std::string_view::npos && text_start != 0 && source_[text_start - 1] != '\n') {
      return text;
    }
    for (size_t i = tail; i < text.size(); ++i) {
      if (text[i] != ' ' && text[i] != '\t') return text;
    }
    return text.substr(0, tail);
  }

  void Locate(size_t pos, Token* token) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
    size_t line = static_cast<size_t>(it - line_starts_.begin());
    token->line = static_cast<int>(line);
    token->column = static_cast<int>(pos - line_starts_[line - 1] + 1);
  }

  Status Fail(size_t pos, std::string_view message) const {
    Token where;
    Locate(pos, &where);
    return Status::InvalidInput(FormatLocation(name_, where.line, where.column, message));
  }

  void Emit(TokenType type, size_t pos, std::string text = {}) {
    Token token;
    token.type = type;
    token.text = std::move(text);
    Locate(pos, &token);
    tokens_.push_back(std::move(token));
  }

  void EmitText(std::string_view text, size_t pos) {
    if (!text.empty()) Emit(TokenType::kText, pos, std::string(text));
  }

  // After a tag's closing delimiter: "-" strips the whitespace that follows, trim_blocks drops
  // one newline after block tags and comments unless the tag ends with "+".
  void AfterTag(char modifier, bool block) {
    if (modifier == '-') {
      strip_next_ = true;
    } else if (block && modifier != '+' && options_.trim_blocks && pos_ < source_.size() &&
               source_[pos_] == '\n') {
      ++pos_;
    }
  }

  Status LexComment(size_t tag) {
    size_t end = source_.find("#}", tag + 2);
    if (end == std::string::npos) return Fail(tag, "unclosed comment (expected '#}')");
    char modifier = end > tag + 2 && (source_[end - 1] == '-' || source_[end - 1] == '+')
                        ? source_[end - 1]
                        : 0;
    pos_ = end + 2;
    AfterTag(modifier, true);
    return Status::OK();
  }

  // Matches "{%[-+]? WORD [-+]?%}" at `pos`; on success sets *end past it and *modifier.
  bool MatchSimpleBlock(size_t pos, std::string_view word, size_t* end, char* modifier) const {
    if (source_.compare(pos, 2, "{%") != 0) return false;
    size_t i = pos + 2;
    if (i < source_.size() && (source_[i] == '-' || source_[i] == '+')) ++i;
    while (i < source_.size() && IsSpace(source_[i])) ++i;
    if (source_.compare(i, word.size(), word) != 0) return false;
    i += word.size();
    while (i < source_.size() && IsSpace(source_[i])) ++i;
    *modifier = 0;
    if (i < source_.size() && (source_[i] == '-' || source_[i] == '+')) *modifier = source_[i++];
    if (source_.compare(i, 2, "%}") != 0) return false;
    *end = i + 2;
    return true;
  }

  Status LexBlock(size_t tag) {
    size_t body = 0;
    char modifier = 0;
    if (!MatchSimpleBlock(tag, "raw", &body, &modifier)) return LexTag(tag, true);
    if (modifier == '+') modifier = 0;  // only "-" means something after {% raw
    for (size_t at = source_.find("{%", body); at != std::string::npos;
         at = source_.find("{%", at + 1)) {
      size_t end = 0;
      char end_modifier = 0;
      if (!MatchSimpleBlock(at, "endraw", &end, &end_modifier)) continue;
      std::string_view text(source_.data() + body, at - body);
      size_t text_start = body;
      if (modifier == '-') {
        while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1), ++text_start;
      }
      if (source_[at + 2] == '-') {
        while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
      } else if (source_[at + 2] != '+' && options_.lstrip_blocks) {
        text = StripBlockIndent(text, text_start);
      }
      EmitText(text, text_start);
      pos_ = end;
      AfterTag(end_modifier, true);
      return Status::OK();
    }
    return Fail(tag, "unclosed 'raw' block (expected '{% endraw %}')");
  }

  // Matches the closing delimiter of a {{ }} or {% %} tag at pos_, with its modifier.
  bool AtTagEnd(bool block, char* modifier, size_t* length) const {
    std::string_view close = block ? "%}" : "}}";
    *modifier = 0;
    if ((source_[pos_] == '-' || source_[pos_] == '+') &&
        source_.compare(pos_ + 1, 2, close) == 0) {
      *modifier = source_[pos_];
      *length = 3;
      return true;
    }
    *length = 2;
    return source_.compare(pos_, 2, close) == 0;
  }

  Status LexTag(size_t tag, bool block) {
    Emit(block ? TokenType::kBlockBegin : TokenType::kVarBegin, tag);
    pos_ = tag + 2;
    if (pos_ < source_.size() && (source_[pos_] == '-' || source_[pos_] == '+')) ++pos_;
    int depth = 0;
    for (;;) {
      while (pos_ < source_.size() && IsSpace(source_[pos_])) ++pos_;
      if (pos_ >= source_.size()) {
        return Fail(tag,
                    block ? "unclosed block tag (expected '%}')" : "unclosed '{{' (expected '}}')");
      }
      char modifier = 0;
      size_t length = 0;
      if (depth == 0 && AtTagEnd(block, &modifier, &length)) {
        Emit(block ? TokenType::kBlockEnd : TokenType::kVarEnd, pos_);
        pos_ += length;
        AfterTag(modifier, block);
        return Status::OK();
      }
      WINNOW_RETURN_IF_ERROR(LexToken(&depth));
    }
  }

  Status LexToken(int* depth) {
    char c = source_[pos_];
    if (IsNameStart(c)) {
      size_t start = pos_;
      while (pos_ < source_.size() && IsNameChar(source_[pos_])) ++pos_;
      Emit(TokenType::kName, start, source_.substr(start, pos_ - start));
      return Status::OK();
    }
    if (IsDigit(c)) return LexNumber();
    if (c == '\'' || c == '"') return LexString();
    static constexpr std::string_view kTwo[] = {"**", "//", "==", "!=", ">=", "<="};
    for (std::string_view op : kTwo) {
      if (source_.compare(pos_, 2, op) == 0) {
        Emit(TokenType::kOperator, pos_, std::string(op));
        pos_ += 2;
        return Status::OK();
      }
    }
    if (std::string_view("+-*/%~[](){}><=.:|,;").find(c) == std::string_view::npos) {
      return Fail(pos_, "unexpected character " + DescribeChar(pos_));
    }
    if (c == '(' || c == '[' || c == '{') ++*depth;
    if ((c == ')' || c == ']' || c == '}') && *depth > 0) --*depth;
    Emit(TokenType::kOperator, pos_, std::string(1, c));
    ++pos_;
    return Status::OK();
  }

  std::string DescribeChar(size_t pos) const {
    size_t end = pos;
    DecodeUtf8(source_, &end);
    return "'" + source_.substr(pos, end - pos) + "'";
  }

  Status LexNumber();
  Status LexString();
  Status DecodeEscape(size_t* pos, std::string* out) const;

  std::string source_;
  std::string_view name_;
  LexerOptions options_;
  std::vector<size_t> line_starts_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  bool strip_next_ = false;
};

Status Lexer::LexNumber() {
  size_t start = pos_;
  int base = 10;
  if (source_[pos_] == '0' && pos_ + 1 < source_.size() &&
      std::string_view("xXoObB").find(source_[pos_ + 1]) != std::string_view::npos) {
    char prefix = static_cast<char>(source_[pos_ + 1] | 0x20);
    base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    pos_ += 2;
  }
  std::string digits;
  auto take_digits = [&](int digit_base) {
    while (pos_ < source_.size()) {
      char c = source_[pos_];
      bool ok = digit_base == 16
                    ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                    : (c >= '0' && c < static_cast<char>('0' + std::min(digit_base, 10)));
      if (!ok && !(c == '_' && !digits.empty())) break;
      if (c != '_') digits.push_back(c);
      ++pos_;
    }
  };
  take_digits(base);
  bool is_float = false;
  bool after_dot = start > 0 && source_[start - 1] == '.';  // "a.0.1" is two lookups
  if (base == 10 && !after_dot && pos_ + 1 < source_.size() && source_[pos_] == '.' &&
      IsDigit(source_[pos_ + 1])) {
    is_float = true;
    digits.push_back(source_[pos_++]);
    take_digits(10);
  }
  if (base == 10 && !after_dot && pos_ < source_.size() &&
      (source_[pos_] == 'e' || source_[pos_] == 'E')) {
    size_t exp = pos_ + 1;
    if (exp < source_.size() && (source_[exp] == '+' || source_[exp] == '-')) ++exp;
    if (exp < source_.size() && IsDigit(source_[exp])) {
      is_float = true;
      digits.append(source_, pos_, exp - pos_);
      pos_ = exp;
      take_digits(10);
    }
  }
  if (digits.empty()) return Fail(start, "invalid number literal");
  Emit(is_float ? TokenType::kFloat : TokenType::kInt, start);
  Token& token = tokens_.back();
  const char* first = digits.data();
  const char* last = digits.data() + digits.size();
  auto result = is_float ? std::from_chars(first, last, token.float_value)
                         : std::from_chars(first, last, token.int_value, base);
  if (result.ec != std::errc() || result.ptr != last) {
    return Fail(start, "number literal out of range");
  }
  return Status::OK();
}

Status Lexer::LexString() {
  size_t start = pos_;
  char quote = source_[pos_++];
  std::string value;
  while (pos_ < source_.size() && source_[pos_] != quote) {
    if (source_[pos_] == '\\' && pos_ + 1 < source_.size()) {
      WINNOW_RETURN_IF_ERROR(DecodeEscape(&pos_, &value));
    } else {
      value.push_back(source_[pos_++]);
    }
  }
  if (pos_ >= source_.size()) return Fail(start, "unterminated string literal");
  ++pos_;
  Emit(TokenType::kString, start, std::move(value));
  return Status::OK();
}

// Python's string escapes; unknown ones keep their backslash, as Python does.
Status Lexer::DecodeEscape(size_t* pos, std::string* out) const {
  size_t start = *pos;
  char c = source_[*pos + 1];
  *pos += 2;
  static constexpr std::string_view kFrom = "ntr\\'\"abfv\n";
  static constexpr std::string_view kTo = "\n\t\r\\'\"\a\b\f\v";
  if (size_t i = kFrom.find(c); i != std::string_view::npos) {
    if (c != '\n') out->push_back(kTo[i]);  // backslash-newline continues the line
    return Status::OK();
  }
  int hex_digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (hex_digits == 0 && c >= '0' && c <= '7') {
    int code = 0;
    --*pos;
    for (int i = 0; i < 3 && *pos < source_.size() && source_[*pos] >= '0' && source_[*pos] <= '7';
         ++i) {
      code = code * 8 + (source_[(*pos)++] - '0');
    }
    AppendUtf8(static_cast<uint32_t>(code), out);
    return Status::OK();
  }
  if (hex_digits == 0) {
    out->push_back('\\');
    out->push_back(c);
    return Status::OK();
  }
  uint32_t code = 0;
  for (int i = 0; i < hex_digits; ++i, ++*pos) {
    if (*pos >= source_.size() || !std::isxdigit(static_cast<unsigned char>(source_[*pos]))) {
      return Fail(start, "truncated \\" + std::string(1, c) + " escape");
    }
    char h = source_[*pos];
    code = code * 16 + static_cast<uint32_t>(IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
  }
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    return Fail(start, "escape is not a valid code point");
  }
  AppendUtf8(code, out);
  return Status::OK();
}

}  // namespace

std::string FormatLocation(std::string_view name, int line, int column, std::string_view message) {
  return std::string(name) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         std::string(message);
}

Result<std::vector<Token>> Tokenize(std::string_view source, std::string_view name,
                                    const LexerOptions& options) {
  Lexer lexer(source, name, options);
  return lexer.Run();
}

}  // namespace winnow::jinja
