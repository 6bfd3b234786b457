// The expression half of the parser: precedence climbing as in Jinja2's parser.py.

#include <algorithm>

#include "winnow/pipeline/step_options.h"
#include "winnow/template/parser.h"

namespace winnow::jinja {
namespace {

// "unknown filter 'trimm' (did you mean 'trim'?)".
std::string UnknownName(std::string_view what, std::string_view name,
                        const std::vector<std::string_view>& known) {
  std::string message = "unknown " + std::string(what) + " '" + std::string(name) + "'";
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view candidate : known) {
    size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) best_distance = distance, best = candidate;
  }
  if (!best.empty()) message += " (did you mean '" + std::string(best) + "'?)";
  return message;
}

bool IsBinaryToken(const Token& token, std::initializer_list<std::string_view> ops) {
  if (token.type != TokenType::kOperator) return false;
  return std::find(ops.begin(), ops.end(), token.text) != ops.end();
}

}  // namespace

Result<ExprPtr> Parser::Checked(ExprPtr node, std::initializer_list<const Expr*> children) {
  for (const Expr* child : children) {
    if (child != nullptr) node->depth = std::max(node->depth, child->depth + 1);
  }
  if (node->depth > kMaxNesting) {
    return Error(Status::InvalidInput(FormatLocation(
        name_, node->pos.line, node->pos.column,
        "expression nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)")));
  }
  return node;
}

Result<ExprPtr> Parser::ParseTuple(bool with_condition) {
  const Token& start = Peek();
  WINNOW_ASSIGN_OR_RETURN(ExprPtr first, ParseExpression(with_condition));
  if (!AtOperator(",")) return first;
  auto tuple = std::make_unique<ListExpr>(ExprKind::kTuple, PositionOf(start));
  tuple->items.push_back(std::move(first));
  while (SkipOperator(",")) {
    const Token& next = Peek();
    bool ends = next.type == TokenType::kVarEnd || next.type == TokenType::kBlockEnd ||
                AtOperator(")") || AtName("if") || AtName("recursive");
    if (ends) break;
    WINNOW_ASSIGN_OR_RETURN(ExprPtr item, ParseExpression(with_condition));
    tuple->items.push_back(std::move(item));
  }
  int depth = 1;
  for (const auto& item : tuple->items) depth = std::max(depth, item->depth + 1);
  tuple->depth = depth;
  return Checked(std::move(tuple), {});
}

Result<ExprPtr> Parser::ParseExpression(bool with_condition) {
  RecursionGuard guard(&recursion_);
  if (guard.too_deep()) return Error(Fail(Peek(), "expression nested too deeply"));
  WINNOW_ASSIGN_OR_RETURN(ExprPtr expr, ParseOr());
  while (with_condition && AtName("if")) {
    const Token& tag = Next();
    auto node = std::make_unique<ConditionExpr>(PositionOf(tag));
    WINNOW_ASSIGN_OR_RETURN(node->condition, ParseOr());
    if (SkipName("else")) {
      WINNOW_ASSIGN_OR_RETURN(node->else_value, ParseExpression(true));
    }
    node->then_value = std::move(expr);
    const Expr* children[] = {node->condition.get(), node->then_value.get(),
                              node->else_value.get()};
    WINNOW_ASSIGN_OR_RETURN(expr,
                            Checked(std::move(node), {children[0], children[1], children[2]}));
  }
  return expr;
}

Result<ExprPtr> Parser::ParseOr() {
  WINNOW_ASSIGN_OR_RETURN(ExprPtr left, ParseAnd());
  while (AtName("or")) {
    Position pos = PositionOf(Next());
    WINNOW_ASSIGN_OR_RETURN(ExprPtr right, ParseAnd());
    const Expr* l = left.get();
    const Expr* r = right.get();
    WINNOW_ASSIGN_OR_RETURN(
        left,
        Checked(std::make_unique<BinaryExpr>(pos, BinaryOp::kOr, std::move(left), std::move(right)),
                {l, r}));
  }
  return left;
}

