#pragma once

// Value: the dynamic value templates compute with, modelled on Python's objects as Jinja sees them:
// undefined, None, bool, int (64-bit), float, str (UTF-8), list/tuple, dict (insertion-ordered,
// string keys) and callables. Printing, truthiness and equality follow Python ("True", "None",
// "[1, 'a']", 1 == 1.0, 0 and "" are false) so rendered text matches what Jinja2 produces.
//
// Lists and dicts are reference types, as in Python: copies of a Value share the container, and
// a namespace() or list.append() changes every copy. Strings are immutable and shared. A Value is
// safe to read from several threads at once; mutating one that others read is not.

#include <simdjson.h>

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "winnow/common/status.h"

namespace winnow::jinja {

class Value;

// The arguments of a call from a template: f(1, 2, key=3).
struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> keyword;
};

// A host or built-in callable. Errors it returns are shown with the template position of the
// call, so messages need not name a place ("expected a string").
using NativeFunction = std::function<Result<Value>(CallArgs& args)>;

enum class ValueKind {
  kUndefined,
  kNone,
  kBool,
  kInt,
  kFloat,
  kString,
  kArray,
  kObject,
  kFunction
};

// Containers and functions are held through shared_ptr because Python gives them reference
// semantics: `{% set ns.items = ... %}` must be seen through every name bound to `ns`.
class Value {
 public:
  struct ArrayData {
    ArrayData() = default;
    ArrayData(std::vector<Value> values, bool tuple) : items(std::move(values)), is_tuple(tuple) {}
    ~ArrayData();
    std::vector<Value> items;
    bool is_tuple = false;  // printed "(1, 2)" rather than "[1, 2]"
  };
  struct ObjectData {
    ~ObjectData();
    const Value* Find(std::string_view key) const;
    void Set(std::string key, Value value);
    bool Erase(std::string_view key);
    std::vector<std::pair<std::string, Value>> entries;  // insertion order, keys unique
    bool is_namespace = false;  // from namespace(): the only objects `set x.y = ...` may change
    // Key -> position, kept once an object grows past a few dozen keys so lookups stay O(1).
    std::unique_ptr<std::unordered_map<std::string, size_t>> index;
  };
  struct FunctionData {
    std::string name;  // for printing and error messages
    NativeFunction call;
  };

  Value() = default;  // undefined
  Value(const Value&) = default;
  Value& operator=(const Value&) = default;
  // A moved-from Value is undefined (never a container kind with no container).
  Value(Value&& other) noexcept;
  Value& operator=(Value&& other) noexcept;
  ~Value() = default;
  Value(bool value) : kind_(ValueKind::kBool), data_(value) {}  // NOLINT: literals convert
  template <std::integral T>
  requires(!std::same_as<T, bool>)
      Value(T value)  // NOLINT(google-explicit-constructor): ints convert like Python's
      : kind_(ValueKind::kInt), data_(static_cast<int64_t>(value)) {}
  Value(double value) : kind_(ValueKind::kFloat), data_(value) {}  // NOLINT
  Value(std::string value);                                        // NOLINT
  Value(std::string_view value) : Value(std::string(value)) {}     // NOLINT
  Value(const char* value) : Value(std::string(value)) {}          // NOLINT

  static Value None();
  // An undefined value that remembers why it is undefined, for strict-mode and attribute errors:
  // `hint` is the whole message, e.g. "'question' is undefined".
  static Value Undefined(std::string hint);
  static Value Array(std::vector<Value> items);
  static Value Tuple(std::vector<Value> items);
  static Value Object();
  static Value Namespace();
  static Value Function(std::string name, NativeFunction call);
  static Value Function(NativeFunction call) { return Function("<function>", std::move(call)); }
  // JSON -> Value: integers stay ints (uint64 above INT64_MAX become floats), objects keep order.
  static Value FromJson(simdjson::dom::element element);

