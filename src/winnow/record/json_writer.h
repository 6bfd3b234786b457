#pragma once

// Small helpers for writing JSON text by hand (faster than building a DOM to serialise).

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// Appends `text` as a quoted JSON string. Invalid UTF-8 bytes are replaced by U+FFFD so the output
// is always valid JSON.
void AppendJsonString(std::string_view text, std::string* out);
// Same, but pure ASCII: DEL and every non-ASCII character written as \u escapes (UTF-16 surrogate
// pairs above U+FFFF), as Python's json.dumps(ensure_ascii=True) writes them.
void AppendJsonStringAscii(std::string_view text, std::string* out);

// Appends a number: integers exactly, other doubles with the shortest round-trip form;
// NaN and infinities become null (JSON has no spelling for them).
void AppendJsonNumber(double value, std::string* out);
void AppendJsonInt(int64_t value, std::string* out);

// Appends the compact JSON text of a DOM element.
void AppendJsonElement(simdjson::dom::element element, std::string* out);

}  // namespace winnow
