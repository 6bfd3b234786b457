#pragma once

// Lexer: template source -> tokens, with Jinja2's whitespace rules applied to the text between
// tags ({%- -%}, trim_blocks, lstrip_blocks, {%+ +%}), comments dropped and {% raw %} bodies
// turned into plain text. Newlines are normalised to "\n" and one trailing newline is dropped
// unless keep_trailing_newline, as Jinja2 does.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow::jinja {

enum class TokenType {
  kText,        // template data between tags (text holds it)
  kVarBegin,    // {{
  kVarEnd,      // }}
  kBlockBegin,  // {%
  kBlockEnd,    // %}
  kName,        // identifier or keyword (text)
  kString,      // string literal, escapes decoded (text)
  kInt,         // integer literal (int_value)
  kFloat,       // float literal (float_value)
  kOperator,    // + - * / // % ** ~ == != < <= > >= = . : | , ( ) [ ] { } (text)
  kEnd,         // end of the template
};

struct Token {
  TokenType type = TokenType::kEnd;
  std::string text;
  int64_t int_value = 0;
  double float_value = 0;
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
};

struct LexerOptions {
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
};

// Splits `source` into tokens ending with kEnd. Errors read "<name>:LINE:COL: message".
Result<std::vector<Token>> Tokenize(std::string_view source, std::string_view name,
                                    const LexerOptions& options);

// "<name>:LINE:COL: message", the shape of every template error that has a position.
std::string FormatLocation(std::string_view name, int line, int column, std::string_view message);

}  // namespace winnow::jinja
