// Python's float repr, json.dumps, printf-style and str.format formatting.

#include "winnow/template/python_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Json;

std::string Float(double value) {
  std::string out;
  AppendPythonFloat(value, &out);
  return out;
}

TEST(PythonFloatTest, MatchesPythonRepr) {
  EXPECT_EQ(Float(1.0), "1.0");
  EXPECT_EQ(Float(0.0), "0.0");
  EXPECT_EQ(Float(-0.0), "-0.0");
  EXPECT_EQ(Float(1.5), "1.5");
  EXPECT_EQ(Float(0.1), "0.1");
  EXPECT_EQ(Float(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Float(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(Float(123456789.123), "123456789.123");
  EXPECT_EQ(Float(1e15), "1000000000000000.0");
  EXPECT_EQ(Float(1e16), "1e+16");
  EXPECT_EQ(Float(1.5e16), "1.5e+16");
  EXPECT_EQ(Float(12345678901234567.0), "1.2345678901234568e+16");
  EXPECT_EQ(Float(0.0001), "0.0001");
  EXPECT_EQ(Float(0.00001), "1e-05");
  EXPECT_EQ(Float(2.5e-10), "2.5e-10");
  EXPECT_EQ(Float(1e300 * 1e10), "inf");
  EXPECT_EQ(Float(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(Float(std::nan("")), "nan");
}

std::string Dumps(const Value& value, JsonStyle style = {}) {
  std::string out;
  Status status = AppendPythonJson(value, style, &out);
  return status.ok() ? out : "ERROR: " + status.message();
}

TEST(PythonJsonTest, DefaultSeparatorsHaveSpaces) {
  EXPECT_EQ(Dumps(Json(R"({"a": [1, 2.0, null, true], "b": "x"})")),
            R"({"a": [1, 2.0, null, true], "b": "x"})");
  EXPECT_EQ(Dumps(Json("[]")), "[]");
  EXPECT_EQ(Dumps(Json("{}")), "{}");
}

TEST(PythonJsonTest, IndentBreaksLinesAndDropsTheItemSpace) {
  JsonStyle style;
  style.indent_enabled = true;
  style.indent = "  ";
  style.item_separator = ",";
  EXPECT_EQ(Dumps(Json(R"({"a": [1, {"b": []}], "c": {}})"), style),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": {}\n}");
  style.indent = "";
  EXPECT_EQ(Dumps(Json("[1,2]"), style), "[\n1,\n2\n]");
}

TEST(PythonJsonTest, EscapingAndEnsureAscii) {
  EXPECT_EQ(Dumps(Value("é \"q\" \\ \n\t\x01\x7f")), "\"é \\\"q\\\" \\\\ \\n\\t\\u0001\x7f\"");
  JsonStyle ascii;
  ascii.ensure_ascii = true;
  EXPECT_EQ(Dumps(Value("é😀\x7f"), ascii), "\"\\u00e9\\ud83d\\ude00\\u007f\"");
}

TEST(PythonJsonTest, SortKeysNonFiniteAndUnserializable) {
  JsonStyle sorted;
  sorted.sort_keys = true;
  EXPECT_EQ(Dumps(Json(R"({"b": 1, "a": {"d": 1, "c": 2}})"), sorted),
            R"({"a": {"c": 2, "d": 1}, "b": 1})");
  EXPECT_EQ(Dumps(Value(std::nan(""))), "NaN");
  EXPECT_EQ(Dumps(Value(std::numeric_limits<double>::infinity())), "Infinity");
  EXPECT_EQ(Dumps(Value()), "ERROR: Object of type Undefined is not JSON serializable");
  JsonStyle capped;
  capped.max_bytes = 10;
  EXPECT_EQ(Dumps(Json(R"(["aaaaaaaa", "bbbbbbbb", "c"])"), capped),
            "ERROR: JSON text exceeds 10 bytes");
}

std::string Percent(std::string_view format, const Value& args) {
  auto text = PercentFormat(format, args);
  return text ? *text : "ERROR: " + text.error().message();
}

TEST(PercentFormatTest, ConversionsFlagsWidthPrecision) {
  EXPECT_EQ(Percent("%s and %d", Value::Tuple({Value("x"), Value(3)})), "x and 3");
  EXPECT_EQ(
      Percent("%5.2f|%-5d|%05d|%+d", Value::Tuple({Value(3.14159), Value(42), Value(7), Value(5)})),
      " 3.14|42   |00007|+5");
  EXPECT_EQ(Percent("%x %X %o %#x", Value::Tuple({Value(255), Value(255), Value(8), Value(255)})),
            "ff FF 10 0xff");
  EXPECT_EQ(Percent("%r %.2s %c%%", Value::Tuple({Value("a"), Value("abc"), Value(65)})),
            "'a' ab A%");
  EXPECT_EQ(Percent("%e %g", Value::Tuple({Value(12345.678), Value(0.0001)})),
            "1.234568e+04 0.0001");
  EXPECT_EQ(Percent("%s", Json("[1, 2]")), "[1, 2]");  // a list is one argument, as in Python
  EXPECT_EQ(Percent("%(a)s-%(b)d", Json(R"({"a": "x", "b": 2})")), "x-2");
}

TEST(PercentFormatTest, Errors) {
  EXPECT_EQ(Percent("%s %s", Value::Tuple({Value(1)})),
            "ERROR: not enough arguments for format string");
  EXPECT_EQ(Percent("%s", Value::Tuple({Value(1), Value(2)})),
            "ERROR: not all arguments converted during string formatting");
  EXPECT_EQ(Percent("%d", Value::Tuple({Value("x")})),
            "ERROR: format requires a number for 'd', not str");
  EXPECT_EQ(Percent("%y", Value::Tuple({Value(1)})), "ERROR: unsupported format character 'y'");
}

std::string Brace(std::string_view format, CallArgs args) {
  auto text = BraceFormat(format, args);
  return text ? *text : "ERROR: " + text.error().message();
}

TEST(BraceFormatTest, FieldsConversionsAndSpecs) {
  CallArgs args;
  args.positional = {Value("a"), Value(3.14159), Value(1234567)};
  args.keyword = {{"name", Value("n")}};
  EXPECT_EQ(Brace("{} {} {}", args), "a 3.14159 1234567");
  EXPECT_EQ(Brace("{0}{0} {name}!", args), "aa n!");
  EXPECT_EQ(Brace("{1:.2f} {2:,} {0!r} {{x}}", args), "3.14 1,234,567 'a' {x}");
  EXPECT_EQ(Brace("[{0:>4}|{0:<4}|{0:^5}|{0:*^5}]", args), "[   a|a   |  a  |**a**]");
  EXPECT_EQ(Brace("{2:08d} {2:x} {1:.1%}", args), "01234567 12d687 314.2%");
  EXPECT_EQ(Brace("{3}", args),
            "ERROR: Replacement index 3 out of range for positional args tuple");
  EXPECT_EQ(Brace("{missing}", args), "ERROR: format field 'missing' not given");
  EXPECT_EQ(Brace("a } b", args), "ERROR: Single '}' encountered in format string");
}

}  // namespace
}  // namespace winnow::jinja
