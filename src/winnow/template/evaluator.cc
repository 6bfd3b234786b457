// The statement half of the renderer: output, control flow, assignment, macros.

#include "winnow/template/evaluator.h"

#include <algorithm>

#include "winnow/template/lexer.h"

namespace winnow::jinja {
Renderer::Renderer(const TemplateOptions& options, const Value& context, std::string* out)
    : options_(options), context_(context), out_(out) {
  env_.strict_undefined = options.strict_undefined;
  env_.max_bytes = options.max_output_bytes;
  frames_.emplace_back();
}

Status Renderer::Run(const Body& body) { return ExecBody(body); }

Status Renderer::Fail(Position pos, std::string_view message) const {
  return Status::InvalidInput(FormatLocation(options_.name, pos.line, pos.column, message));
}

Status Renderer::Locate(Status status, Position pos) const {
  if (status.ok() || status.message().starts_with(options_.name + ":")) return status;
  return Status(status.code(),
                FormatLocation(options_.name, pos.line, pos.column, status.message()));
}

Status Renderer::Count(uint64_t steps, Position pos) {
  steps_ += steps;
  if (steps_ <= options_.max_steps) return Status::OK();
  return Fail(pos, "rendering exceeded " + std::to_string(options_.max_steps) +
                       " steps (an unbounded loop or recursion?)");
}

Status Renderer::Write(std::string_view text, Position pos) {
  if (out_->size() + text.size() > options_.max_output_bytes) {
    return Fail(pos, "output exceeds " + std::to_string(options_.max_output_bytes) + " bytes");
  }
  out_->append(text);
  return Status::OK();
}

Status Renderer::ExecBody(const Body& body) {
  for (const StmtPtr& stmt : body) {
    WINNOW_RETURN_IF_ERROR(Exec(*stmt));
    if (flow_ != Flow::kNormal) break;
  }
  return Status::OK();
}

Status Renderer::Exec(const Stmt& stmt) {
  DepthGuard guard(&depth_);
  if (guard.too_deep()) return Fail(stmt.pos, "recursion too deep");
  WINNOW_RETURN_IF_ERROR(Count(1, stmt.pos));
  switch (stmt.kind) {
    case StmtKind::kText:
      return Write(static_cast<const TextStmt&>(stmt).text, stmt.pos);
    case StmtKind::kOutput:
      return ExecOutput(static_cast<const OutputStmt&>(stmt));
    case StmtKind::kIf:
      return ExecIf(static_cast<const IfStmt&>(stmt));
    case StmtKind::kFor:
      return ExecFor(static_cast<const ForStmt&>(stmt));
    case StmtKind::kSet: {
      const auto& set = static_cast<const SetStmt&>(stmt);
      WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*set.value));
      return Assign(set.target, std::move(value), stmt.pos);
    }
    case StmtKind::kSetBlock:
      return ExecSetBlock(static_cast<const SetBlockStmt&>(stmt));
    case StmtKind::kMacro:
      return ExecMacro(static_cast<const MacroStmt&>(stmt));
    case StmtKind::kFilterBlock:
      return ExecFilterBlock(static_cast<const FilterBlockStmt&>(stmt));
    case StmtKind::kWith:
      return ExecWith(static_cast<const WithStmt&>(stmt));
    case StmtKind::kScope:
      return ExecBody(static_cast<const ScopeStmt&>(stmt).body);
    case StmtKind::kBreak:
      flow_ = Flow::kBreak;
      return Status::OK();
    case StmtKind::kContinue:
      flow_ = Flow::kContinue;
      return Status::OK();
  }
  return Status::OK();
}

Status Renderer::ExecOutput(const OutputStmt& stmt) {
  WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*stmt.expr));
  if (value.is_string()) return Write(value.as_string(), stmt.pos);
  if (value.is_undefined()) {
    if (options_.strict_undefined) return Fail(stmt.expr->pos, UndefinedMessage(value));
    return Status::OK();
  }
  auto text = ToText(env_, value);
  if (!text) return Locate(text.error(), stmt.expr->pos);
  return Write(*text, stmt.pos);
}

Status Renderer::ExecIf(const IfStmt& stmt) {
  for (const auto& [condition, body] : stmt.branches) {
    WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*condition));
    WINNOW_ASSIGN_OR_RETURN(bool truth, Truthy(value, condition->pos));
    if (truth) return ExecBody(body);
  }
  return ExecBody(stmt.else_body);
}