Result<ExprPtr> Parser::ParseAnd() {
  WINNOW_ASSIGN_OR_RETURN(ExprPtr left, ParseNot());
  while (AtName("and")) {
    Position pos = PositionOf(Next());
    WINNOW_ASSIGN_OR_RETURN(ExprPtr right, ParseNot());
    const Expr* l = left.get();
    const Expr* r = right.get();
    WINNOW_ASSIGN_OR_RETURN(
        left, Checked(std::make_unique<BinaryExpr>(pos, BinaryOp::kAnd, std::move(left),
                                                   std::move(right)),
                      {l, r}));
  }
  return left;
}

Result<ExprPtr> Parser::ParseNot() {
  if (!AtName("not")) return ParseCompare();
  RecursionGuard guard(&recursion_);
  if (guard.too_deep()) return Error(Fail(Peek(), "expression nested too deeply"));
  Position pos = PositionOf(Next());
  WINNOW_ASSIGN_OR_RETURN(ExprPtr operand, ParseNot());
  const Expr* child = operand.get();
  return Checked(std::make_unique<UnaryExpr>(pos, UnaryOp::kNot, std::move(operand)), {child});
}

Result<ExprPtr> Parser::ParseCompare() {
  const Token& start = Peek();
  WINNOW_ASSIGN_OR_RETURN(ExprPtr first, ParseBinaryLevel(0));
  auto node = std::make_unique<CompareExpr>(PositionOf(start));
  int depth = first->depth;
  for (;;) {
    CompareOp op;
    const Token& token = Peek();
    if (IsBinaryToken(token, {"==", "!=", "<", "<=", ">", ">="})) {
      static constexpr std::string_view kOps[] = {"==", "!=", "<", "<=", ">", ">="};
      static constexpr CompareOp kCodes[] = {CompareOp::kEq, CompareOp::kNe, CompareOp::kLt,
                                             CompareOp::kLe, CompareOp::kGt, CompareOp::kGe};
      op = kCodes[std::find(std::begin(kOps), std::end(kOps), token.text) - std::begin(kOps)];
      Next();
    } else if (AtName("in")) {
      op = CompareOp::kIn;
      Next();
    } else if (AtName("not") && Peek(1).type == TokenType::kName && Peek(1).text == "in") {
      op = CompareOp::kNotIn;
      Next();
      Next();
    } else {
      break;
    }
    WINNOW_ASSIGN_OR_RETURN(ExprPtr operand, ParseBinaryLevel(0));
    depth = std::max(depth, operand->depth);
    node->rest.emplace_back(op, std::move(operand));
  }
  if (node->rest.empty()) return first;
  node->first = std::move(first);
  node->depth = depth + 1;
  return Checked(std::move(node), {});
}

// The arithmetic levels share one shape: left-associative chains of their operators, from
// + - (level 0) through ~, * / // %, to ** (level 3), whose operands are unary expressions.
Result<ExprPtr> Parser::ParseBinaryLevel(int level) {
  using Op = std::pair<std::string_view, BinaryOp>;
  static const std::vector<Op> kLevels[] = {
      {{"+", BinaryOp::kAdd}, {"-", BinaryOp::kSub}},
      {{"~", BinaryOp::kConcat}},
      {{"*", BinaryOp::kMul},
       {"/", BinaryOp::kDiv},
       {"//", BinaryOp::kFloorDiv},
       {"%", BinaryOp::kMod}},
      {{"**", BinaryOp::kPow}},
  };
  auto operand = [&]() { return level == 3 ? ParseUnary(true) : ParseBinaryLevel(level + 1); };
  WINNOW_ASSIGN_OR_RETURN(ExprPtr left, operand());
  for (;;) {
    const Token& token = Peek();
    const auto& ops = kLevels[level];
    auto it = std::find_if(ops.begin(), ops.end(), [&](const Op& op) {
      return token.type == TokenType::kOperator && token.text == op.first;
    });
    if (it == ops.end()) return left;
    Position pos = PositionOf(Next());
    WINNOW_ASSIGN_OR_RETURN(ExprPtr right, operand());
    const Expr* l = left.get();
    const Expr* r = right.get();
    auto node = std::make_unique<BinaryExpr>(pos, it->second, std::move(left), std::move(right));
    WINNOW_ASSIGN_OR_RETURN(left, Checked(std::move(node), {l, r}));
  }
}

