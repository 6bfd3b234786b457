// The expression half of the renderer.

#include <algorithm>
#include <optional>

#include "winnow/common/utf8.h"
#include "winnow/template/evaluator.h"
#include "winnow/template/lexer.h"
#include "winnow/template/operators.h"

namespace winnow::jinja {
namespace {

std::string NoAttribute(const Value& object, std::string_view name) {
  std::string owner =
      object.is_none() ? "'None'" : "'" + std::string(object.TypeName()) + " object'";
  if (object.is_object() && !object.is_namespace()) owner = "'dict object'";
  return owner + " has no attribute '" + std::string(name) + "'";
}

Value GetAttribute(const Value& object, std::string_view name) {
  if (const Value* found = object.Find(name)) return *found;
  return Value::Undefined(NoAttribute(object, name));
}

// Byte offsets of each code point of `text` (plus the end), for slicing by character.
std::vector<size_t> CodePointOffsets(const std::string& text) {
  std::vector<size_t> offsets;
  for (size_t pos = 0; pos < text.size();) {
    offsets.push_back(pos);
    DecodeUtf8(text, &pos);
  }
  offsets.push_back(text.size());
  return offsets;
}

Result<Value> GetItem(const Value& object, const Value& key) {
  if (object.is_object()) {
    std::string name = key.is_string() ? key.as_string() : key.Str();
    if (const Value* found = object.Find(name)) return *found;
    return Value::Undefined(NoAttribute(object, name));
  }
  bool integer_key = key.is_int() || key.is_bool();
  if ((object.is_array() || object.is_string()) && integer_key) {
    std::vector<size_t> offsets;
    size_t length = object.is_array() ? object.items().size() : 0;
    if (object.is_string()) {
      offsets = CodePointOffsets(object.as_string());
      length = offsets.size() - 1;
    }
    int64_t index = key.as_int();
    if (index < 0) index += static_cast<int64_t>(length);
    if (index < 0 || static_cast<size_t>(index) >= length) {
      return Value::Undefined(std::string(object.TypeName()) + " index " + key.Str() +
                              " is out of range");
    }
    size_t i = static_cast<size_t>(index);
    if (object.is_array()) return object.items()[i];
    return Value(object.as_string().substr(offsets[i], offsets[i + 1] - offsets[i]));
  }
  if (object.is_undefined()) return Error(Status::InvalidArgument(UndefinedMessage(object)));
  if (key.is_string()) return GetAttribute(object, key.as_string());
  return Value::Undefined(NoAttribute(object, key.Str()));
}

// Python's slice index arithmetic (PySlice_AdjustIndices) over a sequence of `length`.
Result<std::vector<size_t>> SliceIndexes(size_t length, const Value& start, const Value& stop,
                                         const Value& step_value) {
  auto as_index = [](const Value& v, const char* what) -> Result<std::optional<int64_t>> {
    if (v.is_undefined() || v.is_none()) return std::optional<int64_t>();
    if (!v.is_int() && !v.is_bool()) {
      return Error(
          Status::InvalidArgument(std::string("slice ") + what + " must be an integer or None"));
    }
    return std::optional<int64_t>(v.as_int());
  };
  WINNOW_ASSIGN_OR_RETURN(auto step_opt, as_index(step_value, "step"));
  int64_t step = step_opt.value_or(1);
  if (step == 0) return Error(Status::InvalidArgument("slice step cannot be zero"));
  const int64_t n = static_cast<int64_t>(length);
  auto adjust = [&](std::optional<int64_t> v, int64_t fallback) {
    if (!v) return fallback;
    int64_t i = *v;
    if (i < 0) i = std::max<int64_t>(i + n, step < 0 ? -1 : 0);
    return std::min<int64_t>(i, step < 0 ? n - 1 : n);
  };
  WINNOW_ASSIGN_OR_RETURN(auto start_opt, as_index(start, "start"));
  WINNOW_ASSIGN_OR_RETURN(auto stop_opt, as_index(stop, "stop"));
  int64_t first = adjust(start_opt, step < 0 ? n - 1 : 0);
  int64_t last = adjust(stop_opt, step < 0 ? -1 : n);
  std::vector<size_t> indexes;
  for (int64_t i = first; step > 0 ? i < last : i > last;) {
    indexes.push_back(static_cast<size_t>(i));
    if (__builtin_add_overflow(i, step, &i)) break;
  }
  return indexes;
}

}  // namespace

Result<bool> Renderer::Truthy(const Value& value, Position pos) {
  if (value.is_undefined() && options_.strict_undefined) {
    return Error(Fail(pos, UndefinedMessage(value)));
  }
  return value.Truthy();
}

Result<Value> Renderer::Eval(const Expr& expr) {
  DepthGuard guard(&depth_);
  if (guard.too_deep()) return Error(Fail(expr.pos, "recursion too deep"));
  WINNOW_RETURN_IF_ERROR(Count(1, expr.pos));
  return EvalInner(expr);
}

Result<Value> Renderer::EvalInner(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return static_cast<const LiteralExpr&>(expr).value;
    case ExprKind::kName:
      return LookUp(static_cast<const NameExpr&>(expr).name);
    case ExprKind::kList:
    case ExprKind::kTuple:
      return EvalList(static_cast<const ListExpr&>(expr));
    case ExprKind::kDict:
      return EvalDict(static_cast<const DictExpr&>(expr));
    case ExprKind::kAttribute:
      return EvalAttribute(static_cast<const AttributeExpr&>(expr));
    case ExprKind::kSubscript:
      return EvalSubscript(static_cast<const SubscriptExpr&>(expr));
    case ExprKind::kSlice:
      return EvalSlice(static_cast<const SliceExpr&>(expr));
    case ExprKind::kCall:
      return EvalCall(static_cast<const CallExpr&>(expr));
    case ExprKind::kFilter:
      return EvalFilter(static_cast<const FilterExpr&>(expr), nullptr);
    case ExprKind::kTest:
      return EvalTest(static_cast<const TestExpr&>(expr));
    case ExprKind::kUnary:
      return EvalUnary(static_cast<const UnaryExpr&>(expr));
    case ExprKind::kBinary:
      return EvalBinary(static_cast<const BinaryExpr&>(expr));
    case ExprKind::kCompare:
      return EvalCompare(static_cast<const CompareExpr&>(expr));
    case ExprKind::kCondition:
      return EvalCondition(static_cast<const ConditionExpr&>(expr));
  }
  return Error(Fail(expr.pos, "unknown expression"));
}