Status Renderer::ExecFor(const ForStmt& stmt) {
  WINNOW_ASSIGN_OR_RETURN(Value iterable, Eval(*stmt.iterable));
  if (iterable.is_undefined() && options_.strict_undefined) {
    return Fail(stmt.iterable->pos, UndefinedMessage(iterable));
  }
  if (!iterable.is_undefined() && !iterable.is_none() && !iterable.is_string() &&
      !iterable.is_array() && !iterable.is_object()) {
    return Fail(stmt.iterable->pos,
                "'" + std::string(iterable.TypeName()) + "' object is not iterable");
  }
  if (iterable.is_none()) return Fail(stmt.iterable->pos, "'NoneType' object is not iterable");
  auto items = Iterate(env_, iterable);
  if (!items) return Locate(items.error(), stmt.iterable->pos);
  if (stmt.filter) {
    // The loop filter runs before iteration, so loop.index and loop.length count kept items.
    std::vector<Value> kept;
    frames_.emplace_back();
    for (Value& item : *items) {
      WINNOW_RETURN_IF_ERROR(Count(1, stmt.pos));
      frames_.back().variables.clear();
      WINNOW_RETURN_IF_ERROR(Assign(stmt.target, item, stmt.pos));
      WINNOW_ASSIGN_OR_RETURN(Value keep, Eval(*stmt.filter));
      WINNOW_ASSIGN_OR_RETURN(bool truth, Truthy(keep, stmt.filter->pos));
      if (truth) kept.push_back(std::move(item));
    }
    frames_.pop_back();
    *items = std::move(kept);
  }
  if (items->empty()) return ExecBody(stmt.else_body);
  return RunLoop(stmt, *items);
}

Status Renderer::RunLoop(const ForStmt& stmt, const std::vector<Value>& items) {
  LoopState loop;
  loop.items = &items;
  size_t frame = frames_.size();
  frames_.emplace_back();
  Status status;
  for (size_t i = 0; i < items.size(); ++i) {
    status = Count(1, stmt.pos);
    if (!status.ok()) break;
    loop.index0 = i;
    frames_[frame].variables.clear();
    frames_[frame].loop = &loop;
    status = Assign(stmt.target, items[i], stmt.pos);
    if (status.ok()) status = ExecBody(stmt.body);
    if (!status.ok()) break;
    if (flow_ == Flow::kBreak) {
      flow_ = Flow::kNormal;
      break;
    }
    flow_ = Flow::kNormal;
  }
  frames_.resize(frame);
  return status;
}

// Binds `value` to a name, unpacks it over several names, or sets a namespace attribute.
Status Renderer::Assign(const Target& target, Value value, Position pos) {
  if (!target.attribute.empty()) {
    Value object = LookUp(target.names[0]);
    if (!object.is_namespace()) {
      return Fail(pos, "cannot assign attribute '" + target.attribute + "' on '" + target.names[0] +
                           "': only namespace() objects can be changed");
    }
    if (value.Contains(object.container_id())) {
      return Fail(pos, "cannot store a namespace inside itself");
    }
    object.Set(target.attribute, std::move(value));
    return Status::OK();
  }
  if (!target.unpack) {
    SetVariable(target.names[0], std::move(value));
    return Status::OK();
  }
  if (!value.is_array() && !value.is_string() && !value.is_object()) {
    return Fail(pos, "cannot unpack a non-iterable " + std::string(value.TypeName()) + " object");
  }
  auto parts = Iterate(env_, value);
  if (!parts) return Locate(parts.error(), pos);
  if (parts->size() != target.names.size()) {
    std::string expected = std::to_string(target.names.size());
    return Fail(pos, parts->size() > target.names.size()
                         ? "too many values to unpack (expected " + expected + ")"
                         : "not enough values to unpack (expected " + expected + ", got " +
                               std::to_string(parts->size()) + ")");
  }
  for (size_t i = 0; i < parts->size(); ++i) SetVariable(target.names[i], std::move((*parts)[i]));
  return Status::OK();
}

Result<std::string> Renderer::Capture(const Body& body) {
  std::string buffer;
  std::string* outer = out_;
  out_ = &buffer;
  Status status = ExecBody(body);
  out_ = outer;
  if (!status.ok()) return Error(status);
  return buffer;
}

