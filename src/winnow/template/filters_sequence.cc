// Filters on sequences and mappings: length, join, sort, map, select, items, dictsort, ...

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "winnow/common/utf8.h"
#include "winnow/template/filters.h"
#include "winnow/template/operators.h"
#include "winnow/template/string_ops.h"

namespace winnow::jinja {
namespace {

// Jinja2's make_attrgetter: "a.b.0" looks up a, then b, then index 0.
Value GetPath(const Value& item, const Value& path) {
  if (path.is_int()) {
    if (item.is_array() && path.as_int() >= 0 &&
        static_cast<size_t>(path.as_int()) < item.items().size()) {
      return item.items()[static_cast<size_t>(path.as_int())];
    }
    return Value::Undefined("no item " + path.Str());
  }
  Value current = item;
  std::string_view rest =
      path.is_string() ? std::string_view(path.as_string()) : std::string_view();
  while (true) {
    size_t dot = rest.find('.');
    std::string_view part = rest.substr(0, dot);
    bool digits = !part.empty() && std::all_of(part.begin(), part.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
    if (digits && current.is_array() && part.size() < 10) {
      size_t index = std::stoul(std::string(part));
      current = index < current.items().size() ? current.items()[index]
                                               : Value::Undefined("no item " + std::string(part));
    } else if (const Value* found = current.Find(part)) {
      current = *found;
    } else {
      return Value::Undefined("'" + std::string(current.TypeName()) +
                              " object' has no attribute '" + std::string(part) + "'");
    }
    if (dot == std::string_view::npos) return current;
    rest.remove_prefix(dot + 1);
  }
}

// The key sort/unique/min/max compare by: the attribute, lowercased unless case_sensitive.
Value SortKey(const Value& item, const Value& attribute, bool case_sensitive) {
  Value key = attribute.is_undefined() || attribute.is_none() ? item : GetPath(item, attribute);
  if (!case_sensitive && key.is_string()) return Value(Lower(key.as_string()));
  return key;
}

Result<std::vector<Value>> SortedItems(std::vector<Value> items, const Value& attribute,
                                       bool case_sensitive, bool reverse) {
  std::vector<std::pair<Value, size_t>> keyed;
  for (size_t i = 0; i < items.size(); ++i)
    keyed.emplace_back(SortKey(items[i], attribute, case_sensitive), i);
  Status error;
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    auto order = CompareValues(a.first, b.first);
    if (!order) {
      if (error.ok()) error = order.error();
      return false;
    }
    return reverse ? *order > 0 : *order < 0;
  });
  if (!error.ok()) return Error(error);
  std::vector<Value> sorted;
  for (auto& [key, index] : keyed) sorted.push_back(std::move(items[index]));
  return sorted;
}

// A string equal for values Python's set would merge (1, 1.0 and True; equal strings).
std::string HashKey(const Value& key) {
  if (key.is_number()) {
    double real = key.as_float();
    bool integral = !key.is_float() || (std::fabs(real) < 9e18 && real == std::trunc(real));
    if (!integral) return "f:" + key.Str();
    return "n:" + std::to_string(key.is_float() ? static_cast<int64_t>(real) : key.as_int());
  }
  if (key.is_string()) return "s:" + key.as_string();
  std::string repr = "r:";
  key.AppendRepr(&repr);
  return repr;
}

Result<Value> LengthFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  if (!args.positional.empty() || !args.keyword.empty())
    return Error(Status::InvalidArgument("length takes no arguments"));
  if (input.is_string()) return Value(static_cast<int64_t>(CountCodePoints(input.as_string())));
  if (input.is_array()) return Value(static_cast<int64_t>(input.items().size()));
  if (input.is_object()) return Value(static_cast<int64_t>(input.entries().size()));
  if (input.is_undefined() && !env.strict_undefined) return Value(0);
  if (input.is_undefined()) return Error(Status::InvalidArgument(UndefinedMessage(input)));
  return Error(Status::InvalidArgument("object of type '" + std::string(input.TypeName()) +
                                       "' has no len()"));
}

Result<Value> FirstFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {}, "first"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  if (items.empty()) return Value::Undefined("No first item, sequence was empty.");
  return items.front();
}

Result<Value> LastFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {}, "last"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  if (items.empty()) return Value::Undefined("No last item, sequence was empty.");
  return items.back();
}

Result<Value> ListFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {}, "list"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  return Value::Array(std::move(items));
}

