// Variable scopes, `loop`, and the global functions (range, namespace, dict, raise_exception).

#include <algorithm>
#include <cmath>

#include "winnow/template/evaluator.h"

namespace winnow::jinja {

const Value* Renderer::FindVariable(std::string_view name) const {
  for (size_t i = frames_.size(); i-- > floor_;) {
    for (const auto& [key, value] : frames_[i].variables) {
      if (key == name) return &value;
    }
  }
  for (const auto& [key, value] : frames_[0].variables) {
    if (key == name) return &value;
  }
  return nullptr;
}

const Renderer::LoopState* Renderer::FindLoop() const {
  for (size_t i = frames_.size(); i-- > floor_;) {
    if (frames_[i].loop != nullptr) return frames_[i].loop;
  }
  return nullptr;
}

// Template variables shadow the context, which shadows the built-in globals.
Value Renderer::LookUp(std::string_view name) {
  if (const Value* value = FindVariable(name)) return *value;
  if (name == "loop") {
    if (const LoopState* loop = FindLoop()) return MakeLoopObject(*loop);
  }
  if (const Value* value = context_.Find(name)) return *value;
  Value global = MakeGlobal(name);
  if (!global.is_undefined()) return global;
  return Value::Undefined("'" + std::string(name) + "' is undefined");
}

void Renderer::SetVariable(std::string name, Value value) {
  auto& variables = frames_.back().variables;
  for (auto& [key, existing] : variables) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  variables.emplace_back(std::move(name), std::move(value));
}

Result<Value> Renderer::LoopAttribute(const LoopState& loop, std::string_view name) const {
  const std::vector<Value>& items = *loop.items;
  const int64_t index0 = static_cast<int64_t>(loop.index0);
  const int64_t length = static_cast<int64_t>(items.size());
  if (name == "index") return Value(index0 + 1);
  if (name == "index0") return Value(index0);
  if (name == "revindex") return Value(length - index0);
  if (name == "revindex0") return Value(length - index0 - 1);
  if (name == "first") return Value(index0 == 0);
  if (name == "last") return Value(index0 == length - 1);
  if (name == "length") return Value(length);
  if (name == "depth") return Value(loop.depth);
  if (name == "depth0") return Value(loop.depth - 1);
  if (name == "previtem") {
    if (index0 > 0) return items[loop.index0 - 1];
    return Value::Undefined("there is no previous item");
  }
  if (name == "nextitem") {
    if (index0 + 1 < length) return items[loop.index0 + 1];
    return Value::Undefined("there is no next item");
  }
  if (name == "cycle") {
    return Value::Function("loop.cycle", [index0](CallArgs& args) -> Result<Value> {
      if (args.positional.empty())
        return Error(Status::InvalidArgument("no items for cycling given"));
      return args.positional[static_cast<size_t>(index0) % args.positional.size()];
    });
  }
  return Value::Undefined("'loop' has no attribute '" + std::string(name) + "'");
}

// `loop` used as a value (not loop.attr): a snapshot of the current iteration.
Value Renderer::MakeLoopObject(const LoopState& loop) const {
  Value object = Value::Object();
  for (std::string_view name : {"index", "index0", "revindex", "revindex0", "first", "last",
                                "length", "depth", "depth0", "previtem", "nextitem", "cycle"}) {
    auto value = LoopAttribute(loop, name);
    if (value && !value->is_undefined()) object.Set(std::string(name), std::move(*value));
  }
  return object;
}

Result<Value> Renderer::Range(CallArgs& args) {
  if (!args.keyword.empty())
    return Error(Status::InvalidArgument("range() takes no keyword arguments"));
  if (args.positional.empty() || args.positional.size() > 3) {
    return Error(Status::InvalidArgument("range expected 1 to 3 arguments, got " +
                                         std::to_string(args.positional.size())));
  }
  for (const Value& arg : args.positional) {
    if (!arg.is_int() && !arg.is_bool()) {
      return Error(Status::InvalidArgument("'" + std::string(arg.TypeName()) +
                                           "' object cannot be interpreted as an integer"));
    }
  }
  int64_t start = 0, stop = 0, step = 1;
  if (args.positional.size() == 1) {
    stop = args.positional[0].as_int();
  } else {
    start = args.positional[0].as_int();
    stop = args.positional[1].as_int();
    if (args.positional.size() == 3) step = args.positional[2].as_int();
  }
  if (step == 0) return Error(Status::InvalidArgument("range() arg 3 must not be zero"));
  // Length computed in floating point so huge bounds cannot overflow before the budget check.
  double span =
      (static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step);
  double length = span > 0 ? std::ceil(span) : 0;
  if (length > static_cast<double>(options_.max_steps - std::min(steps_, options_.max_steps))) {
    return Error(Status::InvalidArgument("range() of " +
                                         std::to_string(static_cast<uint64_t>(length)) +
                                         " items exceeds the rendering step budget"));
  }
  steps_ += static_cast<uint64_t>(length);
  std::vector<Value> items;
  items.reserve(static_cast<size_t>(length));
  for (uint64_t i = 0; i < static_cast<uint64_t>(length); ++i) {
    // Unsigned arithmetic wraps instead of overflowing; every true value fits in int64.
    items.emplace_back(
        static_cast<int64_t>(static_cast<uint64_t>(start) + i * static_cast<uint64_t>(step)));
  }
  return Value::Array(std::move(items));
}

Value Renderer::MakeGlobal(std::string_view name) {
  if (name == "range") {
    return Value::Function("range", [this](CallArgs& args) { return Range(args); });
  }
  if (name == "namespace" || name == "dict") {
    bool is_namespace = name == "namespace";
    return Value::Function(std::string(name), [is_namespace](CallArgs& args) -> Result<Value> {
      Value object = is_namespace ? Value::Namespace() : Value::Object();
      for (const Value& arg : args.positional) {
        if (!arg.is_object()) {
          return Error(Status::InvalidArgument("expected a dict as positional argument, got " +
                                               std::string(arg.TypeName())));
        }
        for (const auto& [key, value] : arg.entries()) object.Set(key, value);
      }
      for (auto& [key, value] : args.keyword) object.Set(key, std::move(value));
      return object;
    });
  }
  if (name == "raise_exception") {
    std::string prefix = options_.name + ": template raised an exception: ";
    return Value::Function("raise_exception", [prefix](CallArgs& args) -> Result<Value> {
      std::string message = args.positional.empty() ? "" : args.positional[0].Str();
      return Error(Status::InvalidInput(prefix + message));
    });
  }
  return Value();
}

}  // namespace winnow::jinja
