// Python methods templates call on values: "a b".split(), s.startswith("x"), d.items(), ...
// Only methods that do not change their receiver, plus list.append (which refuses to make a
// list contain itself, so values never form cycles).

#include <algorithm>

#include "winnow/template/filters.h"
#include "winnow/template/python_format.h"
#include "winnow/template/string_ops.h"

namespace winnow::jinja {
namespace {

Value StringList(const std::vector<std::string>& parts) {
  std::vector<Value> items;
  items.reserve(parts.size());
  for (const std::string& part : parts) items.emplace_back(part);
  return Value::Array(std::move(items));
}

Result<bool> AffixMatch(const std::string& text, const Value& affix, bool prefix) {
  std::vector<Value> candidates = affix.is_array() ? affix.items() : std::vector<Value>{affix};
  for (const Value& candidate : candidates) {
    if (!candidate.is_string()) {
      return Error(Status::InvalidArgument(std::string(prefix ? "startswith" : "endswith") +
                                           " first arg must be str or a tuple of str"));
    }
    const std::string& a = candidate.as_string();
    if (prefix ? text.starts_with(a) : text.ends_with(a)) return true;
  }
  return false;
}

Result<Value> StripMethod(const std::string& text, CallArgs& args, std::string_view name) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"chars"}, name));
  const std::string* chars = bound[0].is_string() ? &bound[0].as_string() : nullptr;
  return Value(Strip(text, chars, name != "rstrip", name != "lstrip"));
}

Result<Value> SplitMethod(const std::string& text, CallArgs& args, std::string_view name) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"sep", "maxsplit"}, name));
  const std::string* sep = bound[0].is_string() ? &bound[0].as_string() : nullptr;
  if (sep != nullptr && sep->empty()) return Error(Status::InvalidArgument("empty separator"));
  int64_t max_split = bound[1].is_int() ? bound[1].as_int() : -1;
  return StringList(Split(text, sep, max_split, name == "rsplit"));
}

Result<Value> FindMethod(const std::string& text, CallArgs& args, std::string_view name) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"sub"}, name));
  if (!bound[0].is_string())
    return Error(Status::InvalidArgument(std::string(name) + "() needs a string"));
  const std::string& sub = bound[0].as_string();
  if (name == "count") {
    if (sub.empty()) return Value(static_cast<int64_t>(DecodeAll(text).size() + 1));
    int64_t count = 0;
    for (size_t at = text.find(sub); at != std::string::npos; at = text.find(sub, at + sub.size()))
      ++count;
    return Value(count);
  }
  size_t at = name == "rfind" ? text.rfind(sub) : text.find(sub);
  if (at == std::string::npos) return Value(-1);
  return Value(static_cast<int64_t>(DecodeAll(std::string_view(text).substr(0, at)).size()));
}

bool IsAlnumCodePoint(uint32_t c) { return IsAlphaCodePoint(c) || IsDigitCodePoint(c); }

template <bool (*kPredicate)(uint32_t)>
Value AllCodePoints(const std::string& text) {
  std::vector<uint32_t> chars = DecodeAll(text);
  return Value(!chars.empty() && std::all_of(chars.begin(), chars.end(), kPredicate));
}

Result<Value> ReplaceMethod(const FilterEnv& env, const std::string& text, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"old", "new", "count"}, "replace"));
  if (!bound[0].is_string() || !bound[1].is_string()) {
    return Error(Status::InvalidArgument("replace() arguments must be strings"));
  }
  std::string out;
  int64_t count = bound[2].is_int() ? bound[2].as_int() : -1;
  if (!Replace(text, bound[0].as_string(), bound[1].as_string(), count, env.max_bytes, &out)) {
    return Error(Status::InvalidArgument("replace() result too large"));
  }
  return Value(std::move(out));
}

// separator.join(iterable): every item must already be a string, as in Python.
Result<Value> JoinMethod(const FilterEnv& env, const std::string& separator, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"iterable"}, "join"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, bound[0]));
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) {
      return Error(Status::InvalidArgument("sequence item " + std::to_string(i) +
                                           ": expected str instance, " +
                                           std::string(items[i].TypeName()) + " found"));
    }
    if (i > 0) out += separator;
    out += items[i].as_string();
    if (out.size() > env.max_bytes)
      return Error(Status::InvalidArgument("join() result too large"));
  }
  return Value(std::move(out));
}

