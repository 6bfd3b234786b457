// Fuzzes the field-path parser and resolver: any path text must parse or fail with a message, and
// resolving any parsed path against a fixed record must not crash.

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/record/field_path.h"
#include "winnow/record/text_view.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto path = winnow::FieldPath::Parse(text);
  if (!path) {
    if (path.error().message().empty()) __builtin_trap();
    return 0;
  }
  static const char kRecord[] =
      R"({"a": {"b": [1, {"c": "x"}, [2, 3]]}, "messages": [{"role": "user", "content": "hi"},)"
      R"( {"role": "assistant", "content": [{"type": "text", "text": "yo"}]}], "n": null})";
  simdjson::dom::parser parser;
  winnow::Record record = winnow::Record::Owned(kRecord, winnow::RecordOrigin{});
  if (!record.Parse(parser).ok()) __builtin_trap();
  std::vector<simdjson::dom::element> values;
  path->Resolve(record, &values);
  (void)path->Get(record);
  winnow::TextViewOptions options;
  options.role_prefix = size % 2;
  std::string scratch;
  winnow::TextView view(*path, options);
  (void)view.Get(record, &scratch);
  return 0;
}