Result<Value> ReverseFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {}, "reverse"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  std::reverse(items.begin(), items.end());
  if (!input.is_string()) return Value::Array(std::move(items));
  std::string text;
  for (const Value& c : items) text += c.as_string();
  return Value(std::move(text));
}

Result<Value> JoinFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"d", "attribute"}, "join"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  WINNOW_ASSIGN_OR_RETURN(std::string separator, ToText(env, bound[0]));
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    Value item = bound[1].is_undefined() ? items[i] : GetPath(items[i], bound[1]);
    WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, item));
    if (i > 0) out += separator;
    out += text;
    if (out.size() > env.max_bytes)
      return Error(Status::InvalidArgument("join() result too large"));
  }
  return Value(std::move(out));
}

Result<Value> SortFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound,
                          Bind(args, {"reverse", "case_sensitive", "attribute"}, "sort"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  WINNOW_ASSIGN_OR_RETURN(
      items, SortedItems(std::move(items), bound[2], bound[1].Truthy(), bound[0].Truthy()));
  return Value::Array(std::move(items));
}

Result<Value> UniqueFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"case_sensitive", "attribute"}, "unique"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  std::unordered_set<std::string> seen;
  std::vector<Value> unique;
  for (Value& item : items) {
    if (!seen.insert(HashKey(SortKey(item, bound[1], bound[0].Truthy()))).second) continue;
    unique.push_back(std::move(item));
  }
  return Value::Array(std::move(unique));
}

Result<Value> MinMax(const FilterEnv& env, const Value& input, CallArgs& args, bool max) {
  WINNOW_ASSIGN_OR_RETURN(auto bound,
                          Bind(args, {"case_sensitive", "attribute"}, max ? "max" : "min"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  if (items.empty()) return Value::Undefined("No aggregated item, sequence was empty.");
  size_t best = 0;
  Value best_key = SortKey(items[0], bound[1], bound[0].Truthy());
  for (size_t i = 1; i < items.size(); ++i) {
    Value key = SortKey(items[i], bound[1], bound[0].Truthy());
    WINNOW_ASSIGN_OR_RETURN(int order, CompareValues(key, best_key));
    if (max ? order > 0 : order < 0) best = i, best_key = std::move(key);
  }
  return items[best];
}

Result<Value> MinFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return MinMax(env, input, args, false);
}
Result<Value> MaxFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return MinMax(env, input, args, true);
}

Result<Value> SumFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"attribute", "start"}, "sum"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  Value total = bound[1].is_undefined() ? Value(0) : bound[1];
  for (const Value& item : items) {
    Value term = bound[0].is_undefined() ? item : GetPath(item, bound[0]);
    WINNOW_ASSIGN_OR_RETURN(total, ApplyBinary(env, BinaryOp::kAdd, total, term, env.max_bytes));
  }
  return total;
}

Result<Value> MapFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  std::vector<Value> mapped;
  if (args.positional.empty()) {
    WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"attribute", "default"}, "map"));
    for (const Value& item : items) {
      Value value = GetPath(item, bound[0]);
      mapped.push_back(value.is_undefined() && !bound[1].is_undefined() ? bound[1] : value);
    }
    return Value::Array(std::move(mapped));
  }
  if (!args.positional[0].is_string())
    return Error(Status::InvalidArgument("map() needs a filter name"));
  std::string name = args.positional[0].as_string();
  FilterFunction filter = FindFilter(name);
  if (filter == nullptr)
    return Error(Status::InvalidArgument("map(): unknown filter '" + name + "'"));
  for (const Value& item : items) {
    CallArgs call;
    call.positional.assign(args.positional.begin() + 1, args.positional.end());
    call.keyword = args.keyword;
    WINNOW_ASSIGN_OR_RETURN(Value value, filter(env, item, call));
    mapped.push_back(std::move(value));
  }
  return Value::Array(std::move(mapped));
}