Result<ExprPtr> Parser::ParseUnary(bool with_filter) {
  RecursionGuard guard(&recursion_);
  if (guard.too_deep()) return Error(Fail(Peek(), "expression nested too deeply"));
  ExprPtr node;
  if (AtOperator("-") || AtOperator("+")) {
    const Token& sign = Next();
    WINNOW_ASSIGN_OR_RETURN(ExprPtr operand, ParseUnary(false));
    const Expr* child = operand.get();
    UnaryOp op = sign.text == "-" ? UnaryOp::kNegate : UnaryOp::kPlus;
    WINNOW_ASSIGN_OR_RETURN(
        node,
        Checked(std::make_unique<UnaryExpr>(PositionOf(sign), op, std::move(operand)), {child}));
  } else {
    WINNOW_ASSIGN_OR_RETURN(node, ParsePrimary());
  }
  WINNOW_ASSIGN_OR_RETURN(node, ParsePostfix(std::move(node)));
  if (with_filter) return ParseFilterTail(std::move(node));
  return node;
}

Result<ExprPtr> Parser::ParsePrimary() {
  const Token& token = Next();
  Position pos = PositionOf(token);
  switch (token.type) {
    case TokenType::kName: {
      const std::string& n = token.text;
      if (n == "true" || n == "True")
        return ExprPtr(std::make_unique<LiteralExpr>(pos, Value(true)));
      if (n == "false" || n == "False")
        return ExprPtr(std::make_unique<LiteralExpr>(pos, Value(false)));
      if (n == "none" || n == "None")
        return ExprPtr(std::make_unique<LiteralExpr>(pos, Value::None()));
      return ExprPtr(std::make_unique<NameExpr>(pos, n));
    }
    case TokenType::kString: {
      std::string text = token.text;  // adjacent literals concatenate, as in Python
      while (Peek().type == TokenType::kString) text += Next().text;
      return ExprPtr(std::make_unique<LiteralExpr>(pos, Value(std::move(text))));
    }
    case TokenType::kInt:
      return ExprPtr(std::make_unique<LiteralExpr>(pos, Value(token.int_value)));
    case TokenType::kFloat:
      return ExprPtr(std::make_unique<LiteralExpr>(pos, Value(token.float_value)));
    case TokenType::kOperator:
      if (token.text == "(") return ParseParenthesized(token);
      if (token.text == "[") return ParseList(token);
      if (token.text == "{") return ParseDict(token);
      break;
    default:
      break;
  }
  return Error(Unexpected(token, "an expression"));
}

Result<ExprPtr> Parser::ParseParenthesized(const Token& open) {
  if (SkipOperator(")")) {
    return ExprPtr(std::make_unique<ListExpr>(ExprKind::kTuple, PositionOf(open)));
  }
  WINNOW_ASSIGN_OR_RETURN(ExprPtr first, ParseExpression(true));
  if (SkipOperator(")")) return first;
  if (!AtOperator(",")) return Error(Unexpected(Peek(), "')' or ','"));
  auto tuple = std::make_unique<ListExpr>(ExprKind::kTuple, PositionOf(open));
  tuple->depth = first->depth + 1;
  tuple->items.push_back(std::move(first));
  while (SkipOperator(",") && !AtOperator(")")) {
    WINNOW_ASSIGN_OR_RETURN(ExprPtr item, ParseExpression(true));
    tuple->depth = std::max(tuple->depth, item->depth + 1);
    tuple->items.push_back(std::move(item));
  }
  WINNOW_RETURN_IF_ERROR(ExpectOperator(")"));
  return Checked(std::move(tuple), {});
}

Result<ExprPtr> Parser::ParseList(const Token& open) {
  auto list = std::make_unique<ListExpr>(ExprKind::kList, PositionOf(open));
  while (!AtOperator("]")) {
    if (!list->items.empty()) {
      WINNOW_RETURN_IF_ERROR(ExpectOperator(","));
      if (AtOperator("]")) break;
    }
    WINNOW_ASSIGN_OR_RETURN(ExprPtr item, ParseExpression(true));
    list->depth = std::max(list->depth, item->depth + 1);
    list->items.push_back(std::move(item));
  }
  Next();
  return Checked(std::move(list), {});
}