Result<Value> Renderer::EvalList(const ListExpr& expr) {
  std::vector<Value> items;
  items.reserve(expr.items.size());
  for (const ExprPtr& item : expr.items) {
    WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*item));
    items.push_back(std::move(value));
  }
  if (expr.kind == ExprKind::kTuple) return Value::Tuple(std::move(items));
  return Value::Array(std::move(items));
}

// Keys are stored as strings: {1: 'a'} has the key "1" (a documented simplification).
Result<Value> Renderer::EvalDict(const DictExpr& expr) {
  Value dict = Value::Object();
  for (const auto& [key_expr, value_expr] : expr.entries) {
    WINNOW_ASSIGN_OR_RETURN(Value key, Eval(*key_expr));
    if (key.is_array() || key.is_object() || key.is_undefined() || key.is_callable()) {
      return Error(
          Fail(key_expr->pos, "unhashable dict key of type '" + std::string(key.TypeName()) + "'"));
    }
    WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*value_expr));
    dict.Set(key.Str(), std::move(value));
  }
  return dict;
}

Result<Value> Renderer::EvalAttribute(const AttributeExpr& expr) {
  if (expr.object->kind == ExprKind::kName &&
      static_cast<const NameExpr&>(*expr.object).name == "loop" &&
      FindVariable("loop") == nullptr) {
    if (const LoopState* loop = FindLoop()) {
      auto value = LoopAttribute(*loop, expr.name);
      if (!value) return Error(Locate(value.error(), expr.pos));
      return value;
    }
  }
  WINNOW_ASSIGN_OR_RETURN(Value object, Eval(*expr.object));
  if (object.is_undefined()) return Error(Fail(expr.pos, UndefinedMessage(object)));
  return GetAttribute(object, expr.name);
}

