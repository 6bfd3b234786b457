#include "winnow/template/value.h"

#include <cstdint>

#include "winnow/template/python_format.h"

namespace winnow::jinja {
namespace {

constexpr size_t kIndexThreshold = 32;  // objects with more keys than this keep a hash index

bool EqualsAtDepth(const Value& a, const Value& b, int depth);

bool ArraysEqual(const Value& a, const Value& b, int depth) {
  if (a.is_tuple() != b.is_tuple() || a.items().size() != b.items().size()) return false;
  for (size_t i = 0; i < a.items().size(); ++i) {
    if (!EqualsAtDepth(a.items()[i], b.items()[i], depth + 1)) return false;
  }
  return true;
}

bool ObjectsEqual(const Value& a, const Value& b, int depth) {
  if (a.entries().size() != b.entries().size()) return false;
  for (const auto& [key, value] : a.entries()) {
    const Value* other = b.Find(key);
    if (other == nullptr || !EqualsAtDepth(value, *other, depth + 1)) return false;
  }
  return true;
}

bool EqualsAtDepth(const Value& a, const Value& b, int depth) {
  if (depth > kMaxValueDepth) return false;
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) return a.as_float() == b.as_float();
    return a.as_int() == b.as_int();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case ValueKind::kUndefined:
    case ValueKind::kNone:
      return true;
    case ValueKind::kString:
      return a.as_string() == b.as_string();
    case ValueKind::kArray:
      return a.container_id() == b.container_id() || ArraysEqual(a, b, depth);
    case ValueKind::kObject:
      return a.container_id() == b.container_id() || ObjectsEqual(a, b, depth);
    case ValueKind::kFunction:
      return &a.function() == &b.function();
    default:
      return false;  // numbers were handled above
  }
}

void AppendAtDepth(const Value& value, bool repr, int depth, size_t limit, std::string* out);

void AppendContainer(const Value& value, int depth, size_t limit, std::string* out) {
  if (depth >= kMaxValueDepth) {
    out->append("...");
    return;
  }
  if (value.is_array()) {
    out->push_back(value.is_tuple() ? '(' : '[');
    const auto& items = value.items();
    for (size_t i = 0; i < items.size() && out->size() <= limit; ++i) {
      if (i > 0) out->append(", ");
      AppendAtDepth(items[i], true, depth + 1, limit, out);
    }
    if (value.is_tuple() && items.size() == 1) out->push_back(',');
    out->push_back(value.is_tuple() ? ')' : ']');
    return;
  }
  if (value.is_namespace()) out->append("<Namespace ");
  out->push_back('{');
  bool first = true;
  for (const auto& [key, item] : value.entries()) {
    if (out->size() > limit) break;
    if (!first) out->append(", ");
    first = false;
    AppendPythonStringRepr(key, out);
    out->append(": ");
    AppendAtDepth(item, true, depth + 1, limit, out);
  }
  out->push_back('}');
  if (value.is_namespace()) out->push_back('>');
}

void AppendAtDepth(const Value& value, bool repr, int depth, size_t limit, std::string* out) {
  switch (value.kind()) {
    case ValueKind::kUndefined:
      if (repr) out->append("Undefined");
      return;
    case ValueKind::kNone:
      out->append("None");
      return;
    case ValueKind::kBool:
      out->append(value.as_bool() ? "True" : "False");
      return;
    case ValueKind::kInt:
      out->append(std::to_string(value.as_int()));
      return;
    case ValueKind::kFloat:
      AppendPythonFloat(value.as_float(), out);
      return;
    case ValueKind::kString:
      if (repr) {
        AppendPythonStringRepr(value.as_string(), out);
      } else {
        out->append(value.as_string());
      }
      return;
    case ValueKind::kArray:
    case ValueKind::kObject:
      AppendContainer(value, depth, limit, out);
      return;
    case ValueKind::kFunction:
      out->append("<function " + value.function().name + ">");
      return;
  }
}

bool ContainsAtDepth(const Value& value, const void* target, int depth) {
  if (value.container_id() == nullptr) return false;
  if (value.container_id() == target || depth > kMaxValueDepth) return true;  // deep: assume so
  if (value.is_array()) {
    for (const Value& item : value.items()) {
      if (ContainsAtDepth(item, target, depth + 1)) return true;
    }
    return false;
  }
  for (const auto& entry : value.entries()) {
    if (ContainsAtDepth(entry.second, target, depth + 1)) return true;
  }
  return false;
}

}  // namespace