Result<ExprPtr> Parser::ParseDict(const Token& open) {
  auto dict = std::make_unique<DictExpr>(PositionOf(open));
  while (!AtOperator("}")) {
    if (!dict->entries.empty()) {
      WINNOW_RETURN_IF_ERROR(ExpectOperator(","));
      if (AtOperator("}")) break;
    }
    WINNOW_ASSIGN_OR_RETURN(ExprPtr key, ParseExpression(true));
    WINNOW_RETURN_IF_ERROR(ExpectOperator(":"));
    WINNOW_ASSIGN_OR_RETURN(ExprPtr value, ParseExpression(true));
    dict->depth = std::max({dict->depth, key->depth + 1, value->depth + 1});
    dict->entries.emplace_back(std::move(key), std::move(value));
  }
  Next();
  return Checked(std::move(dict), {});
}

Result<ExprPtr> Parser::ParsePostfix(ExprPtr node) {
  for (;;) {
    if (AtOperator(".") || AtOperator("[")) {
      WINNOW_ASSIGN_OR_RETURN(node, ParseSubscript(std::move(node)));
    } else if (AtOperator("(")) {
      auto call = std::make_unique<CallExpr>(PositionOf(Next()));
      call->callee = std::move(node);
      WINNOW_RETURN_IF_ERROR(ParseArguments(&call->args));
      int depth = call->callee->depth;
      for (const auto& arg : call->args.positional) depth = std::max(depth, arg->depth);
      for (const auto& arg : call->args.keyword) depth = std::max(depth, arg.second->depth);
      call->depth = depth + 1;
      WINNOW_ASSIGN_OR_RETURN(node, Checked(std::move(call), {}));
    } else {
      return node;
    }
  }
}

Result<ExprPtr> Parser::ParseSubscript(ExprPtr node) {
  const Token& open = Next();
  Position pos = PositionOf(open);
  if (open.text == ".") {
    const Token& attr = Next();
    const Expr* child = node.get();
    if (attr.type == TokenType::kName) {
      return Checked(std::make_unique<AttributeExpr>(pos, std::move(node), attr.text), {child});
    }
    if (attr.type != TokenType::kInt) return Error(Unexpected(attr, "an attribute name"));
    auto item = std::make_unique<SubscriptExpr>(pos);
    item->object = std::move(node);
    item->index = std::make_unique<LiteralExpr>(PositionOf(attr), Value(attr.int_value));
    return Checked(std::move(item), {child});
  }
  ExprPtr parts[3];
  int part = 0;
  bool slice = false;
  while (!AtOperator("]")) {
    if (SkipOperator(":")) {
      slice = true;
      if (++part > 2) return Error(Unexpected(Peek(), "']'"));
      continue;
    }
    if (parts[part]) return Error(Unexpected(Peek(), slice ? "':' or ']'" : "']'"));
    WINNOW_ASSIGN_OR_RETURN(parts[part], ParseExpression(true));
  }
  Next();
  if (!slice) {
    if (!parts[0]) return Error(Fail(open, "empty subscript"));
    auto item = std::make_unique<SubscriptExpr>(pos);
    const Expr* children[] = {node.get(), parts[0].get()};
    item->object = std::move(node);
    item->index = std::move(parts[0]);
    return Checked(std::move(item), {children[0], children[1]});
  }
  auto range = std::make_unique<SliceExpr>(pos);
  const Expr* children[] = {node.get(), parts[0].get(), parts[1].get(), parts[2].get()};
  range->object = std::move(node);
  range->start = std::move(parts[0]);
  range->stop = std::move(parts[1]);
  range->step = std::move(parts[2]);
  return Checked(std::move(range), {children[0], children[1], children[2], children[3]});
}

Result<ExprPtr> Parser::ParseFilterTail(ExprPtr node) {
  for (;;) {
    if (AtOperator("|")) {
      Next();
      WINNOW_ASSIGN_OR_RETURN(node, ParseFilter(std::move(node)));
    } else if (AtName("is")) {
      WINNOW_ASSIGN_OR_RETURN(node, ParseTest(std::move(node)));
    } else if (AtOperator("(")) {
      WINNOW_ASSIGN_OR_RETURN(node, ParsePostfix(std::move(node)));
    } else {
      return node;
    }
  }
}

