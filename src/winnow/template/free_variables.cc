#include "winnow/template/free_variables.h"

#include <algorithm>
#include <set>

namespace winnow::jinja {
namespace {

bool IsBuiltinGlobal(const std::string& name) {
  return name == "range" || name == "namespace" || name == "dict" || name == "raise_exception";
}

// Walks the tree keeping a stack of scopes (for loops, macros and with blocks open one), the way
// the renderer binds names, so a name counts as free only where no enclosing scope set it.
class Collector {
 public:
  std::vector<std::string> Run(const Body& body) {
    scopes_.emplace_back();
    VisitBody(body);
    return std::move(free_);
  }

 private:
  void Read(const std::string& name) {
    for (const auto& scope : scopes_) {
      if (scope.count(name)) return;
    }
    if (IsBuiltinGlobal(name) || !seen_.insert(name).second) return;
    free_.push_back(name);
  }
  void Bind(const std::string& name) { scopes_.back().insert(name); }
  void BindTarget(const Target& target) {
    if (!target.attribute.empty()) {
      Read(target.names[0]);
      return;
    }
    for (const std::string& name : target.names) Bind(name);
  }

  void VisitBody(const Body& body) {
    for (const StmtPtr& stmt : body) VisitStmt(*stmt);
  }

  void VisitArgs(const Arguments& args) {
    for (const ExprPtr& arg : args.positional) VisitExpr(arg.get());
    for (const auto& arg : args.keyword) VisitExpr(arg.second.get());
  }

  void VisitExpr(const Expr* expr);
  void VisitStmt(const Stmt& stmt);

  std::vector<std::set<std::string>> scopes_;
  std::set<std::string> seen_;
  std::vector<std::string> free_;
};

void Collector::VisitExpr(const Expr* expr) {
  if (expr == nullptr) return;
  switch (expr->kind) {
    case ExprKind::kLiteral:
      return;
    case ExprKind::kName:
      return Read(static_cast<const NameExpr*>(expr)->name);
    case ExprKind::kList:
    case ExprKind::kTuple:
      for (const ExprPtr& item : static_cast<const ListExpr*>(expr)->items) VisitExpr(item.get());
      return;
    case ExprKind::kDict:
      for (const auto& [key, value] : static_cast<const DictExpr*>(expr)->entries) {
        VisitExpr(key.get());
        VisitExpr(value.get());
      }
      return;
    case ExprKind::kAttribute:
      return VisitExpr(static_cast<const AttributeExpr*>(expr)->object.get());
    case ExprKind::kSubscript: {
      const auto* e = static_cast<const SubscriptExpr*>(expr);
      VisitExpr(e->object.get());
      return VisitExpr(e->index.get());
    }
    case ExprKind::kSlice: {
      const auto* e = static_cast<const SliceExpr*>(expr);
      for (const Expr* part : {e->object.get(), e->start.get(), e->stop.get(), e->step.get()})
        VisitExpr(part);
      return;
    }
    case ExprKind::kCall: {
      const auto* e = static_cast<const CallExpr*>(expr);
      VisitExpr(e->callee.get());
      return VisitArgs(e->args);
    }
    case ExprKind::kFilter: {
      const auto* e = static_cast<const FilterExpr*>(expr);
      VisitExpr(e->input.get());
      return VisitArgs(e->args);
    }
    case ExprKind::kTest: {
      const auto* e = static_cast<const TestExpr*>(expr);
      VisitExpr(e->input.get());
      return VisitArgs(e->args);
    }
    case ExprKind::kUnary:
      return VisitExpr(static_cast<const UnaryExpr*>(expr)->operand.get());
    case ExprKind::kBinary: {
      const auto* e = static_cast<const BinaryExpr*>(expr);
      VisitExpr(e->left.get());
      return VisitExpr(e->right.get());
    }
    case ExprKind::kCompare: {
      const auto* e = static_cast<const CompareExpr*>(expr);
      VisitExpr(e->first.get());
      for (const auto& [op, operand] : e->rest) VisitExpr(operand.get());
      return;
    }
    case ExprKind::kCondition: {
      const auto* e = static_cast<const ConditionExpr*>(expr);
      for (const Expr* part : {e->condition.get(), e->then_value.get(), e->else_value.get()})
        VisitExpr(part);
      return;
    }
  }
}

void Collector::VisitStmt(const Stmt& stmt) {
  switch (stmt.kind) {
    case StmtKind::kText:
    case StmtKind::kBreak:
    case StmtKind::kContinue:
      return;
    case StmtKind::kOutput:
      return VisitExpr(static_cast<const OutputStmt&>(stmt).expr.get());
    case StmtKind::kIf: {
      const auto& s = static_cast<const IfStmt&>(stmt);
      for (const auto& [condition, body] : s.branches) {
        VisitExpr(condition.get());
        VisitBody(body);
      }
      return VisitBody(s.else_body);
    }
    case StmtKind::kFor: {
      const auto& s = static_cast<const ForStmt&>(stmt);
      VisitExpr(s.iterable.get());
      scopes_.emplace_back(std::set<std::string>{"loop"});
      BindTarget(s.target);
      VisitExpr(s.filter.get());
      VisitBody(s.body);
      scopes_.pop_back();
      return VisitBody(s.else_body);
    }
    case StmtKind::kSet: {
      const auto& s = static_cast<const SetStmt&>(stmt);
      VisitExpr(s.value.get());
      return BindTarget(s.target);
    }
    case StmtKind::kSetBlock: {
      const auto& s = static_cast<const SetBlockStmt&>(stmt);
      VisitBody(s.body);
      VisitExpr(s.filter.get());
      return BindTarget(s.target);
    }
    case StmtKind::kMacro: {
      const auto& s = static_cast<const MacroStmt&>(stmt);
      Bind(s.name);
      scopes_.emplace_back();
      for (const auto& [param, default_value] : s.params) {
        VisitExpr(default_value.get());
        Bind(param);
      }
      VisitBody(s.body);
      scopes_.pop_back();
      return;
    }
    case StmtKind::kFilterBlock: {
      const auto& s = static_cast<const FilterBlockStmt&>(stmt);
      VisitExpr(s.filter.get());
      return VisitBody(s.body);
    }
    case StmtKind::kWith: {
      const auto& s = static_cast<const WithStmt&>(stmt);
      scopes_.emplace_back();
      for (const auto& [name, value] : s.assignments) {
        VisitExpr(value.get());
        Bind(name);
      }
      VisitBody(s.body);
      scopes_.pop_back();
      return;
    }
    case StmtKind::kScope:
      return VisitBody(static_cast<const ScopeStmt&>(stmt).body);
  }
}

}  // namespace

std::vector<std::string> CollectFreeVariables(const Body& body) { return Collector().Run(body); }

}  // namespace winnow::jinja
