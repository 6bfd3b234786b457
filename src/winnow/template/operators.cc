#include "winnow/template/operators.h"

#include <cmath>
#include <limits>

#include "winnow/template/python_format.h"

namespace winnow::jinja {
namespace {

std::string_view Symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kFloorDiv:
      return "//";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kPow:
      return "**";
    case BinaryOp::kConcat:
      return "~";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
  }
  return "?";
}

Status Unsupported(BinaryOp op, const Value& left, const Value& right) {
  if (left.is_undefined()) return Status::InvalidArgument(UndefinedMessage(left));
  if (right.is_undefined()) return Status::InvalidArgument(UndefinedMessage(right));
  return Status::InvalidArgument("unsupported operand type(s) for " + std::string(Symbol(op)) +
                                 ": '" + std::string(left.TypeName()) + "' and '" +
                                 std::string(right.TypeName()) + "'");
}

Status TooLarge(const FilterEnv& env) {
  return Status::InvalidArgument("result would exceed " + std::to_string(env.max_bytes) + " bytes");
}

Result<Value> IntArithmetic(BinaryOp op, int64_t a, int64_t b) {
  int64_t result = 0;
  switch (op) {
    case BinaryOp::kAdd:
      if (!__builtin_add_overflow(a, b, &result)) return Value(result);
      return Value(static_cast<double>(a) + static_cast<double>(b));
    case BinaryOp::kSub:
      if (!__builtin_sub_overflow(a, b, &result)) return Value(result);
      return Value(static_cast<double>(a) - static_cast<double>(b));
    case BinaryOp::kMul:
      if (!__builtin_mul_overflow(a, b, &result)) return Value(result);
      return Value(static_cast<double>(a) * static_cast<double>(b));
    case BinaryOp::kFloorDiv:
    case BinaryOp::kMod: {
      if (b == 0) return Error(Status::InvalidArgument("integer division or modulo by zero"));
      if (a == std::numeric_limits<int64_t>::min() && b == -1) {
        return op == BinaryOp::kMod ? Value(0) : Value(-static_cast<double>(a));
      }
      int64_t quotient = a / b;
      int64_t remainder = a % b;
      if (remainder != 0 && ((remainder < 0) != (b < 0))) {
        --quotient;
        remainder += b;
      }
      return op == BinaryOp::kMod ? Value(remainder) : Value(quotient);
    }
    case BinaryOp::kPow: {
      if (b < 0) {
        if (a == 0)
          return Error(Status::InvalidArgument("0.0 cannot be raised to a negative power"));
        return Value(std::pow(static_cast<double>(a), static_cast<double>(b)));
      }
      int64_t power = 1;
      int64_t base = a;
      for (int64_t e = b; e > 0; e >>= 1) {
        if ((e & 1) && __builtin_mul_overflow(power, base, &power)) {
          return Value(std::pow(static_cast<double>(a), static_cast<double>(b)));
        }
        if (e > 1 && __builtin_mul_overflow(base, base, &base)) {
          return Value(std::pow(static_cast<double>(a), static_cast<double>(b)));
        }
      }
      return Value(power);
    }
    default:
      return Error(Status::Internal("not an integer operator"));
  }
}

Result<Value> FloatArithmetic(BinaryOp op, double a, double b) {
  switch (op) {
    case BinaryOp::kAdd:
      return Value(a + b);
    case BinaryOp::kSub:
      return Value(a - b);
    case BinaryOp::kMul:
      return Value(a * b);
    case BinaryOp::kDiv:
      if (b == 0) return Error(Status::InvalidArgument("division by zero"));
      return Value(a / b);
    case BinaryOp::kFloorDiv:
    case BinaryOp::kMod: {
      if (b == 0) return Error(Status::InvalidArgument("float division or modulo by zero"));
      double remainder = std::fmod(a, b);
      if (remainder != 0 && ((remainder < 0) != (b < 0))) remainder += b;
      if (op == BinaryOp::kMod) return Value(remainder);
      return Value(std::floor(a / b));
    }
    case BinaryOp::kPow:
      if (a == 0 && b < 0)
        return Error(Status::InvalidArgument("0.0 cannot be raised to a negative power"));
      if (a < 0 && b != std::floor(b)) {
        return Error(Status::InvalidArgument("a negative number to a fractional power is complex"));
      }
      return Value(std::pow(a, b));
    default:
      return Error(Status::Internal("not a float operator"));
  }
}

Result<Value> Repeat(const FilterEnv& env, const Value& sequence, int64_t times, size_t max_items) {
  if (times < 0) times = 0;
  if (sequence.is_string()) {
    const std::string& text = sequence.as_string();
    if (!text.empty() && static_cast<uint64_t>(times) > env.max_bytes / text.size()) {
      return Error(TooLarge(env));
    }
    std::string out;
    out.reserve(text.size() * static_cast<size_t>(times));
    for (int64_t i = 0; i < times; ++i) out += text;
    return Value(std::move(out));
  }
  const auto& items = sequence.items();
  if (!items.empty() && static_cast<uint64_t>(times) > max_items / items.size()) {
    return Error(Status::InvalidArgument("list repetition would make more than " +
                                         std::to_string(max_items) + " items"));
  }
  std::vector<Value> out;
  out.reserve(items.size() * static_cast<size_t>(times));
  for (int64_t i = 0; i < times; ++i) out.insert(out.end(), items.begin(), items.end());
  return sequence.is_tuple() ? Value::Tuple(std::move(out)) : Value::Array(std::move(out));
}

