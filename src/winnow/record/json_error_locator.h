#pragma once

// Finds where and why JSON text is invalid. simdjson says *that* a document is bad but not where;
// this slower scalar scanner runs only on the error path to give users "line:column: reason".

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {

struct JsonErrorLocation {
  bool found = false;   // false when the scanner accepts the text
  size_t offset = 0;    // byte offset of the problem within the text
  std::string message;  // e.g. "unterminated string", "expected ',' or '}' after object member"
};

// Scans `text` as one JSON value (surrounding whitespace allowed). Never recurses, so any nesting
// depth is safe; depth beyond `max_depth` is reported as an error.
JsonErrorLocation LocateJsonError(std::string_view text, size_t max_depth = 1024);

// 1-based line and column (in code points) of `offset` within `text`.
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition PositionOf(std::string_view text, size_t offset);

}  // namespace winnow