// Destroying a deeply nested value recursively could overflow the stack (templates can build
// nesting in a loop), so containers hand their sole-owned children to a flat work list.
void ReleaseChildren(std::vector<Value>& values) {
  std::vector<Value> pending;
  for (Value& value : values) value.TakeIfSoleOwner(&pending);
  while (!pending.empty()) {
    Value value = std::move(pending.back());
    pending.pop_back();
    if (value.is_array()) {
      for (Value& item : value.array().items) item.TakeIfSoleOwner(&pending);
    } else {
      for (auto& entry : value.object().entries) entry.second.TakeIfSoleOwner(&pending);
    }
  }
}

Value::ArrayData::~ArrayData() { ReleaseChildren(items); }

Value::ObjectData::~ObjectData() {
  std::vector<Value> values;
  values.reserve(entries.size());
  for (auto& entry : entries) values.push_back(std::move(entry.second));
  ReleaseChildren(values);
}

const Value* Value::ObjectData::Find(std::string_view key) const {
  if (index) {
    auto it = index->find(std::string(key));
    return it == index->end() ? nullptr : &entries[it->second].second;
  }
  for (const auto& entry : entries) {
    if (entry.first == key) return &entry.second;
  }
  return nullptr;
}

void Value::ObjectData::Set(std::string key, Value value) {
  if (const Value* existing = Find(key)) {
    *const_cast<Value*>(existing) = std::move(value);
    return;
  }
  if (index) index->emplace(key, entries.size());
  entries.emplace_back(std::move(key), std::move(value));
  if (!index && entries.size() > kIndexThreshold) {
    index = std::make_unique<std::unordered_map<std::string, size_t>>();
    for (size_t i = 0; i < entries.size(); ++i) index->emplace(entries[i].first, i);
  }
}

bool Value::ObjectData::Erase(std::string_view key) {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].first != key) continue;
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(i));
    if (index) {
      index->clear();
      for (size_t j = 0; j < entries.size(); ++j) index->emplace(entries[j].first, j);
    }
    return true;
  }
  return false;
}

Value::Value(Value&& other) noexcept : kind_(other.kind_), data_(std::move(other.data_)) {
  other.kind_ = ValueKind::kUndefined;
  other.data_ = std::monostate();
}

Value& Value::operator=(Value&& other) noexcept {
  if (this == &other) return *this;
  kind_ = other.kind_;
  data_ = std::move(other.data_);
  other.kind_ = ValueKind::kUndefined;
  other.data_ = std::monostate();
  return *this;
}

Value::Value(std::string value)
    : kind_(ValueKind::kString), data_(std::make_shared<const std::string>(std::move(value))) {}

Value Value::None() {
  Value value;
  value.kind_ = ValueKind::kNone;
  return value;
}

Value Value::Undefined(std::string hint) {
  Value value;
  value.data_ = std::make_shared<const std::string>(std::move(hint));
  return value;
}

Value Value::Array(std::vector<Value> items) {
  Value value;
  value.kind_ = ValueKind::kArray;
  value.data_ = std::make_shared<ArrayData>(std::move(items), false);
  return value;
}

Value Value::Tuple(std::vector<Value> items) {
  Value value;
  value.kind_ = ValueKind::kArray;
  value.data_ = std::make_shared<ArrayData>(std::move(items), true);
  return value;
}

Value Value::Object() {
  Value value;
  value.kind_ = ValueKind::kObject;
  value.data_ = std::make_shared<ObjectData>();
  return value;
}

Value Value::Namespace() {
  Value value = Object();
  value.object().is_namespace = true;
  return value;
}

Value Value::Function(std::string name, NativeFunction call) {
  Value value;
  value.kind_ = ValueKind::kFunction;
  value.data_ = std::make_shared<FunctionData>(FunctionData{std::move(name), std::move(call)});
  return value;
}

int64_t Value::as_int() const {
  if (kind_ == ValueKind::kBool) return std::get<bool>(data_) ? 1 : 0;
  if (kind_ == ValueKind::kFloat) {
    double value = std::get<double>(data_);
    // Truncates like int(); out-of-range values (and NaN) saturate instead of being undefined.
    if (!(value > -9.2e18)) return value < 0 ? INT64_MIN : 0;
    if (!(value < 9.2e18)) return INT64_MAX;
    return static_cast<int64_t>(value);
  }
  return std::get<int64_t>(data_);
}

