#pragma once

// Renderer: executes a parsed template once. One Renderer per Render call holds all mutable
// state (scopes, output, counters), so the Program it reads can be shared between threads.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/template/ast.h"
#include "winnow/template/template.h"

namespace winnow::jinja {

struct Program {
  Body body;
  TemplateOptions options;
  std::vector<std::string> free_variables;
};

// Deepest evaluation recursion (nested expressions, blocks and macro calls together).
inline constexpr int kMaxRenderDepth = 600;

// Counts one level of evaluation recursion for as long as it lives.
class DepthGuard {
 public:
  explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
  ~DepthGuard() { --*depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool too_deep() const { return *depth_ > kMaxRenderDepth; }

 private:
  int* depth_;
};

class Renderer {
 public:
  Renderer(const TemplateOptions& options, const Value& context, std::string* out);
  Status Run(const Body& body);

 private:
  // The iteration a for loop is on, read through `loop.*`.
  struct LoopState {
    const std::vector<Value>* items = nullptr;
    size_t index0 = 0;
    int depth = 1;  // loop.depth counts recursive loops, which are not supported: always 1
  };
  struct Frame {
    std::vector<std::pair<std::string, Value>> variables;
    const LoopState* loop = nullptr;  // set in the frame of a for loop
  };
  enum class Flow { kNormal, kBreak, kContinue };

  // Statements (evaluator.cc).
  Status ExecBody(const Body& body);
  Status Exec(const Stmt& stmt);
  Status ExecOutput(const OutputStmt& stmt);
  Status ExecIf(const IfStmt& stmt);
  Status ExecFor(const ForStmt& stmt);
  Status RunLoop(const ForStmt& stmt, const std::vector<Value>& items);
  Status ExecSetBlock(const SetBlockStmt& stmt);
  Status ExecMacro(const MacroStmt& stmt);
  Status ExecFilterBlock(const FilterBlockStmt& stmt);
  Status ExecWith(const WithStmt& stmt);
  Status Assign(const Target& target, Value value, Position pos);
  Result<Value> CallMacro(const MacroStmt& macro, size_t closure, CallArgs& args);
  Result<std::string> Capture(const Body& body);
  Status Write(std::string_view text, Position pos);

  // Expressions (evaluator_expressions.cc).
  Result<Value> Eval(const Expr& expr);
  Result<Value> EvalInner(const Expr& expr);
  Result<Value> EvalList(const ListExpr& expr);
  Result<Value> EvalDict(const DictExpr& expr);
  Result<Value> EvalAttribute(const AttributeExpr& expr);
  Result<Value> EvalSubscript(const SubscriptExpr& expr);
  Result<Value> EvalSlice(const SliceExpr& expr);
  Result<Value> EvalCall(const CallExpr& expr);
  Result<Value> EvalFilter(const FilterExpr& expr, const Value* block_input);
  Result<Value> EvalTest(const TestExpr& expr);
  Result<Value> EvalUnary(const UnaryExpr& expr);
  Result<Value> EvalBinary(const BinaryExpr& expr);
  Result<Value> EvalCompare(const CompareExpr& expr);
  Result<Value> EvalCondition(const ConditionExpr& expr);
  Status EvalArguments(const Arguments& args, CallArgs* out);
  Result<Value> CallValue(const Value& callee, CallArgs& args, Position pos);
  Result<bool> Truthy(const Value& value, Position pos);

  // Scopes and built-ins (evaluator_scope.cc).
  const Value* FindVariable(std::string_view name) const;
  const LoopState* FindLoop() const;
  Value LookUp(std::string_view name);
  void SetVariable(std::string name, Value value);
  Value MakeGlobal(std::string_view name);
  Value MakeLoopObject(const LoopState& loop) const;
  Result<Value> LoopAttribute(const LoopState& loop, std::string_view name) const;
  Result<Value> Range(CallArgs& args);
  Status Count(uint64_t steps, Position pos);

  Status Fail(Position pos, std::string_view message) const;
  // Adds the position to an error from a filter, test or callable (unless it has one).
  Status Locate(Status status, Position pos) const;

  const TemplateOptions& options_;
  FilterEnv env_;
  const Value& context_;
  std::string* out_;
  std::vector<Frame> frames_;
  // The variables each macro definition could see (its closure), by index. Held here, not in
  // the macro's Value, so a macro stored into a namespace it captured cannot form a cycle.
  std::vector<std::vector<std::pair<std::string, Value>>> closures_;
  size_t floor_ = 1;  // frames below this (except frame 0, the template's own) are hidden
  int depth_ = 0;
  uint64_t steps_ = 0;
  Flow flow_ = Flow::kNormal;
};

}  // namespace winnow::jinja