// The methods that take no arguments: case changes and is*() predicates.
Result<Value> CaseMethod(const std::string& text, std::string_view name, const CallArgs& args,
                         bool* found) {
  using Transform = std::string (*)(std::string_view);
  static constexpr std::pair<std::string_view, Transform> kTransforms[] = {
      {"upper", Upper}, {"lower", Lower}, {"title", PythonTitle}, {"capitalize", Capitalize}};
  static constexpr std::string_view kPredicates[] = {"isdigit", "isalpha", "isspace",
                                                     "isalnum", "islower", "isupper"};
  auto transform = std::find_if(std::begin(kTransforms), std::end(kTransforms),
                                [&](const auto& entry) { return entry.first == name; });
  *found = transform != std::end(kTransforms) ||
           std::find(std::begin(kPredicates), std::end(kPredicates), name) != std::end(kPredicates);
  if (!*found) return Value();
  if (!args.positional.empty() || !args.keyword.empty()) {
    return Error(Status::InvalidArgument(std::string(name) + "() takes no arguments"));
  }
  if (transform != std::end(kTransforms)) return Value(transform->second(text));
  if (name == "isdigit") return AllCodePoints<IsDigitCodePoint>(text);
  if (name == "isalpha") return AllCodePoints<IsAlphaCodePoint>(text);
  if (name == "isspace") return AllCodePoints<IsPythonSpace>(text);
  if (name == "isalnum") return AllCodePoints<IsAlnumCodePoint>(text);
  std::string same = name == "islower" ? Lower(text) : Upper(text);
  std::string other = name == "islower" ? Upper(text) : Lower(text);
  return Value(same == text && other != text);
}

Result<Value> StringMethod(const FilterEnv& env, const std::string& text, std::string_view name,
                           CallArgs& args, bool* found) {
  *found = true;
  if (name == "strip" || name == "lstrip" || name == "rstrip") return StripMethod(text, args, name);
  if (name == "split" || name == "rsplit") return SplitMethod(text, args, name);
  if (name == "find" || name == "rfind" || name == "count") return FindMethod(text, args, name);
  if (name == "startswith" || name == "endswith") {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"prefix"}, name));
    WINNOW_ASSIGN_OR_RETURN(bool match, AffixMatch(text, bound[0], name == "startswith"));
    return Value(match);
  }
  if (name == "replace") return ReplaceMethod(env, text, args);
  if (name == "join") return JoinMethod(env, text, args);
  if (name == "format") {
    WINNOW_ASSIGN_OR_RETURN(std::string out, BraceFormat(text, args));
    return Value(std::move(out));
  }
  if (name == "splitlines") {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"keepends"}, name));
    return StringList(SplitLines(text, bound[0].Truthy()));
  }
  return CaseMethod(text, name, args, found);
}

Result<Value> ObjectMethod(const Value& object, std::string_view name, CallArgs& args,
                           bool* found) {
  *found = true;
  if (name == "get") {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"key", "default"}, name));
    std::string key = bound[0].is_string() ? bound[0].as_string() : bound[0].Str();
    if (const Value* value = object.Find(key)) return *value;
    return bound[1].is_undefined() ? Value::None() : bound[1];
  }
  if (name == "items" || name == "keys" || name == "values") {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {}, name));
    std::vector<Value> out;
    for (const auto& [key, value] : object.entries()) {
      if (name == "items") out.push_back(Value::Tuple({Value(key), value}));
      if (name == "keys") out.emplace_back(key);
      if (name == "values") out.push_back(value);
    }
    return Value::Array(std::move(out));
  }
  *found = false;
  return Value();
}

Result<Value> ArrayMethod(const Value& array, std::string_view name, CallArgs& args, bool* found) {
  *found = true;
  if (name == "append") {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"object"}, name));
    if (array.is_tuple())
      return Error(Status::InvalidArgument("'tuple' object has no attribute 'append'"));
    if (bound[0].Contains(array.container_id())) {
      return Error(Status::InvalidArgument("cannot append a list to itself"));
    }
    Value target = array;  // shares the list: append changes it for every name bound to it
    target.Append(std::move(bound[0]));
    return Value::None();
  }
  if (name == "index" || name == "count") {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"value"}, name));
    int64_t count = 0;
    for (size_t i = 0; i < array.items().size(); ++i) {
      if (!array.items()[i].Equals(bound[0])) continue;
      if (name == "index") return Value(static_cast<int64_t>(i));
      ++count;
    }
    if (name == "index") return Error(Status::InvalidArgument(bound[0].Str() + " is not in list"));
    return Value(count);
  }
  *found = false;
  return Value();
}

}  // namespace

Result<Value> CallMethod(const FilterEnv& env, const Value& receiver, std::string_view name,
                         CallArgs& args, bool* found) {
  *found = false;
  if (receiver.is_string()) return StringMethod(env, receiver.as_string(), name, args, found);
  if (receiver.is_object()) return ObjectMethod(receiver, name, args, found);
  if (receiver.is_array()) return ArrayMethod(receiver, name, args, found);
  return Value();
}

}  // namespace winnow::jinja
