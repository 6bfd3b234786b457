#pragma once

// JSON values as JSON Schema sees them: numbers compared by mathematical value (1 == 1.0), objects
// equal whatever their key order, multipleOf decided on the decimal the user wrote (0.07 is a
// multiple of 0.01 although 0.07 / 0.01 is 7.000000000000001 in binary floating point).

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace winnow::llm {

// A JSON number as simdjson parsed it: an int64, a uint64 (above INT64_MAX) or a double.
struct JsonNumber {
  enum class Kind : uint8_t { kInt64, kUint64, kDouble };
  Kind kind = Kind::kInt64;
  int64_t int64 = 0;
  uint64_t uint64 = 0;
  double real = 0;

  static JsonNumber FromInt64(int64_t value);
  static JsonNumber FromUint64(uint64_t value);
  static JsonNumber FromDouble(double value);

  // The exact value: long double holds every int64, uint64 and double on x86-64 and AArch64.
  long double Exact() const;
  // True for integers and for doubles without a fractional part (1.0), as JSON Schema counts them.
  bool IsInteger() const;
  // Shortest text that reads back as the same number: 7, -3, 0.07, 1e+300.
  std::string ToString() const;
};

// The number in `element`, or nullopt when it is not a number.
std::optional<JsonNumber> NumberOf(simdjson::dom::element element);

// |number| as digits * 10^exponent: the shortest decimal that reads back as the number (the one
// the user most likely wrote), without trailing zeros in `digits`; 0 is {0, 0}.
struct DecimalParts {
  uint64_t digits = 0;
  int exponent = 0;
};
DecimalParts DecimalOf(const JsonNumber& number);

// -1, 0 or 1 as a is less than, equal to or greater than b, exactly.
int CompareNumbers(const JsonNumber& a, const JsonNumber& b);

// True when value / divisor is an integer, computed on the shortest decimal spelling of each
// (what the schema and the instance wrote). Requires divisor > 0.
bool IsMultipleOf(const JsonNumber& value, const JsonNumber& divisor);

// JSON Schema equality: same type (integer and number are one type), numbers by value, strings by
// code points, arrays element-wise, objects with the same keys and equal values in any order.
bool JsonEqual(simdjson::dom::element a, simdjson::dom::element b);

// A hash consistent with JsonEqual (equal values hash alike), for uniqueItems on long arrays.
uint64_t JsonHash(simdjson::dom::element element);

// Compact JSON text of `element` for messages, cut to about `max_chars` characters with "…".
std::string JsonSnippet(simdjson::dom::element element, size_t max_chars = 60);

// `text` as a quoted JSON string for messages, cut to `max_code_points` with "…".
std::string QuotedSnippet(std::string_view text, size_t max_code_points = 60);

// Appends `token` to a JSON pointer, escaping '~' as ~0 and '/' as ~1 (RFC 6901).
void AppendPointerToken(std::string_view token, std::string* pointer);

}  // namespace winnow::llm
