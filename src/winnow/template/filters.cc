// The filter and test tables and the helpers every built-in shares.

#include "winnow/template/filters.h"

#include <algorithm>
#include <cmath>

#include "winnow/common/utf8.h"
#include "winnow/template/python_format.h"

namespace winnow::jinja {
namespace {

int CompareAtDepth(const Value& a, const Value& b, int depth, Status* error);

int CompareArrays(const Value& a, const Value& b, int depth, Status* error) {
  const auto& x = a.items();
  const auto& y = b.items();
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (x[i].Equals(y[i])) continue;
    return CompareAtDepth(x[i], y[i], depth + 1, error);
  }
  return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}

int CompareAtDepth(const Value& a, const Value& b, int depth, Status* error) {
  if (depth > kMaxValueDepth) return 0;
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) {
      double x = a.as_float(), y = b.as_float();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  }
  if (a.is_string() && b.is_string()) {
    int order = a.as_string().compare(b.as_string());  // UTF-8 byte order is code point order
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  if (a.is_array() && b.is_array()) return CompareArrays(a, b, depth, error);
  if (error->ok()) {
    if (a.is_undefined() || b.is_undefined()) {
      *error = Status::InvalidArgument(UndefinedMessage(a.is_undefined() ? a : b));
    } else {
      *error = Status::InvalidArgument("'<' not supported between instances of '" +
                                       std::string(a.TypeName()) + "' and '" +
                                       std::string(b.TypeName()) + "'");
    }
  }
  return 0;
}

std::vector<std::string_view> Names(const std::vector<NamedFilter>& table) {
  std::vector<std::string_view> names;
  for (const auto& entry : table) names.push_back(entry.name);
  return names;
}

}  // namespace

std::string UndefinedMessage(const Value& value) {
  const std::string& hint = value.undefined_hint();
  return hint.empty() ? "value is undefined" : hint;
}

Result<int> CompareValues(const Value& a, const Value& b) {
  Status error;
  int order = CompareAtDepth(a, b, 0, &error);
  if (!error.ok()) return Error(error);
  return order;
}

Result<std::vector<Value>> Iterate(const FilterEnv& env, const Value& value) {
  std::vector<Value> items;
  switch (value.kind()) {
    case ValueKind::kArray:
      return value.items();
    case ValueKind::kObject:
      for (const auto& entry : value.entries()) items.emplace_back(entry.first);
      return items;
    case ValueKind::kString: {
      const std::string& text = value.as_string();
      for (size_t pos = 0; pos < text.size();) {
        size_t start = pos;
        DecodeUtf8(text, &pos);
        items.emplace_back(text.substr(start, pos - start));
      }
      return items;
    }
    case ValueKind::kUndefined:
      if (env.strict_undefined) return Error(Status::InvalidArgument(UndefinedMessage(value)));
      return items;
    default:
      return Error(Status::InvalidArgument("'" + std::string(value.TypeName()) +
                                           "' object is not iterable"));
  }
}

Result<std::vector<Value>> Bind(CallArgs& args, std::initializer_list<std::string_view> names,
                                std::string_view function) {
  std::vector<Value> bound(names.size());
  if (args.positional.size() > names.size()) {
    return Error(Status::InvalidArgument(std::string(function) + "() takes at most " +
                                         std::to_string(names.size()) + " arguments (" +
                                         std::to_string(args.positional.size()) + " given)"));
  }
  for (size_t i = 0; i < args.positional.size(); ++i) bound[i] = std::move(args.positional[i]);
  for (auto& [key, value] : args.keyword) {
    auto it = std::find(names.begin(), names.end(), key);
    if (it == names.end()) {
      return Error(Status::InvalidArgument(std::string(function) +
                                           "() got an unexpected keyword argument '" + key + "'"));
    }
    size_t index = static_cast<size_t>(it - names.begin());
    if (index < args.positional.size()) {
      return Error(Status::InvalidArgument(std::string(function) +
                                           "() got multiple values for argument '" + key + "'"));
    }
    bound[index] = std::move(value);
  }
  return bound;
}

Result<std::string> ToText(const FilterEnv& env, const Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_undefined()) {
    if (env.strict_undefined) return Error(Status::InvalidArgument(UndefinedMessage(value)));
    return std::string();
  }
  std::string text;
  if (!value.AppendStrLimited(&text, env.max_bytes)) {
    return Error(Status::InvalidArgument("value is larger than " + std::to_string(env.max_bytes) +
                                         " bytes when printed"));
  }
  return text;
}

FilterFunction FindFilter(std::string_view name) {
  for (const auto* table : {&StringFilters(), &SequenceFilters()}) {
    for (const auto& entry : *table) {
      if (entry.name == name) return entry.function;
    }
  }
  return nullptr;
}

std::vector<std::string_view> FilterNames() {
  std::vector<std::string_view> names = Names(StringFilters());
  std::vector<std::string_view> more = Names(SequenceFilters());
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

}  // namespace winnow::jinja