Result<Value> Renderer::EvalSubscript(const SubscriptExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value object, Eval(*expr.object));
  WINNOW_ASSIGN_OR_RETURN(Value key, Eval(*expr.index));
  auto item = GetItem(object, key);
  if (!item) return Error(Locate(item.error(), expr.pos));
  return item;
}

Result<Value> Renderer::EvalSlice(const SliceExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value object, Eval(*expr.object));
  Value bounds[3];
  const Expr* parts[3] = {expr.start.get(), expr.stop.get(), expr.step.get()};
  for (int i = 0; i < 3; ++i) {
    if (parts[i] != nullptr) {
      WINNOW_ASSIGN_OR_RETURN(bounds[i], Eval(*parts[i]));
    }
  }
  if (!object.is_array() && !object.is_string()) {
    if (object.is_undefined()) return Error(Fail(expr.pos, UndefinedMessage(object)));
    return Error(
        Fail(expr.pos, "'" + std::string(object.TypeName()) + "' object is not subscriptable"));
  }
  std::vector<size_t> offsets;
  size_t length = object.is_array() ? object.items().size() : 0;
  if (object.is_string()) {
    offsets = CodePointOffsets(object.as_string());
    length = offsets.size() - 1;
  }
  auto indexes = SliceIndexes(length, bounds[0], bounds[1], bounds[2]);
  if (!indexes) return Error(Locate(indexes.error(), expr.pos));
  if (object.is_array()) {
    std::vector<Value> items;
    for (size_t i : *indexes) items.push_back(object.items()[i]);
    return object.is_tuple() ? Value::Tuple(std::move(items)) : Value::Array(std::move(items));
  }
  std::string text;
  const std::string& source = object.as_string();
  for (size_t i : *indexes) text.append(source, offsets[i], offsets[i + 1] - offsets[i]);
  return Value(std::move(text));
}

Status Renderer::EvalArguments(const Arguments& args, CallArgs* out) {
  for (const ExprPtr& arg : args.positional) {
    WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*arg));
    out->positional.push_back(std::move(value));
  }
  for (const auto& [key, arg] : args.keyword) {
    WINNOW_ASSIGN_OR_RETURN(Value value, Eval(*arg));
    out->keyword.emplace_back(key, std::move(value));
  }
  return Status::OK();
}

Result<Value> Renderer::CallValue(const Value& callee, CallArgs& args, Position pos) {
  if (callee.is_callable()) {
    auto result = callee.function().call(args);
    if (!result) return Error(Locate(result.error(), pos));
    return result;
  }
  if (callee.is_undefined()) return Error(Fail(pos, UndefinedMessage(callee)));
  return Error(Fail(pos, "'" + std::string(callee.TypeName()) + "' object is not callable"));
}

Result<Value> Renderer::EvalCall(const CallExpr& expr) {
  CallArgs args;
  if (expr.callee->kind != ExprKind::kAttribute) {
    WINNOW_ASSIGN_OR_RETURN(Value callee, Eval(*expr.callee));
    WINNOW_RETURN_IF_ERROR(EvalArguments(expr.args, &args));
    return CallValue(callee, args, expr.pos);
  }
  // obj.name(...): a Python method of strings, lists and dicts (which win over dict keys, as
  // in Jinja2), else a callable attribute such as loop.cycle or a namespace member.
  const auto& attribute = static_cast<const AttributeExpr&>(*expr.callee);
  const auto* owner = attribute.object.get();
  if (owner->kind == ExprKind::kName && static_cast<const NameExpr&>(*owner).name == "loop" &&
      FindVariable("loop") == nullptr && FindLoop() != nullptr) {
    WINNOW_ASSIGN_OR_RETURN(Value callee, EvalAttribute(attribute));
    WINNOW_RETURN_IF_ERROR(EvalArguments(expr.args, &args));
    return CallValue(callee, args, expr.pos);
  }
  WINNOW_ASSIGN_OR_RETURN(Value object, Eval(*owner));
  if (object.is_undefined()) return Error(Fail(attribute.pos, UndefinedMessage(object)));
  WINNOW_RETURN_IF_ERROR(EvalArguments(expr.args, &args));
  if (!object.is_namespace()) {
    bool found = false;
    auto result = CallMethod(env_, object, attribute.name, args, &found);
    if (!result) return Error(Locate(result.error(), expr.pos));
    if (found) return result;
  }
  return CallValue(GetAttribute(object, attribute.name), args, expr.pos);
}

