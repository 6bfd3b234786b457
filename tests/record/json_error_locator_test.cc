#include "winnow/record/json_error_locator.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

struct Case {
  const char* json;
  size_t offset;
  const char* message;
};

TEST(JsonErrorLocatorTest, FindsEachKindOfError) {
  const Case cases[] = {
      {R"({"a": 1,, "b": 2})", 8, "expected a quoted object key"},
      {R"({"a" 1})", 5, "expected ':' after object key"},
      {R"({"a": 1 "b": 2})", 8, "expected ',' or '}' but found '\"'"},
      {R"([1, 2)", 5, "unexpected end of input (unclosed '[')"},
      {R"({"a": tru})", 6, "unexpected character 't' (expected a value)"},
      {R"({"a": "x\q"})", 8, "invalid escape '\\q' in string"},
      {R"({"a": 01})", 6, "invalid number (leading zero)"},
      {R"({"a": 1} x)", 9, "unexpected content after the end of the JSON value"},
      {R"({'a': 1})", 1, "expected a quoted object key"},
      {"", 0, "empty document (no JSON value)"},
      {"{\"a\": \"tab\there\"}", 10, "unescaped control character in string"},
  };
  for (const Case& c : cases) {
    JsonErrorLocation where = LocateJsonError(c.json);
    ASSERT_TRUE(where.found) << c.json;
    EXPECT_EQ(where.offset, c.offset) << c.json;
    EXPECT_EQ(where.message, c.message) << c.json;
  }
}

TEST(JsonErrorLocatorTest, AcceptsValidJson) {
  for (const char* json : {R"({})", R"([])", R"({"a": [1, -2.5e3, true, null, "\u00e9\n"]})",
                           "  {\"nested\": {\"x\": [[[]]]}}  ", R"("just a string")", "0"}) {
    EXPECT_FALSE(LocateJsonError(json).found) << json;
  }
}

TEST(JsonErrorLocatorTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  JsonErrorLocation where = LocateJsonError(deep, 1024);
  ASSERT_TRUE(where.found);
  EXPECT_EQ(where.offset, 1024u);
  EXPECT_EQ(where.message, "nesting deeper than 1024 levels");
}

TEST(JsonErrorLocatorTest, InvalidUtf8InString) {
  JsonErrorLocation where = LocateJsonError("{\"a\": \"ok\xc3\x28\"}");
  ASSERT_TRUE(where.found);
  EXPECT_EQ(where.offset, 9u);
  EXPECT_EQ(where.message, "invalid UTF-8 in string");
}

TEST(JsonErrorLocatorTest, PositionCountsLinesAndCodePoints) {
  std::string text = "{\n  \"é\": x}";
  TextPosition pos = PositionOf(text, text.find('x'));
  EXPECT_EQ(pos.line, 2u);
  EXPECT_EQ(pos.column, 8u);  // 2 spaces, quote, é (one code point), quote, colon, space, x
}

}  // namespace
}  // namespace winnow
