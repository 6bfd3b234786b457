#pragma once

// The built-in filters ({{ x|trim }}) and tests ({% if x is defined %}) of Jinja2 that prompt and
// chat templates use, looked up by name when a template is compiled. Filters and tests are plain
// functions of their input and arguments; they keep no state and are safe on any thread.

#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/template/value.h"

namespace winnow::jinja {

// What the rendering environment tells a filter or test.
struct FilterEnv {
  bool strict_undefined = false;  // using an undefined value is an error, not ""
  size_t max_bytes = 64 << 20;    // no string or list a filter builds may exceed this
};

// Errors returned need not name a position: the caller adds the template location.
using FilterFunction = Result<Value> (*)(const FilterEnv& env, const Value& input, CallArgs& args);
using TestFunction = Result<bool> (*)(const FilterEnv& env, const Value& input, CallArgs& args);

// Null when there is no such filter or test.
FilterFunction FindFilter(std::string_view name);
TestFunction FindTest(std::string_view name);
std::vector<std::string_view> FilterNames();
std::vector<std::string_view> TestNames();

// The filter tables, split by subject; each returns {name, function} pairs.
struct NamedFilter {
  std::string_view name;
  FilterFunction function;
};
const std::vector<NamedFilter>& StringFilters();
const std::vector<NamedFilter>& SequenceFilters();

// Calls a Python-style method on a value ("a b".split(), d.items(), s.startswith("x")).
// Sets *found to false (and returns undefined) when `receiver` has no method `name`.
Result<Value> CallMethod(const FilterEnv& env, const Value& receiver, std::string_view name,
                         CallArgs& args, bool* found);

// The elements of an iterable as Python iterates them: list items, dict keys, the characters
// of a string; undefined iterates as empty (an error when env.strict_undefined).
Result<std::vector<Value>> Iterate(const FilterEnv& env, const Value& value);

// Ordering as Python's < defines it for numbers, strings and lists; other pairs are an error
// ("'<' not supported between instances of 'str' and 'int'"). Returns <0, 0 or >0.
Result<int> CompareValues(const Value& a, const Value& b);

// "Hello" for an undefined value with a hint, else "'name' is undefined"-style text.
std::string UndefinedMessage(const Value& value);

// Argument binding for built-ins: positional or keyword arguments by parameter name.
// Bind(args, {"width", "first"}, "indent") returns one Value per name (undefined when absent)
// and fails on unknown keywords or too many positional arguments.
Result<std::vector<Value>> Bind(CallArgs& args, std::initializer_list<std::string_view> names,
                                std::string_view function);

// Python's str() of a value for filters that need text; undefined is "" (an error when strict).
Result<std::string> ToText(const FilterEnv& env, const Value& value);

}  // namespace winnow::jinja