// select/reject/selectattr/rejectattr: `first_arg` is where the test name sits in args.
Result<Value> SelectOrReject(const FilterEnv& env, const Value& input, CallArgs& args, bool select,
                             bool by_attribute) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  size_t next = 0;
  Value attribute;
  if (by_attribute) {
    if (args.positional.empty())
      return Error(Status::InvalidArgument("selectattr() needs an attribute name"));
    attribute = args.positional[next++];
  }
  TestFunction test = nullptr;
  if (next < args.positional.size()) {
    const Value& name = args.positional[next++];
    test = name.is_string() ? FindTest(name.as_string()) : nullptr;
    if (test == nullptr) return Error(Status::InvalidArgument("unknown test '" + name.Str() + "'"));
  }
  std::vector<Value> kept;
  for (Value& item : items) {
    Value subject = by_attribute ? GetPath(item, attribute) : item;
    bool pass = subject.Truthy();
    if (test != nullptr) {
      CallArgs call;
      call.positional.assign(args.positional.begin() + static_cast<std::ptrdiff_t>(next),
                             args.positional.end());
      call.keyword = args.keyword;
      WINNOW_ASSIGN_OR_RETURN(pass, test(env, subject, call));
    }
    if (pass == select) kept.push_back(std::move(item));
  }
  return Value::Array(std::move(kept));
}

Result<Value> SelectFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return SelectOrReject(env, input, args, true, false);
}
Result<Value> RejectFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return SelectOrReject(env, input, args, false, false);
}
Result<Value> SelectAttrFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return SelectOrReject(env, input, args, true, true);
}
Result<Value> RejectAttrFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return SelectOrReject(env, input, args, false, true);
}

Result<Value> ItemsFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {}, "items"));
  if (input.is_undefined() && !env.strict_undefined) return Value::Array({});
  if (!input.is_object())
    return Error(
        Status::InvalidArgument("items() needs a mapping, got " + std::string(input.TypeName())));
  std::vector<Value> pairs;
  for (const auto& [key, value] : input.entries())
    pairs.push_back(Value::Tuple({Value(key), value}));
  return Value::Array(std::move(pairs));
}

Result<Value> DictSortFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"case_sensitive", "by", "reverse"}, "dictsort"));
  CallArgs none;
  WINNOW_ASSIGN_OR_RETURN(Value pairs, ItemsFilter(env, input, none));
  std::string by = bound[1].is_string() ? bound[1].as_string() : "key";
  if (by != "key" && by != "value")
    return Error(Status::InvalidArgument("You can only sort by either 'key' or 'value'"));
  WINNOW_ASSIGN_OR_RETURN(
      std::vector<Value> sorted,
      SortedItems(pairs.items(), Value(by == "key" ? 0 : 1), bound[0].Truthy(), bound[2].Truthy()));
  return Value::Array(std::move(sorted));
}

Result<Value> BatchFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"linecount", "fill_with"}, "batch"));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Value> items, Iterate(env, input));
  if (!bound[0].is_int() || bound[0].as_int() <= 0)
    return Error(Status::InvalidArgument("batch() needs a positive line count"));
  size_t size = static_cast<size_t>(bound[0].as_int());
  std::vector<Value> batches;
  for (size_t start = 0; start < items.size(); start += size) {
    std::vector<Value> batch(
        items.begin() + static_cast<std::ptrdiff_t>(start),
        items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), start + size)));
    if (!bound[1].is_undefined()) {
      while (batch.size() < size) batch.push_back(bound[1]);
    }
    batches.push_back(Value::Array(std::move(batch)));
  }
  return Value::Array(std::move(batches));
}

Result<Value> AttrFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"name"}, "attr"));
  if (!bound[0].is_string())
    return Error(Status::InvalidArgument("attr() needs an attribute name"));
  // getattr, not getitem: a dict's keys are not attributes, a namespace's members are.
  if (input.is_namespace()) {
    if (const Value* found = input.Find(bound[0].as_string())) return *found;
  }
  return Value::Undefined("'" + std::string(input.TypeName()) + " object' has no attribute '" +
                          bound[0].as_string() + "'");
}

}  // namespace

const std::vector<NamedFilter>& SequenceFilters() {
  static const std::vector<NamedFilter> kFilters = {
      {"length", LengthFilter},
      {"count", LengthFilter},
      {"first", FirstFilter},
      {"last", LastFilter},
      {"list", ListFilter},
      {"reverse", ReverseFilter},
      {"join", JoinFilter},
      {"sort", SortFilter},
      {"unique", UniqueFilter},
      {"min", MinFilter},
      {"max", MaxFilter},
      {"sum", SumFilter},
      {"map", MapFilter},
      {"select", SelectFilter},
      {"reject", RejectFilter},
      {"selectattr", SelectAttrFilter},
      {"rejectattr", RejectAttrFilter},
      {"items", ItemsFilter},
      {"dictsort", DictSortFilter},
      {"batch", BatchFilter},
      {"attr", AttrFilter},
  };
  return kFilters;
}

}  // namespace winnow::jinja