Result<Value> Renderer::EvalFilter(const FilterExpr& expr, const Value* block_input) {
  Value input;
  if (expr.input) {
    if (expr.input->kind == ExprKind::kFilter) {
      WINNOW_ASSIGN_OR_RETURN(input,
                              EvalFilter(static_cast<const FilterExpr&>(*expr.input), block_input));
    } else {
      WINNOW_ASSIGN_OR_RETURN(input, Eval(*expr.input));
    }
  } else if (block_input != nullptr) {
    input = *block_input;
  }
  CallArgs args;
  WINNOW_RETURN_IF_ERROR(EvalArguments(expr.args, &args));
  auto result = expr.function(env_, input, args);
  if (!result) return Error(Locate(result.error(), expr.pos));
  return result;
}

Result<Value> Renderer::EvalTest(const TestExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value input, Eval(*expr.input));
  CallArgs args;
  WINNOW_RETURN_IF_ERROR(EvalArguments(expr.args, &args));
  auto result = expr.function(env_, input, args);
  if (!result) return Error(Locate(result.error(), expr.pos));
  return Value(*result);
}

Result<Value> Renderer::EvalUnary(const UnaryExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value operand, Eval(*expr.operand));
  if (expr.op == UnaryOp::kNot) {
    WINNOW_ASSIGN_OR_RETURN(bool truth, Truthy(operand, expr.operand->pos));
    return Value(!truth);
  }
  auto result = ApplyUnary(expr.op, operand);
  if (!result) return Error(Locate(result.error(), expr.pos));
  return result;
}

Result<Value> Renderer::EvalBinary(const BinaryExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value left, Eval(*expr.left));
  if (expr.op == BinaryOp::kAnd || expr.op == BinaryOp::kOr) {
    WINNOW_ASSIGN_OR_RETURN(bool truth, Truthy(left, expr.left->pos));
    if (truth == (expr.op == BinaryOp::kOr)) return left;
    return Eval(*expr.right);
  }
  WINNOW_ASSIGN_OR_RETURN(Value right, Eval(*expr.right));
  auto result = ApplyBinary(env_, expr.op, left, right, options_.max_steps);
  if (!result) return Error(Locate(result.error(), expr.pos));
  if (result->is_array()) WINNOW_RETURN_IF_ERROR(Count(result->items().size(), expr.pos));
  return result;
}

Result<Value> Renderer::EvalCompare(const CompareExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value left, Eval(*expr.first));
  for (const auto& [op, operand] : expr.rest) {
    WINNOW_ASSIGN_OR_RETURN(Value right, Eval(*operand));
    auto result = ApplyCompare(env_, op, left, right);
    if (!result) return Error(Locate(result.error(), operand->pos));
    if (!*result) return Value(false);
    left = std::move(right);
  }
  return Value(true);
}

Result<Value> Renderer::EvalCondition(const ConditionExpr& expr) {
  WINNOW_ASSIGN_OR_RETURN(Value condition, Eval(*expr.condition));
  WINNOW_ASSIGN_OR_RETURN(bool truth, Truthy(condition, expr.condition->pos));
  if (truth) return Eval(*expr.then_value);
  if (expr.else_value) return Eval(*expr.else_value);
  return Value::Undefined("the inline if-expression on line " + std::to_string(expr.pos.line) +
                          " evaluated to false and no else section was defined");
}

}  // namespace winnow::jinja
