#pragma once

// Text views: the text of a field as filters, dedup and statistics see it.
//   - a string is itself;
//   - a list of chat messages ({role|from, content|value}) is its contents joined, optionally each
//     prefixed with its role ("user: ...") and optionally only for some roles (--roles assistant);
//     ShareGPT role values are normalised for matching (human -> user, gpt/bot/chatgpt ->
//     assistant);
//   - OpenAI content parts ([{"type":"text","text":...}]) contribute their text parts;
//   - a list of strings is joined; numbers and bools are their JSON text; null is empty.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/field_path.h"
#include "winnow/record/record.h"

namespace winnow {

struct TextViewOptions {
  bool role_prefix = false;        // prefix each message with "<role>: "
  std::vector<std::string> roles;  // keep only messages with these (normalised) roles; empty = all
  std::string separator = "\n\n";  // between joined parts
};

// "human" -> "user", "gpt"/"bot"/"chatgpt"/"model" -> "assistant"; others unchanged.
std::string_view NormaliseRole(std::string_view role);

// True when `element` looks like a chat message list (an array whose first object has a role/from
// key and a content/value key).
bool IsMessageList(simdjson::dom::element element);

class TextView {
 public:
  TextView() = default;
  TextView(FieldPath path, TextViewOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}

  static Result<TextView> Parse(std::string_view path, TextViewOptions options = {});

  const FieldPath& path() const { return path_; }
  const TextViewOptions& options() const { return options_; }

  // The text of `record` under this view. Returns a view into the record's DOM when the field is a
  // single string (no copy), else builds the text in `*scratch` and returns a view of it. The view
  // stays valid while the record and `scratch` live and are unchanged. Missing field: empty text.
  std::string_view Get(const Record& record, std::string* scratch) const;

  // Appends the text of one element under `options`.
  static void AppendText(simdjson::dom::element element, const TextViewOptions& options,
                         std::string* out);

 private:
  FieldPath path_;
  TextViewOptions options_;
};

}  // namespace winnow
