#include "winnow/llm/json_values.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "winnow/common/hash.h"
#include "winnow/common/utf8.h"
#include "winnow/record/json_writer.h"

namespace winnow::llm {
namespace {

static_assert(std::numeric_limits<long double>::digits >= 64,
              "exact number comparison needs a long double that holds every int64 and uint64");

using simdjson::dom::element;
using simdjson::dom::element_type;

DecimalParts Normalized(uint64_t digits, int exponent) {
  if (digits == 0) return {};
  while (digits % 10 == 0) digits /= 10, ++exponent;
  return {digits, exponent};
}

uint64_t Magnitude(int64_t value) {
  return value < 0 ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
}

}  // namespace

// The shortest round-trip spelling in scientific form ("7e-02", "1.2345e+10") read back.
DecimalParts DecimalOf(const JsonNumber& number) {
  switch (number.kind) {
    case JsonNumber::Kind::kInt64:
      return Normalized(Magnitude(number.int64), 0);
    case JsonNumber::Kind::kUint64:
      return Normalized(number.uint64, 0);
    case JsonNumber::Kind::kDouble:
      break;
  }
  char buf[64];
  const auto result =
      std::to_chars(buf, buf + sizeof buf, std::fabs(number.real), std::chars_format::scientific);
  uint64_t digits = 0;
  int fraction_digits = 0;
  bool in_fraction = false;
  const char* p = buf;
  for (; p < result.ptr && *p != 'e'; ++p) {
    if (*p == '.') {
      in_fraction = true;
      continue;
    }
    digits = digits * 10 + static_cast<uint64_t>(*p - '0');
    if (in_fraction) ++fraction_digits;
  }
  int exponent = 0;
  if (p < result.ptr) {
    ++p;
    if (*p == '+') ++p;
    std::from_chars(p, result.ptr, exponent);
  }
  return Normalized(digits, exponent - fraction_digits);
}

namespace {

using Wide = unsigned __int128;

uint64_t PowerOfTenModulo(int exponent, uint64_t modulus) {
  Wide result = 1 % modulus;
  Wide base = 10 % modulus;
  for (; exponent > 0; exponent >>= 1) {
    if (exponent & 1) result = result * base % modulus;
    base = base * base % modulus;
  }
  return static_cast<uint64_t>(result);
}

uint64_t Mix(uint64_t seed, uint64_t value) {
  uint64_t x = (seed ^ value) * 0x9E3779B97F4A7C15ULL;
  x ^= x >> 31;
  return x * 0xBF58476D1CE4E5B9ULL ^ (x >> 29);
}

uint64_t NumberHash(const JsonNumber& number) {
  // Integral values hash by their integer value whatever their kind, so 1 and 1.0 meet.
  const long double exact = number.Exact();
  if (number.IsInteger() && exact >= -0x1p63L && exact < 0x1p64L) {
    const uint64_t bits = exact < 0 ? static_cast<uint64_t>(static_cast<int64_t>(exact))
                                    : static_cast<uint64_t>(exact);
    return Mix(1, bits);
  }
  uint64_t bits = 0;
  static_assert(sizeof bits == sizeof number.real);
  __builtin_memcpy(&bits, &number.real, sizeof bits);
  return Mix(2, bits);
}

bool ObjectsEqual(simdjson::dom::object a, simdjson::dom::object b) {
  if (a.size() != b.size()) return false;
  for (auto field : a) {
    element other;
    if (b.at_key(field.key).get(other) != simdjson::SUCCESS) return false;
    if (!JsonEqual(field.value, other)) return false;
  }
  return true;
}

bool ArraysEqual(simdjson::dom::array a, simdjson::dom::array b) {
  if (a.size() != b.size()) return false;
  auto it = b.begin();
  for (element item : a) {
    if (!JsonEqual(item, *it)) return false;
    ++it;
  }
  return true;
}

}  // namespace

JsonNumber JsonNumber::FromInt64(int64_t value) {
  JsonNumber number;
  number.kind = Kind::kInt64;
  number.int64 = value;
  return number;
}

JsonNumber JsonNumber::FromUint64(uint64_t value) {
  JsonNumber number;
  number.kind = Kind::kUint64;
  number.uint64 = value;
  return number;
}

JsonNumber JsonNumber::FromDouble(double value) {
  JsonNumber number;
  number.kind = Kind::kDouble;
  number.real = value;
  return number;
}

long double JsonNumber::Exact() const {
  switch (kind) {
    case Kind::kInt64:
      return static_cast<long double>(int64);
    case Kind::kUint64:
      return static_cast<long double>(uint64);
    case Kind::kDouble:
      break;
  }
  return real;
}

bool JsonNumber::IsInteger() const {
  return kind != Kind::kDouble || (std::isfinite(real) && std::floor(real) == real);
}

std::string JsonNumber::ToString() const {
  std::string text;
  char buf[32];
  switch (kind) {
    case Kind::kInt64:
      text.assign(buf, std::to_chars(buf, buf + sizeof buf, int64).ptr);
      break;
    case Kind::kUint64:
      text.assign(buf, std::to_chars(buf, buf + sizeof buf, uint64).ptr);
      break;
    case Kind::kDouble:
      AppendJsonNumber(real, &text);
      break;
  }
  return text;
}

std::optional<JsonNumber> NumberOf(element value) {
  switch (value.type()) {
    case element_type::INT64:
      return JsonNumber::FromInt64(value.get_int64().value_unsafe());
    case element_type::UINT64:
      return JsonNumber::FromUint64(value.get_uint64().value_unsafe());
    case element_type::DOUBLE:
      return JsonNumber::FromDouble(value.get_double().value_unsafe());
    default:
      return std::nullopt;
  }
}

int CompareNumbers(const JsonNumber& a, const JsonNumber& b) {
  const long double x = a.Exact();
  const long double y = b.Exact();
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool IsMultipleOf(const JsonNumber& value, const JsonNumber& divisor) {
  const DecimalParts v = DecimalOf(value);
  const DecimalParts d = DecimalOf(divisor);
  if (v.digits == 0) return true;
  if (d.digits == 0) return false;
  const int shift = v.exponent - d.exponent;
  if (shift >= 0) {
    // (v.digits * 10^shift) mod d.digits, by modular arithmetic so 1e308 needs no big integer.
    const Wide remainder = Wide{v.digits % d.digits} * PowerOfTenModulo(shift, d.digits) % d.digits;
    return remainder == 0;
  }
  // d.digits * 10^-shift must divide v.digits < 2^64: impossible once it exceeds 10^20.
  if (-shift > 19) return false;
  Wide scaled = d.digits;
  for (int i = 0; i < -shift; ++i) scaled *= 10;
  return Wide{v.digits} % scaled == 0;
}

bool JsonEqual(element a, element b) {
  const std::optional<JsonNumber> x = NumberOf(a);
  const std::optional<JsonNumber> y = NumberOf(b);
  if (x || y) return x && y && CompareNumbers(*x, *y) == 0;
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case element_type::STRING:
      return a.get_string().value_unsafe() == b.get_string().value_unsafe();
    case element_type::BOOL:
      return a.get_bool().value_unsafe() == b.get_bool().value_unsafe();
    case element_type::ARRAY:
      return ArraysEqual(a.get_array().value_unsafe(), b.get_array().value_unsafe());
    case element_type::OBJECT:
      return ObjectsEqual(a.get_object().value_unsafe(), b.get_object().value_unsafe());
    default:
      return true;  // null
  }
}

uint64_t JsonHash(element value) {
  if (std::optional<JsonNumber> number = NumberOf(value)) return NumberHash(*number);
  switch (value.type()) {
    case element_type::STRING:
      return Mix(3, Hash64(value.get_string().value_unsafe()));
    case element_type::BOOL:
      return Mix(4, value.get_bool().value_unsafe() ? 1 : 0);
    case element_type::ARRAY: {
      uint64_t hash = Mix(5, 0);
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (element item : items) hash = Mix(hash, JsonHash(item));
      return hash;
    }
    case element_type::OBJECT: {
      // A sum of per-field hashes does not depend on the key order.
      uint64_t sum = 0;
      const simdjson::dom::object fields = value.get_object().value_unsafe();
      for (auto field : fields) {
        sum += Mix(Hash64(field.key), JsonHash(field.value));
      }
      return Mix(6, sum);
    }
    default:
      return Mix(7, 0);
  }
}

std::string JsonSnippet(element value, size_t max_chars) {
  if (std::optional<JsonNumber> number = NumberOf(value)) return number->ToString();
  if (value.type() == element_type::STRING) {
    return QuotedSnippet(value.get_string().value_unsafe(), max_chars);
  }
  return Snippet(simdjson::to_string(value), max_chars);
}

std::string QuotedSnippet(std::string_view text, size_t max_code_points) {
  std::string quoted;
  AppendJsonString(Snippet(text, max_code_points), &quoted);
  return quoted;
}

void AppendPointerToken(std::string_view token, std::string* pointer) {
  pointer->push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer->append("~0");
    } else if (c == '/') {
      pointer->append("~1");
    } else {
      pointer->push_back(c);
    }
  }
}

}  // namespace winnow::llm
