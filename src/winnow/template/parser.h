#pragma once

// Parser: tokens -> syntax tree, following Jinja2's grammar and operator precedence
// (or < and < not < comparisons/in < + - < ~ < * / // % < ** < unary < filters, tests, calls).
// Filters and tests are resolved here, so an unknown one is a compile error with a suggestion.
// Nesting (of blocks and of expressions) is limited to kMaxNesting so neither parsing nor
// rendering can overflow the stack.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/template/ast.h"
#include "winnow/template/lexer.h"

namespace winnow::jinja {

inline constexpr int kMaxNesting = 256;

class Parser {
 public:
  // `tokens` must end with kEnd and outlive the parser.
  Parser(const std::vector<Token>& tokens, std::string_view name) : tokens_(tokens), name_(name) {}

  Result<Body> ParseTemplate();

 private:
  // Statements (parser_statements.cc).
  // Parses until a block tag named in `stops` (consumed, returned in *stop) or the end of the
  // template, which is an error when `opener` names an open block.
  Status ParseBody(Body* body, std::initializer_list<std::string_view> stops, std::string* stop,
                   const Token* opener);
  Result<StmtPtr> ParseStatement();
  Result<StmtPtr> ParseIf(const Token& tag);
  Result<StmtPtr> ParseFor(const Token& tag);
  Result<StmtPtr> ParseSet(const Token& tag);
  Result<StmtPtr> ParseMacro(const Token& tag);
  Result<StmtPtr> ParseFilterBlock(const Token& tag);
  Result<StmtPtr> ParseWith(const Token& tag);
  Result<StmtPtr> ParseScope(const Token& tag, std::string_view end_name);
  Result<Target> ParseTarget(bool allow_attribute);
  Status ExpectBlockEnd();

  // Expressions (parser_expressions.cc).
  Result<ExprPtr> ParseTuple(bool with_condition);  // "a, b" makes a tuple
  Result<ExprPtr> ParseExpression(bool with_condition = true);
  Result<ExprPtr> ParseOr();
  Result<ExprPtr> ParseAnd();
  Result<ExprPtr> ParseNot();
  Result<ExprPtr> ParseCompare();
  Result<ExprPtr> ParseBinaryLevel(int level);  // 0: + -, 1: ~, 2: * / // %, 3: **
  Result<ExprPtr> ParseUnary(bool with_filter);
  Result<ExprPtr> ParsePrimary();
  Result<ExprPtr> ParseParenthesized(const Token& open);
  Result<ExprPtr> ParseList(const Token& open);
  Result<ExprPtr> ParseDict(const Token& open);
  Result<ExprPtr> ParsePostfix(ExprPtr node);
  Result<ExprPtr> ParseSubscript(ExprPtr node);
  Result<ExprPtr> ParseFilterTail(ExprPtr node);
  Result<ExprPtr> ParseFilter(ExprPtr input);
  Result<ExprPtr> ParseTest(ExprPtr input);
  Status ParseArguments(Arguments* args);
  // Checks a finished node's height against kMaxNesting.
  Result<ExprPtr> Checked(ExprPtr node, std::initializer_list<const Expr*> children);

  // Token stream.
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  bool AtOperator(std::string_view op) const;
  bool AtName(std::string_view name) const;
  bool SkipOperator(std::string_view op);
  bool SkipName(std::string_view name);
  Status ExpectOperator(std::string_view op);
  Result<std::string> ExpectName();
  Status Fail(const Token& at, std::string_view message) const;
  Status Unexpected(const Token& at, std::string_view expected) const;
  static Position PositionOf(const Token& token) { return {token.line, token.column}; }

  const std::vector<Token>& tokens_;
  std::string_view name_;
  size_t pos_ = 0;
  int block_depth_ = 0;  // open blocks around the statement being parsed
  int recursion_ = 0;    // nested ParseExpression/ParseUnary/ParseNot calls
  int loop_depth_ = 0;   // enclosing for loops, for break/continue
};

// Counts one level of parser recursion for as long as it lives.
class RecursionGuard {
 public:
  explicit RecursionGuard(int* depth) : depth_(depth) { ++*depth_; }
  ~RecursionGuard() { --*depth_; }
  RecursionGuard(const RecursionGuard&) = delete;
  RecursionGuard& operator=(const RecursionGuard&) = delete;
  bool too_deep() const { return *depth_ > kMaxNesting; }

 private:
  int* depth_;
};

// "Describe the token" for messages: "'}}'", "name 'foo'", "end of template".
std::string DescribeToken(const Token& token);

}  // namespace winnow::jinja