Result<Value> Add(const FilterEnv& env, const Value& left, const Value& right) {
  if (left.is_string() && right.is_string()) {
    if (left.as_string().size() + right.as_string().size() > env.max_bytes)
      return Error(TooLarge(env));
    return Value(left.as_string() + right.as_string());
  }
  if (left.is_array() && right.is_array() && left.is_tuple() == right.is_tuple()) {
    std::vector<Value> items = left.items();
    items.insert(items.end(), right.items().begin(), right.items().end());
    return left.is_tuple() ? Value::Tuple(std::move(items)) : Value::Array(std::move(items));
  }
  return Error(Unsupported(BinaryOp::kAdd, left, right));
}

}  // namespace

Result<Value> ApplyBinary(const FilterEnv& env, BinaryOp op, const Value& left, const Value& right,
                          size_t max_items) {
  if (op == BinaryOp::kConcat) {
    WINNOW_ASSIGN_OR_RETURN(std::string a, ToText(env, left));
    WINNOW_ASSIGN_OR_RETURN(std::string b, ToText(env, right));
    if (a.size() + b.size() > env.max_bytes) return Error(TooLarge(env));
    return Value(a + b);
  }
  if (left.is_number() && right.is_number()) {
    if (op == BinaryOp::kDiv) return FloatArithmetic(op, left.as_float(), right.as_float());
    if (left.is_float() || right.is_float()) {
      return FloatArithmetic(op, left.as_float(), right.as_float());
    }
    return IntArithmetic(op, left.as_int(), right.as_int());
  }
  if (op == BinaryOp::kAdd) return Add(env, left, right);
  if (op == BinaryOp::kMul) {
    bool left_sequence = left.is_string() || left.is_array();
    bool right_sequence = right.is_string() || right.is_array();
    if (left_sequence && (right.is_int() || right.is_bool())) {
      return Repeat(env, left, right.as_int(), max_items);
    }
    if (right_sequence && (left.is_int() || left.is_bool())) {
      return Repeat(env, right, left.as_int(), max_items);
    }
  }
  if (op == BinaryOp::kMod && left.is_string()) {
    WINNOW_ASSIGN_OR_RETURN(std::string text, PercentFormat(left.as_string(), right));
    if (text.size() > env.max_bytes) return Error(TooLarge(env));
    return Value(std::move(text));
  }
  return Error(Unsupported(op, left, right));
}

Result<Value> ApplyUnary(UnaryOp op, const Value& operand) {
  if (op == UnaryOp::kNot) return Value(!operand.Truthy());
  if (!operand.is_number()) {
    if (operand.is_undefined()) return Error(Status::InvalidArgument(UndefinedMessage(operand)));
    return Error(Status::InvalidArgument("bad operand type for unary " +
                                         std::string(op == UnaryOp::kNegate ? "-" : "+") + ": '" +
                                         std::string(operand.TypeName()) + "'"));
  }
  if (op == UnaryOp::kPlus) return operand.is_bool() ? Value(operand.as_int()) : operand;
  if (operand.is_float()) return Value(-operand.as_float());
  if (operand.as_int() == std::numeric_limits<int64_t>::min()) {
    return Value(-static_cast<double>(operand.as_int()));
  }
  return Value(-operand.as_int());
}

Result<bool> ApplyCompare(const FilterEnv& env, CompareOp op, const Value& left,
                          const Value& right) {
  if (env.strict_undefined && (left.is_undefined() || right.is_undefined())) {
    return Error(Status::InvalidArgument(UndefinedMessage(left.is_undefined() ? left : right)));
  }
  switch (op) {
    case CompareOp::kEq:
      return left.Equals(right);
    case CompareOp::kNe:
      return !left.Equals(right);
    case CompareOp::kIn:
    case CompareOp::kNotIn: {
      bool found = false;
      if (right.is_string()) {
        if (!left.is_string()) {
          return Error(
              Status::InvalidArgument("'in <string>' requires string as left operand, not " +
                                      std::string(left.TypeName())));
        }
        found = right.as_string().find(left.as_string()) != std::string::npos;
      } else if (right.is_object()) {
        found = left.is_string() && right.Find(left.as_string()) != nullptr;
      } else if (right.is_array()) {
        for (const Value& item : right.items()) {
          if (item.Equals(left)) {
            found = true;
            break;
          }
        }
      } else if (!right.is_undefined()) {
        return Error(Status::InvalidArgument("argument of type '" + std::string(right.TypeName()) +
                                             "' is not iterable"));
      }
      return op == CompareOp::kIn ? found : !found;
    }
    default:
      break;
  }
  if (left.is_number() && right.is_number() &&
      (std::isnan(left.as_float()) || std::isnan(right.as_float()))) {
    return false;  // every ordering comparison with NaN is false
  }
  WINNOW_ASSIGN_OR_RETURN(int order, CompareValues(left, right));
  switch (op) {
    case CompareOp::kLt:
      return order < 0;
    case CompareOp::kLe:
      return order <= 0;
    case CompareOp::kGt:
      return order > 0;
    default:
      return order >= 0;
  }
}

}  // namespace winnow::jinja