Status Renderer::ExecSetBlock(const SetBlockStmt& stmt) {
  WINNOW_ASSIGN_OR_RETURN(std::string text, Capture(stmt.body));
  Value value(std::move(text));
  if (stmt.filter) {
    WINNOW_ASSIGN_OR_RETURN(value,
                            EvalFilter(static_cast<const FilterExpr&>(*stmt.filter), &value));
  }
  return Assign(stmt.target, std::move(value), stmt.pos);
}

Status Renderer::ExecFilterBlock(const FilterBlockStmt& stmt) {
  WINNOW_ASSIGN_OR_RETURN(std::string text, Capture(stmt.body));
  Value input(std::move(text));
  WINNOW_ASSIGN_OR_RETURN(Value value,
                          EvalFilter(static_cast<const FilterExpr&>(*stmt.filter), &input));
  auto rendered = ToText(env_, value);
  if (!rendered) return Locate(rendered.error(), stmt.pos);
  return Write(*rendered, stmt.pos);
}

Status Renderer::ExecWith(const WithStmt& stmt) {
  size_t frame = frames_.size();
  frames_.emplace_back();
  Status status;
  for (const auto& [name, expr] : stmt.assignments) {
    auto value = Eval(*expr);
    if (!value) {
      status = value.error();
      break;
    }
    SetVariable(name, std::move(*value));
  }
  if (status.ok()) status = ExecBody(stmt.body);
  frames_.resize(frame);
  return status;
}

// A macro is a callable bound to this render; it cannot outlive it because values made while
// rendering never leave Render (only text does).
Status Renderer::ExecMacro(const MacroStmt& stmt) {
  std::vector<std::pair<std::string, Value>> closure;
  for (size_t i = std::max<size_t>(floor_, 1); i < frames_.size(); ++i) {
    for (const auto& variable : frames_[i].variables) closure.push_back(variable);
  }
  size_t index = closures_.size();
  closures_.push_back(std::move(closure));
  const MacroStmt* macro = &stmt;
  SetVariable(stmt.name, Value::Function(stmt.name, [this, macro, index](CallArgs& args) {
                return CallMacro(*macro, index, args);
              }));
  return Status::OK();
}

Result<Value> Renderer::CallMacro(const MacroStmt& macro, size_t closure, CallArgs& args) {
  DepthGuard guard(&depth_);
  if (guard.too_deep())
    return Error(Fail(macro.pos, "recursion too deep in macro '" + macro.name + "'"));
  if (args.positional.size() > macro.params.size()) {
    return Error(Status::InvalidArgument("macro '" + macro.name + "' takes " +
                                         std::to_string(macro.params.size()) + " arguments, got " +
                                         std::to_string(args.positional.size())));
  }
  size_t saved_floor = floor_;
  size_t frame = frames_.size();
  // The macro sees its closure, its parameters and the template's globals, not the caller's.
  frames_.emplace_back();
  frames_.back().variables = closures_[closure];
  frames_.emplace_back();
  floor_ = frame;
  Status status;
  std::vector<bool> given(macro.params.size(), false);
  for (size_t i = 0; i < args.positional.size(); ++i) {
    SetVariable(macro.params[i].first, std::move(args.positional[i]));
    given[i] = true;
  }
  for (auto& [key, value] : args.keyword) {
    size_t i = 0;
    while (i < macro.params.size() && macro.params[i].first != key) ++i;
    if (i == macro.params.size() || given[i]) {
      status = Status::InvalidArgument("macro '" + macro.name + "' got an unexpected argument '" +
                                       key + "'");
      break;
    }
    SetVariable(key, std::move(value));
    given[i] = true;
  }
  for (size_t i = 0; status.ok() && i < macro.params.size(); ++i) {
    if (given[i]) continue;
    Value value;
    if (macro.params[i].second) {
      auto evaluated = Eval(*macro.params[i].second);
      if (!evaluated) status = evaluated.error();
      if (evaluated) value = std::move(*evaluated);
    } else {
      value = Value::Undefined("'" + macro.params[i].first + "' is undefined");
    }
    SetVariable(macro.params[i].first, std::move(value));
  }
  Result<std::string> text = status.ok() ? Capture(macro.body) : Result<std::string>(Error(status));
  frames_.resize(frame);
  floor_ = saved_floor;
  if (!text) return Error(text.error());
  return Value(std::move(*text));
}

}  // namespace winnow::jinja
