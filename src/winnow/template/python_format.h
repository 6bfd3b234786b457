#pragma once

// Python's text conventions, so rendered templates match Jinja2 byte for byte: float repr
// ("1.0", "1e-05", "1e+16"), string repr ('it\'s' -> "it's"), json.dumps (with its separators,
// indent, sort_keys and ensure_ascii), printf-style "%s %d" % args and str.format.

#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/template/value.h"

namespace winnow::jinja {

// repr(float): the shortest text that reads back as the same double, in fixed notation for
// exponents -4..15 and scientific ("1e-05") otherwise; "nan", "inf", "-inf".
void AppendPythonFloat(double value, std::string* out);

// repr(str): single quotes unless the text holds a single quote and no double quote.
void AppendPythonStringRepr(std::string_view text, std::string* out);

// json.dumps options. Python's defaults: ", " and ": " without indent; "," and ": " with one.
struct JsonStyle {
  std::string item_separator = ", ";
  std::string key_separator = ": ";
  bool indent_enabled = false;  // indent=None means one line; indent=0 still breaks lines
  std::string indent;           // added per nesting level when indent_enabled
  bool sort_keys = false;
  bool ensure_ascii = false;    // escape everything outside printable ASCII (\u plus 4 hex digits)
  bool lenient = false;         // undefined and functions become null instead of an error
  size_t max_bytes = SIZE_MAX;  // fail once the output grows past this
};

// Appends json.dumps(value) in `style`. Fails on values JSON cannot hold (undefined, functions)
// unless style.lenient, and on nesting deeper than kMaxValueDepth.
Status AppendPythonJson(const Value& value, const JsonStyle& style, std::string* out);

// `format % args` (Python's printf-style formatting): %s %r %d %i %f %e %g %x %o %c %% with flags,
// width and precision, and %(name)s with a mapping. `args` is a tuple/list of positional values,
// a dict for named fields, or a single value.
Result<std::string> PercentFormat(std::string_view format, const Value& args);

// str.format(*positional, **keyword): {} {0} {name}, conversions !s !r and format specs
// ([[fill]align][sign][0][width][,][.precision][type]); {{ and }} are literal braces.
Result<std::string> BraceFormat(std::string_view format, const CallArgs& args);

}  // namespace winnow::jinja
