#pragma once

// The syntax tree a compiled template keeps: expressions (Expr) and statements (Stmt), each with
// the line and column it came from. Immutable after parsing, so one tree serves any number of
// concurrent renders.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "winnow/template/filters.h"
#include "winnow/template/value.h"

namespace winnow::jinja {

struct Position {
  int line = 0;
  int column = 0;
};

enum class ExprKind {
  kLiteral,
  kName,
  kList,
  kTuple,
  kDict,
  kAttribute,
  kSubscript,
  kSlice,
  kCall,
  kFilter,
  kTest,
  kUnary,
  kBinary,
  kCompare,
  kCondition,
};

struct Expr {
  Expr(ExprKind k, Position p) : kind(k), pos(p) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Position pos;
  int depth = 1;  // height of the subtree, bounded so evaluation cannot overflow the stack
};
using ExprPtr = std::unique_ptr<Expr>;

struct LiteralExpr : Expr {
  LiteralExpr(Position p, Value v) : Expr(ExprKind::kLiteral, p), value(std::move(v)) {}
  Value value;
};

struct NameExpr : Expr {
  NameExpr(Position p, std::string n) : Expr(ExprKind::kName, p), name(std::move(n)) {}
  std::string name;
};

// kList or kTuple.
struct ListExpr : Expr {
  using Expr::Expr;
  std::vector<ExprPtr> items;
};

struct DictExpr : Expr {
  explicit DictExpr(Position p) : Expr(ExprKind::kDict, p) {}
  std::vector<std::pair<ExprPtr, ExprPtr>> entries;
};

struct AttributeExpr : Expr {
  AttributeExpr(Position p, ExprPtr o, std::string n)
      : Expr(ExprKind::kAttribute, p), object(std::move(o)), name(std::move(n)) {}
  ExprPtr object;
  std::string name;
};

struct SubscriptExpr : Expr {
  explicit SubscriptExpr(Position p) : Expr(ExprKind::kSubscript, p) {}
  ExprPtr object;
  ExprPtr index;
};

struct SliceExpr : Expr {
  explicit SliceExpr(Position p) : Expr(ExprKind::kSlice, p) {}
  ExprPtr object;
  ExprPtr start, stop, step;  // each may be null
};

struct Arguments {
  std::vector<ExprPtr> positional;
  std::vector<std::pair<std::string, ExprPtr>> keyword;
};

struct CallExpr : Expr {
  explicit CallExpr(Position p) : Expr(ExprKind::kCall, p) {}
  ExprPtr callee;
  Arguments args;
};

// x|name(args). `input` is null inside {% filter %} and {% set x | f %} blocks, whose body
// text is the input.
struct FilterExpr : Expr {
  explicit FilterExpr(Position p) : Expr(ExprKind::kFilter, p) {}
  ExprPtr input;
  std::string name;
  FilterFunction function = nullptr;
  Arguments args;
};

struct TestExpr : Expr {
  explicit TestExpr(Position p) : Expr(ExprKind::kTest, p) {}
  ExprPtr input;
  std::string name;
  TestFunction function = nullptr;
  Arguments args;
};

enum class UnaryOp { kNot, kNegate, kPlus };
struct UnaryExpr : Expr {
  UnaryExpr(Position p, UnaryOp o, ExprPtr e)
      : Expr(ExprKind::kUnary, p), op(o), operand(std::move(e)) {}
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp { kAdd, kSub, kMul, kDiv, kFloorDiv, kMod, kPow, kConcat, kAnd, kOr };
struct BinaryExpr : Expr {
  BinaryExpr(Position p, BinaryOp o, ExprPtr l, ExprPtr r)
      : Expr(ExprKind::kBinary, p), op(o), left(std::move(l)), right(std::move(r)) {}
  BinaryOp op;
  ExprPtr left, right;
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };
struct CompareExpr : Expr {
  explicit CompareExpr(Position p) : Expr(ExprKind::kCompare, p) {}
  ExprPtr first;
  std::vector<std::pair<CompareOp, ExprPtr>> rest;  // a < b <= c chains like Python
};

// `then_value if condition else else_value`; else_value may be null (gives undefined).
struct ConditionExpr : Expr {
  explicit ConditionExpr(Position p) : Expr(ExprKind::kCondition, p) {}
  ExprPtr condition, then_value, else_value;
};

enum class StmtKind {
  kText,
  kOutput,
  kIf,
  kFor,
  kSet,
  kSetBlock,
  kMacro,
  kFilterBlock,
  kWith,
  kScope,
  kBreak,
  kContinue,
};

struct Stmt {
  Stmt(StmtKind k, Position p) : kind(k), pos(p) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Position pos;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct TextStmt : Stmt {
  TextStmt(Position p, std::string t) : Stmt(StmtKind::kText, p), text(std::move(t)) {}
  std::string text;
};

struct OutputStmt : Stmt {
  OutputStmt(Position p, ExprPtr e) : Stmt(StmtKind::kOutput, p), expr(std::move(e)) {}
  ExprPtr expr;
};

struct IfStmt : Stmt {
  explicit IfStmt(Position p) : Stmt(StmtKind::kIf, p) {}
  std::vector<std::pair<ExprPtr, Body>> branches;  // if, elif...
  Body else_body;
};

// Where `for` and `set` store values: one name, several (unpacking "k, v"), or ns.attr.
struct Target {
  std::vector<std::string> names;
  bool unpack = false;    // "a, b" or "(a,)": the value is unpacked over names
  std::string attribute;  // set ns.attr = ...: names[0] is the namespace
};

struct ForStmt : Stmt {
  explicit ForStmt(Position p) : Stmt(StmtKind::kFor, p) {}
  Target target;
  ExprPtr iterable;
  ExprPtr filter;  // for x in xs if filter
  Body body;
  Body else_body;  // runs when nothing was iterated
};

struct SetStmt : Stmt {
  explicit SetStmt(Position p) : Stmt(StmtKind::kSet, p) {}
  Target target;
  ExprPtr value;
};

// {% set x %}body{% endset %}, optionally {% set x | filter %}.
struct SetBlockStmt : Stmt {
  explicit SetBlockStmt(Position p) : Stmt(StmtKind::kSetBlock, p) {}
  Target target;
  ExprPtr filter;  // a FilterExpr chain whose innermost input is null, or null
  Body body;
};

struct MacroStmt : Stmt {
  explicit MacroStmt(Position p) : Stmt(StmtKind::kMacro, p) {}
  std::string name;
  std::vector<std::pair<std::string, ExprPtr>> params;  // default may be null
  Body body;
};

struct FilterBlockStmt : Stmt {
  explicit FilterBlockStmt(Position p) : Stmt(StmtKind::kFilterBlock, p) {}
  ExprPtr filter;  // innermost input null: the rendered body
  Body body;
};

struct WithStmt : Stmt {
  explicit WithStmt(Position p) : Stmt(StmtKind::kWith, p) {}
  std::vector<std::pair<std::string, ExprPtr>> assignments;
  Body body;
};

// A body rendered in place: {% generation %} (Hugging Face's assistant mask marker) and
// {% block %} in a template that extends nothing.
struct ScopeStmt : Stmt {
  explicit ScopeStmt(Position p) : Stmt(StmtKind::kScope, p) {}
  Body body;
};

}  // namespace winnow::jinja