double Value::as_float() const {
  if (kind_ == ValueKind::kFloat) return std::get<double>(data_);
  return static_cast<double>(as_int());
}

const std::string& Value::as_string() const { return *std::get<StringPtr>(data_); }

const std::string& Value::undefined_hint() const {
  static const std::string kEmpty;
  const StringPtr* hint = std::get_if<StringPtr>(&data_);
  return hint != nullptr && *hint ? **hint : kEmpty;
}

const Value* Value::Find(std::string_view key) const {
  return is_object() ? object().Find(key) : nullptr;
}

void Value::Set(std::string key, Value value) { object().Set(std::move(key), std::move(value)); }

void Value::Append(Value value) { array().items.push_back(std::move(value)); }

const void* Value::container_id() const {
  if (is_array()) return &array();
  if (is_object()) return &object();
  return nullptr;
}

bool Value::Contains(const void* target) const { return ContainsAtDepth(*this, target, 0); }

bool Value::TakeIfSoleOwner(std::vector<Value>* sink) {
  bool sole = (is_array() && std::get<ArrayPtr>(data_).use_count() == 1) ||
              (is_object() && std::get<ObjectPtr>(data_).use_count() == 1);
  if (sole) sink->push_back(std::move(*this));
  return sole;
}

bool Value::Truthy() const {
  switch (kind_) {
    case ValueKind::kUndefined:
    case ValueKind::kNone:
      return false;
    case ValueKind::kBool:
      return as_bool();
    case ValueKind::kInt:
      return as_int() != 0;
    case ValueKind::kFloat:
      return as_float() != 0.0;
    case ValueKind::kString:
      return !as_string().empty();
    case ValueKind::kArray:
      return !items().empty();
    case ValueKind::kObject:
      return !entries().empty();
    case ValueKind::kFunction:
      return true;
  }
  return false;
}

bool Value::Equals(const Value& other) const { return EqualsAtDepth(*this, other, 0); }

std::string_view Value::TypeName() const {
  switch (kind_) {
    case ValueKind::kUndefined:
      return "Undefined";
    case ValueKind::kNone:
      return "NoneType";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kInt:
      return "int";
    case ValueKind::kFloat:
      return "float";
    case ValueKind::kString:
      return "str";
    case ValueKind::kArray:
      return is_tuple() ? "tuple" : "list";
    case ValueKind::kObject:
      return is_namespace() ? "Namespace" : "dict";
    case ValueKind::kFunction:
      return "function";
  }
  return "object";
}

void Value::AppendStr(std::string* out) const { AppendAtDepth(*this, false, 0, SIZE_MAX, out); }

bool Value::AppendStrLimited(std::string* out, size_t limit) const {
  AppendAtDepth(*this, false, 0, limit, out);
  return out->size() <= limit;
}

std::string Value::Str() const {
  if (is_string()) return as_string();
  std::string out;
  AppendStr(&out);
  return out;
}

void Value::AppendRepr(std::string* out) const { AppendAtDepth(*this, true, 0, SIZE_MAX, out); }

void Value::AppendJson(std::string* out) const {
  JsonStyle style;
  style.item_separator = ",";
  style.key_separator = ":";
  style.lenient = true;
  (void)AppendPythonJson(*this, style, out);
}

Value Value::FromJson(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array array = element.get_array().value_unsafe();
      std::vector<Value> items;
      items.reserve(array.size());
      for (simdjson::dom::element item : array) items.push_back(FromJson(item));
      return Array(std::move(items));
    }
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object fields = element.get_object().value_unsafe();
      Value object = Object();
      for (auto field : fields) object.Set(std::string(field.key), FromJson(field.value));
      return object;
    }
    case simdjson::dom::element_type::INT64:
      return Value(element.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return Value(static_cast<double>(element.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE:
      return Value(element.get_double().value_unsafe());
    case simdjson::dom::element_type::STRING:
      return Value(std::string(element.get_string().value_unsafe()));
    case simdjson::dom::element_type::BOOL:
      return Value(element.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE:
      return None();
  }
  return None();
}

}  // namespace winnow::jinja
