#pragma once

// Field access for tokenizer.json objects that names the JSON path of the field in every error,
// e.g. `pre_tokenizer.pretokenizers[1].behavior: expected a string, got number`. Missing fields and
// JSON null count as absent, as in the Hugging Face library's serde defaults. The reader borrows
// the simdjson document: it must outlive the reader.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::tokenizers {

// For error messages: "an object", "an array", or a scalar as written ("3.5", "\"abc\"",
// "null"), shortened to 40 characters.
std::string DescribeJsonValue(simdjson::dom::element element);

class JsonObjectReader {
 public:
  // Fails unless `element` is an object; `path` is where it sits ("model",
  // "normalizer.normalizers[0]").
  static Result<JsonObjectReader> Make(simdjson::dom::element element, std::string path);

  const std::string& path() const { return path_; }
  std::string FieldPath(std::string_view key) const;

  // The field, or nothing when it is missing or null.
  std::optional<simdjson::dom::element> Find(std::string_view key) const;

  Result<simdjson::dom::element> Required(std::string_view key) const;
  Result<std::string_view> RequiredString(std::string_view key) const;
  Result<std::optional<std::string_view>> OptionalString(std::string_view key) const;
  Result<bool> Bool(std::string_view key, bool default_value) const;
  Result<std::optional<bool>> OptionalBool(std::string_view key) const;
  Result<uint64_t> Uint(std::string_view key, uint64_t default_value) const;
  Result<std::optional<int64_t>> OptionalInt(std::string_view key) const;
  // The "type" field every component carries.
  Result<std::string_view> Type() const { return RequiredString("type"); }

  // InvalidInput "<path>.<key>: <message>".
  Status FieldError(std::string_view key, std::string_view message) const;
  // "<path>.type '<type>' is not supported (supported: <supported>)".
  Status UnsupportedType(std::string_view type, std::string_view supported) const;

 private:
  JsonObjectReader(simdjson::dom::object object, std::string path)
      : object_(object), path_(std::move(path)) {}
  Status WrongType(std::string_view key, std::string_view expected,
                   simdjson::dom::element got) const;

  simdjson::dom::object object_;
  std::string path_;
};

// Checks that `element` is an array; InvalidInput naming `path` otherwise.
Result<simdjson::dom::array> ExpectArray(simdjson::dom::element element, const std::string& path);
// Checks that `element` is a string.
Result<std::string_view> ExpectString(simdjson::dom::element element, const std::string& path);
// "<path>[<index>]".
std::string IndexPath(const std::string& path, size_t index);

}  // namespace winnow::tokenizers
