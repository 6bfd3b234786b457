#pragma once

// JsonBuilder: writes compact JSON text for records that steps create, putting commas and colons
// where they belong so callers only say what goes where. Not a validator: the caller pairs
// Begin/End calls and gives a Key before each member value (WINNOW_ASSERT checks in debug builds).

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

class JsonBuilder {
 public:
  JsonBuilder() = default;

  JsonBuilder& BeginObject();
  JsonBuilder& EndObject();
  JsonBuilder& BeginArray();
  JsonBuilder& EndArray();
  JsonBuilder& Key(std::string_view key);

  JsonBuilder& String(std::string_view value);
  JsonBuilder& Int(int64_t value);
  JsonBuilder& Number(double value);
  JsonBuilder& Bool(bool value);
  JsonBuilder& Null();
  // A value that is already JSON text (trusted: not checked).
  JsonBuilder& Raw(std::string_view json);
  JsonBuilder& Element(simdjson::dom::element value);

  // Key + value shorthands.
  JsonBuilder& Field(std::string_view key, std::string_view value) {
    return Key(key).String(value);
  }
  JsonBuilder& RawField(std::string_view key, std::string_view json) { return Key(key).Raw(json); }

  const std::string& str() const { return out_; }
  std::string Take() {
    std::string result = std::move(out_);
    Clear();
    return result;
  }
  void Clear();

 private:
  void BeforeValue();
  std::string out_;
  // One entry per open container: true while it has no member yet.
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace winnow