  ValueKind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == ValueKind::kUndefined; }
  bool is_none() const { return kind_ == ValueKind::kNone; }
  bool is_bool() const { return kind_ == ValueKind::kBool; }
  bool is_int() const { return kind_ == ValueKind::kInt; }
  bool is_float() const { return kind_ == ValueKind::kFloat; }
  // Python's numbers include bool.
  bool is_number() const { return is_int() || is_float() || is_bool(); }
  bool is_string() const { return kind_ == ValueKind::kString; }
  bool is_array() const { return kind_ == ValueKind::kArray; }
  bool is_tuple() const { return is_array() && array().is_tuple; }
  bool is_object() const { return kind_ == ValueKind::kObject; }
  bool is_namespace() const { return is_object() && object().is_namespace; }
  bool is_callable() const { return kind_ == ValueKind::kFunction; }

  using StringPtr = std::shared_ptr<const std::string>;
  using ArrayPtr = std::shared_ptr<ArrayData>;
  using ObjectPtr = std::shared_ptr<ObjectData>;
  using FunctionPtr = std::shared_ptr<FunctionData>;

  // Accessors; each requires the matching kind (as_int/as_float also accept bool and ints).
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const;
  double as_float() const;
  const std::string& as_string() const;
  const std::vector<Value>& items() const { return array().items; }
  std::vector<Value>& mutable_items() { return array().items; }
  const std::vector<std::pair<std::string, Value>>& entries() const { return object().entries; }
  const FunctionData& function() const { return *std::get<FunctionPtr>(data_); }
  // The reason an undefined value is undefined ("" when none was recorded).
  const std::string& undefined_hint() const;

  // Objects: the value under `key`, or null when absent.
  const Value* Find(std::string_view key) const;
  // Objects: adds or replaces `key` (keeps its position when replacing).
  void Set(std::string key, Value value);
  // Arrays: appends.
  void Append(Value value);

  // Identity of the shared container (for cycle checks); null for other kinds.
  const void* container_id() const;
  // True when this value is `target`'s container or holds it at any depth.
  bool Contains(const void* target) const;

  // Python truthiness: undefined, None, False, 0, 0.0, "", [] and {} are false.
  bool Truthy() const;
  // Python ==: 1 == 1.0 == True, containers compare element-wise; undefined equals undefined.
  bool Equals(const Value& other) const;
  // Python's type name as Jinja quotes it in errors: "str", "int", "dict", "list", "NoneType".
  std::string_view TypeName() const;

  // str(value): strings as they are, None as "None", lists as "[1, 'a']", floats like Python.
  void AppendStr(std::string* out) const;
  std::string Str() const;
  // AppendStr that gives up (returning false) once *out grows past `limit` bytes, so printing a
  // huge list cannot exhaust memory.
  bool AppendStrLimited(std::string* out, size_t limit) const;
  // repr(value): strings quoted ("'a'"), everything else as AppendStr.
  void AppendRepr(std::string* out) const;
  // Compact JSON ({"a":[1,2]}); undefined and functions become null, floats print as Python's.
  void AppendJson(std::string* out) const;

 private:
  ArrayData& array() const { return *std::get<ArrayPtr>(data_); }
  ObjectData& object() const { return *std::get<ObjectPtr>(data_); }
  // Moves out containers only this value owns, so deep values are freed without deep recursion.
  bool TakeIfSoleOwner(std::vector<Value>* sink);
  friend void ReleaseChildren(std::vector<Value>& values);

  ValueKind kind_ = ValueKind::kUndefined;
  // kUndefined keeps its hint in the StringPtr (null when there is none).
  std::variant<std::monostate, bool, int64_t, double, StringPtr, ArrayPtr, ObjectPtr, FunctionPtr>
      data_;
};

// How deep values may nest when printed or compared; deeper parts print as "..." so printing
// never overflows the stack.
inline constexpr int kMaxValueDepth = 256;

}  // namespace winnow::jinja
