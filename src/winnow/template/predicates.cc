// Jinja2's tests: `x is defined`, `n is divisibleby 3`, `s is lower`, and the operator-named
// tests (==, <, ...) that select() and selectattr() take.

#include <cmath>

#include "winnow/template/filters.h"
#include "winnow/template/string_ops.h"

namespace winnow::jinja {
namespace {

struct NamedTest {
  std::string_view name;
  TestFunction function;
};

Result<Value> OneArgument(CallArgs& args, std::string_view test) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"other"}, test));
  return bound[0];
}

Status NoArguments(const CallArgs& args, std::string_view test) {
  if (args.positional.empty() && args.keyword.empty()) return Status::OK();
  return Status::InvalidArgument("test '" + std::string(test) + "' takes no arguments");
}

#define WINNOW_SIMPLE_TEST(Name, name, expression)                          \
  Result<bool> Name(const FilterEnv&, const Value& value, CallArgs& args) { \
    WINNOW_RETURN_IF_ERROR(NoArguments(args, name));                        \
    return (expression);                                                    \
  }

WINNOW_SIMPLE_TEST(IsDefined, "defined", !value.is_undefined())
WINNOW_SIMPLE_TEST(IsUndefined, "undefined", value.is_undefined())
WINNOW_SIMPLE_TEST(IsNone, "none", value.is_none())
WINNOW_SIMPLE_TEST(IsString, "string", value.is_string())
WINNOW_SIMPLE_TEST(IsNumber, "number", value.is_number())
WINNOW_SIMPLE_TEST(IsInteger, "integer", value.is_int())
WINNOW_SIMPLE_TEST(IsFloat, "float", value.is_float())
WINNOW_SIMPLE_TEST(IsBoolean, "boolean", value.is_bool())
WINNOW_SIMPLE_TEST(IsTrue, "true", value.is_bool() && value.as_bool())
WINNOW_SIMPLE_TEST(IsFalse, "false", value.is_bool() && !value.as_bool())
WINNOW_SIMPLE_TEST(IsMapping, "mapping", value.is_object())
WINNOW_SIMPLE_TEST(IsSequence, "sequence",
                   value.is_string() || value.is_array() || value.is_object())
WINNOW_SIMPLE_TEST(IsIterable, "iterable",
                   value.is_string() || value.is_array() || value.is_object())
WINNOW_SIMPLE_TEST(IsCallable, "callable", value.is_callable())
WINNOW_SIMPLE_TEST(IsLower, "lower",
                   value.is_string() && Lower(value.as_string()) == value.as_string() &&
                       Upper(value.as_string()) != value.as_string())
WINNOW_SIMPLE_TEST(IsUpper, "upper",
                   value.is_string() && Upper(value.as_string()) == value.as_string() &&
                       Lower(value.as_string()) != value.as_string())
#undef WINNOW_SIMPLE_TEST

Result<bool> Parity(const Value& value, CallArgs& args, std::string_view test, bool odd) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, test));
  if (!value.is_number()) {
    return Error(Status::InvalidArgument("test '" + std::string(test) + "' needs a number, got " +
                                         std::string(value.TypeName())));
  }
  if (value.is_float()) return std::fmod(std::fabs(value.as_float()), 2.0) == (odd ? 1.0 : 0.0);
  return (value.as_int() % 2 != 0) == odd;
}

Result<bool> IsOdd(const FilterEnv&, const Value& value, CallArgs& args) {
  return Parity(value, args, "odd", true);
}

Result<bool> IsEven(const FilterEnv&, const Value& value, CallArgs& args) {
  return Parity(value, args, "even", false);
}

Result<bool> IsDivisibleBy(const FilterEnv&, const Value& value, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"num"}, "divisibleby"));
  const Value& divisor = bound[0];
  if (!value.is_number() || !divisor.is_number()) {
    return Error(Status::InvalidArgument("test 'divisibleby' needs numbers"));
  }
  if (value.is_float() || divisor.is_float()) {
    if (divisor.as_float() == 0) return Error(Status::InvalidArgument("float modulo by zero"));
    return std::fmod(value.as_float(), divisor.as_float()) == 0;
  }
  if (divisor.as_int() == 0)
    return Error(Status::InvalidArgument("integer division or modulo by zero"));
  if (divisor.as_int() == -1) return true;
  return value.as_int() % divisor.as_int() == 0;
}

Result<bool> IsSameAs(const FilterEnv&, const Value& value, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(Value other, OneArgument(args, "sameas"));
  if (value.kind() != other.kind()) return false;
  if (value.container_id() != nullptr) return value.container_id() == other.container_id();
  return value.Equals(other);
}

Result<bool> IsIn(const FilterEnv&, const Value& value, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(Value sequence, OneArgument(args, "in"));
  if (sequence.is_string()) {
    return value.is_string() && sequence.as_string().find(value.as_string()) != std::string::npos;
  }
  if (sequence.is_object()) return value.is_string() && sequence.Find(value.as_string()) != nullptr;
  if (sequence.is_array()) {
    for (const Value& item : sequence.items()) {
      if (item.Equals(value)) return true;
    }
  }
  return false;
}

template <int kWant>  // kWant: 0 ==, 1 !=, 2 <, 3 <=, 4 >, 5 >=
Result<bool> CompareTest(const FilterEnv&, const Value& value, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(Value other, OneArgument(args, "comparison"));
  if (kWant == 0) return value.Equals(other);
  if (kWant == 1) return !value.Equals(other);
  WINNOW_ASSIGN_OR_RETURN(int order, CompareValues(value, other));
  if (kWant == 2) return order < 0;
  if (kWant == 3) return order <= 0;
  if (kWant == 4) return order > 0;
  return order >= 0;
}

const std::vector<NamedTest>& Tests() {
  static const std::vector<NamedTest> kTests = {
      {"defined", IsDefined},
      {"undefined", IsUndefined},
      {"none", IsNone},
      {"string", IsString},
      {"number", IsNumber},
      {"integer", IsInteger},
      {"float", IsFloat},
      {"boolean", IsBoolean},
      {"true", IsTrue},
      {"false", IsFalse},
      {"mapping", IsMapping},
      {"sequence", IsSequence},
      {"iterable", IsIterable},
      {"callable", IsCallable},
      {"lower", IsLower},
      {"upper", IsUpper},
      {"odd", IsOdd},
      {"even", IsEven},
      {"divisibleby", IsDivisibleBy},
      {"sameas", IsSameAs},
      {"in", IsIn},
      {"equalto", CompareTest<0>},
      {"eq", CompareTest<0>},
      {"==", CompareTest<0>},
      {"ne", CompareTest<1>},
      {"!=", CompareTest<1>},
      {"lt", CompareTest<2>},
      {"lessthan", CompareTest<2>},
      {"<", CompareTest<2>},
      {"le", CompareTest<3>},
      {"<=", CompareTest<3>},
      {"gt", CompareTest<4>},
      {"greaterthan", CompareTest<4>},
      {">", CompareTest<4>},
      {"ge", CompareTest<5>},
      {">=", CompareTest<5>},
  };
  return kTests;
}

}  // namespace

TestFunction FindTest(std::string_view name) {
  for (const auto& test : Tests()) {
    if (test.name == name) return test.function;
  }
  return nullptr;
}

std::vector<std::string_view> TestNames() {
  std::vector<std::string_view> names;
  for (const auto& test : Tests()) names.push_back(test.name);
  return names;
}

}  // namespace winnow::jinja
