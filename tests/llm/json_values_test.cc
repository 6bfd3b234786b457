#include "winnow/llm/json_values.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow::llm {
namespace {

JsonNumber Int(int64_t value) { return JsonNumber::FromInt64(value); }
JsonNumber Uint(uint64_t value) { return JsonNumber::FromUint64(value); }
JsonNumber Real(double value) { return JsonNumber::FromDouble(value); }

TEST(JsonValuesTest, CompareNumbersIsExact) {
  EXPECT_EQ(CompareNumbers(Int(1), Real(1.0)), 0);
  EXPECT_EQ(CompareNumbers(Int(9007199254740993), Real(9007199254740992.0)), 1);
  EXPECT_EQ(CompareNumbers(Int(INT64_MAX), Real(9223372036854775808.0)), -1);
  EXPECT_EQ(CompareNumbers(Uint(UINT64_MAX), Real(18446744073709551616.0)), -1);
  EXPECT_EQ(CompareNumbers(Uint(9223372036854775808ULL), Int(INT64_MAX)), 1);
  EXPECT_EQ(CompareNumbers(Int(-1), Uint(0)), -1);
  EXPECT_EQ(CompareNumbers(Real(-0.0), Int(0)), 0);
}

TEST(JsonValuesTest, IsIntegerAndToString) {
  EXPECT_TRUE(Real(1.0).IsInteger());
  EXPECT_TRUE(Real(1e300).IsInteger());
  EXPECT_FALSE(Real(0.5).IsInteger());
  EXPECT_EQ(Real(0.07).ToString(), "0.07");
  EXPECT_EQ(Real(5.0).ToString(), "5");
  EXPECT_EQ(Int(-3).ToString(), "-3");
  EXPECT_EQ(Uint(UINT64_MAX).ToString(), "18446744073709551615");
}

TEST(JsonValuesTest, DecimalOfIsTheShortestSpelling) {
  EXPECT_EQ(DecimalOf(Real(0.07)).digits, 7u);
  EXPECT_EQ(DecimalOf(Real(0.07)).exponent, -2);
  EXPECT_EQ(DecimalOf(Real(-1250.0)).digits, 125u);
  EXPECT_EQ(DecimalOf(Real(-1250.0)).exponent, 1);
  EXPECT_EQ(DecimalOf(Int(INT64_MIN)).digits, 9223372036854775808ULL);
  EXPECT_EQ(DecimalOf(Int(0)).digits, 0u);
  EXPECT_EQ(DecimalOf(Real(1e308)).exponent, 308);
}

TEST(JsonValuesTest, IsMultipleOf) {
  EXPECT_TRUE(IsMultipleOf(Real(0.07), Real(0.01)));
  EXPECT_TRUE(IsMultipleOf(Real(19.99), Real(0.01)));
  EXPECT_FALSE(IsMultipleOf(Real(0.075), Real(0.01)));
  EXPECT_TRUE(IsMultipleOf(Int(0), Real(0.3)));
  EXPECT_TRUE(IsMultipleOf(Int(-9), Int(3)));
  EXPECT_FALSE(IsMultipleOf(Real(1e308), Real(0.123456789)));
  EXPECT_TRUE(IsMultipleOf(Real(1e308), Int(5)));
  EXPECT_FALSE(IsMultipleOf(Real(1e308), Int(3)));
  EXPECT_TRUE(IsMultipleOf(Int(12391239123), Real(1e-8)));
  EXPECT_FALSE(IsMultipleOf(Real(1e-300), Int(1)));
  EXPECT_TRUE(IsMultipleOf(Real(4.5), Real(1.5)));
  EXPECT_TRUE(IsMultipleOf(Int(1), Real(1e-300)));
  EXPECT_TRUE(IsMultipleOf(Uint(UINT64_MAX), Uint(UINT64_MAX)));
  EXPECT_FALSE(IsMultipleOf(Uint(UINT64_MAX - 1), Uint(UINT64_MAX)));
}

class JsonEqualTest : public ::testing::Test {
 protected:
  simdjson::dom::element Parse(simdjson::dom::parser& parser, const std::string& json) {
    simdjson::dom::element element;
    EXPECT_EQ(parser.parse(json).get(element), simdjson::SUCCESS) << json;
    return element;
  }

  // Equal per JsonEqual, checking that equal values hash alike.
  bool Equal(const std::string& a, const std::string& b) {
    simdjson::dom::parser pa, pb;
    const simdjson::dom::element x = Parse(pa, a);
    const simdjson::dom::element y = Parse(pb, b);
    const bool equal = JsonEqual(x, y);
    EXPECT_EQ(equal, JsonEqual(y, x));
    if (equal) {
      EXPECT_EQ(JsonHash(x), JsonHash(y)) << a << " " << b;
    }
    return equal;
  }
};

TEST_F(JsonEqualTest, NumbersByValueObjectsUnordered) {
  EXPECT_TRUE(Equal("1", "1.0"));
  EXPECT_TRUE(Equal("-0.0", "0"));
  EXPECT_TRUE(Equal("1e2", "100"));
  EXPECT_TRUE(Equal("18446744073709551615", "18446744073709551615"));
  EXPECT_FALSE(Equal("9007199254740993", "9007199254740992.0"));
  EXPECT_FALSE(Equal("1", "true"));
  EXPECT_FALSE(Equal("0", "false"));
  EXPECT_FALSE(Equal("null", "false"));
  EXPECT_TRUE(Equal(R"({"a":1,"b":[1,{"c":null}]})", R"({"b":[1.0,{"c":null}],"a":1})"));
  EXPECT_FALSE(Equal(R"({"a":1})", R"({"a":1,"b":1})"));
  EXPECT_FALSE(Equal(R"({"a":1,"c":1})", R"({"a":1,"b":1})"));
  EXPECT_FALSE(Equal("[1,2]", "[2,1]"));
  EXPECT_FALSE(Equal("[1]", "[1,1]"));
  EXPECT_TRUE(Equal(R"("\u00e9")", "\"\xC3\xA9\""));
}

TEST(JsonValuesTest, PointerTokens) {
  std::string pointer;
  AppendPointerToken("a/b~c", &pointer);
  AppendPointerToken("", &pointer);
  EXPECT_EQ(pointer, "/a~1b~0c/");
}

}  // namespace
}  // namespace winnow::llm