// After the "|": name[.name...][(args)]. `input` is null for filter blocks.
Result<ExprPtr> Parser::ParseFilter(ExprPtr input) {
  const Token& name_token = Peek();
  auto filter = std::make_unique<FilterExpr>(PositionOf(name_token));
  WINNOW_ASSIGN_OR_RETURN(filter->name, ExpectName());
  while (AtOperator(".") && Peek(1).type == TokenType::kName) {
    Next();
    filter->name += "." + Next().text;
  }
  filter->function = FindFilter(filter->name);
  if (filter->function == nullptr) {
    return Error(Fail(name_token, UnknownName("filter", filter->name, FilterNames())));
  }
  if (AtOperator("(")) {
    Next();
    WINNOW_RETURN_IF_ERROR(ParseArguments(&filter->args));
  }
  int depth = input ? input->depth : 0;
  for (const auto& arg : filter->args.positional) depth = std::max(depth, arg->depth);
  for (const auto& arg : filter->args.keyword) depth = std::max(depth, arg.second->depth);
  filter->depth = depth + 1;
  filter->input = std::move(input);
  return Checked(std::move(filter), {});
}

Result<ExprPtr> Parser::ParseTest(ExprPtr input) {
  const Token& is = Next();
  bool negated = SkipName("not");
  const Token& name_token = Peek();
  auto test = std::make_unique<TestExpr>(PositionOf(name_token));
  WINNOW_ASSIGN_OR_RETURN(test->name, ExpectName());
  test->function = FindTest(test->name);
  if (test->function == nullptr) {
    return Error(Fail(name_token, UnknownName("test", test->name, TestNames())));
  }
  const Token& next = Peek();
  if (AtOperator("(")) {
    Next();
    WINNOW_RETURN_IF_ERROR(ParseArguments(&test->args));
  } else if ((next.type == TokenType::kName || next.type == TokenType::kString ||
              next.type == TokenType::kInt || next.type == TokenType::kFloat || AtOperator("[") ||
              AtOperator("{")) &&
             !AtName("else") && !AtName("or") && !AtName("and")) {
    if (AtName("is")) return Error(Fail(next, "cannot chain tests with 'is'"));
    WINNOW_ASSIGN_OR_RETURN(ExprPtr arg, ParsePrimary());
    WINNOW_ASSIGN_OR_RETURN(arg, ParsePostfix(std::move(arg)));
    test->args.positional.push_back(std::move(arg));
  }
  int depth = input->depth;
  for (const auto& arg : test->args.positional) depth = std::max(depth, arg->depth);
  for (const auto& arg : test->args.keyword) depth = std::max(depth, arg.second->depth);
  test->depth = depth + 1;
  test->input = std::move(input);
  WINNOW_ASSIGN_OR_RETURN(ExprPtr node, Checked(std::move(test), {}));
  if (!negated) return node;
  const Expr* child = node.get();
  return Checked(std::make_unique<UnaryExpr>(PositionOf(is), UnaryOp::kNot, std::move(node)),
                 {child});
}

// After the "(": positional and name=value arguments up to the ")".
Status Parser::ParseArguments(Arguments* args) {
  while (!AtOperator(")")) {
    if (!args->positional.empty() || !args->keyword.empty()) {
      WINNOW_RETURN_IF_ERROR(ExpectOperator(","));
      if (AtOperator(")")) break;
    }
    if (AtOperator("*") || AtOperator("**"))
      return Fail(Peek(), "*args and **kwargs are not supported");
    if (Peek().type == TokenType::kName && Peek(1).type == TokenType::kOperator &&
        Peek(1).text == "=") {
      std::string key = Next().text;
      Next();
      WINNOW_ASSIGN_OR_RETURN(ExprPtr value, ParseExpression(true));
      args->keyword.emplace_back(std::move(key), std::move(value));
      continue;
    }
    if (!args->keyword.empty()) return Fail(Peek(), "positional argument follows keyword argument");
    WINNOW_ASSIGN_OR_RETURN(ExprPtr value, ParseExpression(true));
    args->positional.push_back(std::move(value));
  }
  Next();
  return Status::OK();
}

}  // namespace winnow::jinja
