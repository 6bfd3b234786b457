// The statement half of the parser: template text, {{ }} output and the {% %} tags.

#include <algorithm>

#include "winnow/template/parser.h"

namespace winnow::jinja {
namespace {

// Tags Jinja2 has that this engine does not implement, so the error says so plainly.
bool IsUnsupportedTag(std::string_view name) {
  static constexpr std::string_view kTags[] = {"include", "import",     "from",  "extends",  "call",
                                               "do",      "autoescape", "trans", "pluralize"};
  return std::find(std::begin(kTags), std::end(kTags), name) != std::end(kTags);
}

}  // namespace

std::string DescribeToken(const Token& token) {
  switch (token.type) {
    case TokenType::kText:
      return "template text";
    case TokenType::kVarBegin:
      return "'{{'";
    case TokenType::kVarEnd:
      return "'}}'";
    case TokenType::kBlockBegin:
      return "'{%'";
    case TokenType::kBlockEnd:
      return "'%}'";
    case TokenType::kName:
      return "'" + token.text + "'";
    case TokenType::kString:
      return "string literal";
    case TokenType::kInt:
      return "integer " + std::to_string(token.int_value);
    case TokenType::kFloat:
      return "float literal";
    case TokenType::kOperator:
      return "'" + token.text + "'";
    case TokenType::kEnd:
      return "end of template";
  }
  return "token";
}

const Token& Parser::Peek(size_t ahead) const {
  size_t index = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[index];
}

const Token& Parser::Next() {
  const Token& token = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return token;
}

bool Parser::AtOperator(std::string_view op) const {
  return Peek().type == TokenType::kOperator && Peek().text == op;
}

bool Parser::AtName(std::string_view name) const {
  return Peek().type == TokenType::kName && Peek().text == name;
}

bool Parser::SkipOperator(std::string_view op) {
  if (!AtOperator(op)) return false;
  Next();
  return true;
}

bool Parser::SkipName(std::string_view name) {
  if (!AtName(name)) return false;
  Next();
  return true;
}

Status Parser::ExpectOperator(std::string_view op) {
  if (SkipOperator(op)) return Status::OK();
  return Unexpected(Peek(), "'" + std::string(op) + "'");
}

Result<std::string> Parser::ExpectName() {
  if (Peek().type != TokenType::kName) return Error(Unexpected(Peek(), "a name"));
  return Next().text;
}

Status Parser::Fail(const Token& at, std::string_view message) const {
  return Status::InvalidInput(FormatLocation(name_, at.line, at.column, message));
}

Status Parser::Unexpected(const Token& at, std::string_view expected) const {
  if (at.type == TokenType::kEnd) {
    return Fail(at, "unexpected end of template, expected " + std::string(expected));
  }
  return Fail(at, "unexpected " + DescribeToken(at) + ", expected " + std::string(expected));
}

Status Parser::ExpectBlockEnd() {
  if (Peek().type == TokenType::kBlockEnd) {
    Next();
    return Status::OK();
  }
  return Unexpected(Peek(), "'%}'");
}

Result<Body> Parser::ParseTemplate() {
  Body body;
  std::string stop;
  WINNOW_RETURN_IF_ERROR(ParseBody(&body, {}, &stop, nullptr));
  return body;
}

Status Parser::ParseBody(Body* body, std::initializer_list<std::string_view> stops,
                         std::string* stop, const Token* opener) {
  if (++block_depth_ > kMaxNesting) {
    --block_depth_;
    return Fail(*opener,
                "blocks nested too deeply (more than " + std::to_string(kMaxNesting) + ")");
  }
  struct Leave {
    int* depth;
    ~Leave() { --*depth; }
  } leave{&block_depth_};
  for (;;) {
    const Token& token = Peek();
    switch (token.type) {
      case TokenType::kText:
        body->push_back(std::make_unique<TextStmt>(PositionOf(token), Next().text));
        break;
      case TokenType::kVarBegin: {
        Next();
        WINNOW_ASSIGN_OR_RETURN(ExprPtr expr, ParseTuple(true));
        if (Peek().type != TokenType::kVarEnd) return Unexpected(Peek(), "'}}'");
        Next();
        body->push_back(std::make_unique<OutputStmt>(PositionOf(token), std::move(expr)));
        break;
      }
      case TokenType::kBlockBegin: {
        const Token& name = Peek(1);
        if (name.type == TokenType::kName &&
            std::find(stops.begin(), stops.end(), name.text) != stops.end()) {
          Next();
          *stop = Next().text;
          return Status::OK();
        }
        WINNOW_ASSIGN_OR_RETURN(StmtPtr statement, ParseStatement());
        if (statement) body->push_back(std::move(statement));
        break;
      }
      case TokenType::kEnd:
        if (opener == nullptr) return Status::OK();
        return Fail(token, "unexpected end of template: unclosed '" + opener->text +
                               "' opened at " + std::to_string(opener->line) + ":" +
                               std::to_string(opener->column));
      default:
        return Unexpected(token, "template text or a tag");
    }
  }
}

Result<StmtPtr> Parser::ParseStatement() {
  Next();  // {%
  const Token& tag = Peek();
  if (tag.type != TokenType::kName) return Error(Unexpected(tag, "a tag name"));
  Next();
  const std::string& name = tag.text;
  if (name == "if") return ParseIf(tag);
  if (name == "for") return ParseFor(tag);
  if (name == "set") return ParseSet(tag);
  if (name == "macro") return ParseMacro(tag);
  if (name == "filter") return ParseFilterBlock(tag);
  if (name == "with") return ParseWith(tag);
  if (name == "generation") return ParseScope(tag, "endgeneration");
  if (name == "block") return ParseScope(tag, "endblock");
  if (name == "break" || name == "continue") {
    if (loop_depth_ == 0) return Error(Fail(tag, "'" + name + "' outside of a loop"));
    WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
    return std::make_unique<Stmt>(name == "break" ? StmtKind::kBreak : StmtKind::kContinue,
                                  PositionOf(tag));
  }
  if (IsUnsupportedTag(name)) return Error(Fail(tag, "the '" + name + "' tag is not supported"));
  if (name.starts_with("end") || name == "else" || name == "elif") {
    return Error(Fail(tag, "unexpected '" + name + "' (no open block it could close)"));
  }
  return Error(Fail(tag, "unknown tag '" + name + "'"));
}

Result<StmtPtr> Parser::ParseIf(const Token& tag) {
  auto node = std::make_unique<IfStmt>(PositionOf(tag));
  WINNOW_ASSIGN_OR_RETURN(ExprPtr condition, ParseTuple(true));
  for (;;) {
    WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
    Body body;
    std::string stop;
    WINNOW_RETURN_IF_ERROR(ParseBody(&body, {"elif", "else", "endif"}, &stop, &tag));
    node->branches.emplace_back(std::move(condition), std::move(body));
    if (stop == "elif") {
      WINNOW_ASSIGN_OR_RETURN(condition, ParseTuple(true));
      continue;
    }
    if (stop == "else") {
      WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
      WINNOW_RETURN_IF_ERROR(ParseBody(&node->else_body, {"endif"}, &stop, &tag));
    }
    WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
    return StmtPtr(std::move(node));
  }
}

Result<Target> Parser::ParseTarget(bool allow_attribute) {
  Target target;
  bool parenthesized = SkipOperator("(");
  WINNOW_ASSIGN_OR_RETURN(std::string first, ExpectName());
  target.names.push_back(std::move(first));
  if (allow_attribute && !parenthesized && SkipOperator(".")) {
    WINNOW_ASSIGN_OR_RETURN(target.attribute, ExpectName());
    return target;
  }
  while (SkipOperator(",")) {
    target.unpack = true;
    if (parenthesized && AtOperator(")")) break;
    if (!parenthesized && Peek().type != TokenType::kName) break;
    WINNOW_ASSIGN_OR_RETURN(std::string name, ExpectName());
    target.names.push_back(std::move(name));
  }
  if (parenthesized) WINNOW_RETURN_IF_ERROR(ExpectOperator(")"));
  return target;
}

Result<StmtPtr> Parser::ParseFor(const Token& tag) {
  auto node = std::make_unique<ForStmt>(PositionOf(tag));
  WINNOW_ASSIGN_OR_RETURN(node->target, ParseTarget(false));
  if (!SkipName("in")) return Error(Unexpected(Peek(), "'in'"));
  WINNOW_ASSIGN_OR_RETURN(node->iterable, ParseTuple(false));
  if (SkipName("if")) {
    WINNOW_ASSIGN_OR_RETURN(node->filter, ParseExpression(true));
  }
  if (SkipName("recursive")) return Error(Fail(tag, "recursive loops are not supported"));
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  std::string stop;
  ++loop_depth_;
  Status body = ParseBody(&node->body, {"else", "endfor"}, &stop, &tag);
  --loop_depth_;
  WINNOW_RETURN_IF_ERROR(body);
  if (stop == "else") {
    WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
    WINNOW_RETURN_IF_ERROR(ParseBody(&node->else_body, {"endfor"}, &stop, &tag));
  }
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  return StmtPtr(std::move(node));
}

Result<StmtPtr> Parser::ParseSet(const Token& tag) {
  WINNOW_ASSIGN_OR_RETURN(Target target, ParseTarget(true));
  if (SkipOperator("=")) {
    auto node = std::make_unique<SetStmt>(PositionOf(tag));
    node->target = std::move(target);
    WINNOW_ASSIGN_OR_RETURN(node->value, ParseTuple(true));
    WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
    return StmtPtr(std::move(node));
  }
  auto node = std::make_unique<SetBlockStmt>(PositionOf(tag));
  node->target = std::move(target);
  while (SkipOperator("|")) {
    WINNOW_ASSIGN_OR_RETURN(node->filter, ParseFilter(std::move(node->filter)));
  }
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  std::string stop;
  WINNOW_RETURN_IF_ERROR(ParseBody(&node->body, {"endset"}, &stop, &tag));
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  return StmtPtr(std::move(node));
}

Result<StmtPtr> Parser::ParseMacro(const Token& tag) {
  auto node = std::make_unique<MacroStmt>(PositionOf(tag));
  WINNOW_ASSIGN_OR_RETURN(node->name, ExpectName());
  WINNOW_RETURN_IF_ERROR(ExpectOperator("("));
  while (!SkipOperator(")")) {
    if (!node->params.empty()) WINNOW_RETURN_IF_ERROR(ExpectOperator(","));
    if (SkipOperator(")")) break;
    WINNOW_ASSIGN_OR_RETURN(std::string param, ExpectName());
    ExprPtr default_value;
    if (SkipOperator("=")) {
      WINNOW_ASSIGN_OR_RETURN(default_value, ParseExpression(true));
    }
    node->params.emplace_back(std::move(param), std::move(default_value));
  }
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  std::string stop;
  int outer_loops = loop_depth_;  // a macro body is not inside the loops around its definition
  loop_depth_ = 0;
  Status body = ParseBody(&node->body, {"endmacro"}, &stop, &tag);
  loop_depth_ = outer_loops;
  WINNOW_RETURN_IF_ERROR(body);
  if (Peek().type == TokenType::kName) Next();  // {% endmacro name %}
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  return StmtPtr(std::move(node));
}

Result<StmtPtr> Parser::ParseFilterBlock(const Token& tag) {
  auto node = std::make_unique<FilterBlockStmt>(PositionOf(tag));
  WINNOW_ASSIGN_OR_RETURN(node->filter, ParseFilter(nullptr));
  while (SkipOperator("|")) {
    WINNOW_ASSIGN_OR_RETURN(node->filter, ParseFilter(std::move(node->filter)));
  }
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  std::string stop;
  WINNOW_RETURN_IF_ERROR(ParseBody(&node->body, {"endfilter"}, &stop, &tag));
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  return StmtPtr(std::move(node));
}

Result<StmtPtr> Parser::ParseWith(const Token& tag) {
  auto node = std::make_unique<WithStmt>(PositionOf(tag));
  while (Peek().type != TokenType::kBlockEnd) {
    if (!node->assignments.empty()) WINNOW_RETURN_IF_ERROR(ExpectOperator(","));
    WINNOW_ASSIGN_OR_RETURN(std::string name, ExpectName());
    WINNOW_RETURN_IF_ERROR(ExpectOperator("="));
    WINNOW_ASSIGN_OR_RETURN(ExprPtr value, ParseExpression(true));
    node->assignments.emplace_back(std::move(name), std::move(value));
  }
  Next();
  std::string stop;
  WINNOW_RETURN_IF_ERROR(ParseBody(&node->body, {"endwith"}, &stop, &tag));
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  return StmtPtr(std::move(node));
}

Result<StmtPtr> Parser::ParseScope(const Token& tag, std::string_view end_name) {
  auto node = std::make_unique<ScopeStmt>(PositionOf(tag));
  if (tag.text == "block") {
    if (Peek().type != TokenType::kName) return Error(Unexpected(Peek(), "a block name"));
    Next();
    while (AtName("scoped") || AtName("required")) Next();
  }
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  std::string stop;
  WINNOW_RETURN_IF_ERROR(ParseBody(&node->body, {end_name}, &stop, &tag));
  if (tag.text == "block" && Peek().type == TokenType::kName) Next();  // {% endblock name %}
  WINNOW_RETURN_IF_ERROR(ExpectBlockEnd());
  return StmtPtr(std::move(node));
}

}  // namespace winnow::jinja
