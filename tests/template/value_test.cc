// Value: construction, JSON conversion, Python truthiness, equality and printing.

#include "winnow/template/value.h"

#include <gtest/gtest.h>

#include <string>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Json;

std::string Str(const Value& value) { return value.Str(); }

std::string Compact(const Value& value) {
  std::string out;
  value.AppendJson(&out);
  return out;
}

TEST(ValueTest, DefaultIsUndefinedAndKindsReportThemselves) {
  EXPECT_TRUE(Value().is_undefined());
  EXPECT_TRUE(Value::None().is_none());
  EXPECT_TRUE(Value(true).is_bool());
  EXPECT_TRUE(Value(3).is_int());
  EXPECT_TRUE(Value(int64_t{3}).is_int());
  EXPECT_TRUE(Value(size_t{3}).is_int());
  EXPECT_TRUE(Value(2.5).is_float());
  EXPECT_TRUE(Value("x").is_string());
  EXPECT_TRUE(Value(std::string("x")).is_string());
  EXPECT_TRUE(Value::Array({}).is_array());
  EXPECT_TRUE(Value::Tuple({}).is_tuple());
  EXPECT_TRUE(Value::Object().is_object());
  EXPECT_TRUE(Value::Namespace().is_namespace());
  EXPECT_TRUE(Value::Function([](CallArgs&) -> Result<Value> { return Value(1); }).is_callable());
  EXPECT_TRUE(Value(true).is_number());  // bool is an int subtype in Python
}

TEST(ValueTest, FloatsConvertToIntsByTruncatingAndSaturating) {
  EXPECT_EQ(Value(3.9).as_int(), 3);
  EXPECT_EQ(Value(-3.9).as_int(), -3);
  EXPECT_EQ(Value(1e300).as_int(), INT64_MAX);
  EXPECT_EQ(Value(-1e300).as_int(), INT64_MIN);
  EXPECT_EQ(Value(true).as_int(), 1);
  EXPECT_DOUBLE_EQ(Value(7).as_float(), 7.0);
}

TEST(ValueTest, MovedFromValueIsUndefined) {
  Value list = Value::Array({Value(1)});
  Value moved = std::move(list);
  EXPECT_TRUE(list.is_undefined());  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_EQ(moved.items().size(), 1u);
}

TEST(ValueTest, FromJsonKeepsIntegersOrderAndTypes) {
  Value v = Json(R"({"b": 1, "a": [1.5, "x", true, null, 18446744073709551615], "c": {}})");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.entries().size(), 3u);
  EXPECT_EQ(v.entries()[0].first, "b");
  EXPECT_EQ(v.entries()[1].first, "a");
  EXPECT_TRUE(v.Find("b")->is_int());
  const auto& items = v.Find("a")->items();
  EXPECT_TRUE(items[0].is_float());
  EXPECT_TRUE(items[1].is_string());
  EXPECT_TRUE(items[2].is_bool());
  EXPECT_TRUE(items[3].is_none());
  EXPECT_TRUE(items[4].is_float());  // beyond int64: a float, as the closest Value
  EXPECT_EQ(v.Find("zzz"), nullptr);
}

TEST(ValueTest, ObjectsSetReplaceInPlaceAndIndexManyKeys) {
  Value object = Value::Object();
  object.Set("a", 1);
  object.Set("b", 2);
  object.Set("a", 3);
  EXPECT_EQ(Compact(object), R"({"a":3,"b":2})");
  for (int i = 0; i < 100; ++i) object.Set("k" + std::to_string(i), i);
  EXPECT_EQ(object.Find("k99")->as_int(), 99);
  object.Set("k50", "x");
  EXPECT_EQ(object.Find("k50")->as_string(), "x");
  EXPECT_EQ(object.entries().size(), 102u);
}

TEST(ValueTest, ContainersAreShared) {
  Value list = Value::Array({});
  Value alias = list;
  alias.Append(1);
  EXPECT_EQ(list.items().size(), 1u);
  EXPECT_EQ(list.container_id(), alias.container_id());
}

TEST(ValueTest, PythonTruthiness) {
  for (const Value& v : {Value(), Value::None(), Value(false), Value(0), Value(0.0), Value(""),
                         Value::Array({}), Value::Object()}) {
    EXPECT_FALSE(v.Truthy()) << Str(v);
  }
  for (const Value& v : {Value(true), Value(-1), Value(0.1), Value(" "), Value::Array({Value()}),
                         Json(R"({"a":0})")}) {
    EXPECT_TRUE(v.Truthy()) << Str(v);
  }
}

TEST(ValueTest, PythonEquality) {
  EXPECT_TRUE(Value(1).Equals(Value(1.0)));
  EXPECT_TRUE(Value(true).Equals(Value(1)));
  EXPECT_FALSE(Value("1").Equals(Value(1)));
  EXPECT_TRUE(Value().Equals(Value()));
  EXPECT_FALSE(Value().Equals(Value::None()));
  EXPECT_TRUE(Json(R"({"a":[1,{"b":2}]})").Equals(Json(R"({"a":[1.0,{"b":2}]})")));
  EXPECT_TRUE(Json(R"({"a":1,"b":2})").Equals(Json(R"({"b":2,"a":1})")));
  EXPECT_FALSE(Json("[1,2]").Equals(Json("[1,2,3]")));
  EXPECT_FALSE(Value::Array({Value(1)}).Equals(Value::Tuple({Value(1)})));
}

TEST(ValueTest, PrintsLikePython) {
  EXPECT_EQ(Str(Value()), "");
  EXPECT_EQ(Str(Value::None()), "None");
  EXPECT_EQ(Str(Value(true)), "True");
  EXPECT_EQ(Str(Value(false)), "False");
  EXPECT_EQ(Str(Value(-42)), "-42");
  EXPECT_EQ(Str(Value(1.0)), "1.0");
  EXPECT_EQ(Str(Value("it's")), "it's");
  EXPECT_EQ(Str(Json(R"([1, "a", null, true, 2.5, [], {}])")), "[1, 'a', None, True, 2.5, [], {}]");
  EXPECT_EQ(Str(Json(R"({"a": "it's", "b": "say \"hi\"\n"})")),
            R"({'a': "it's", 'b': 'say "hi"\n'})");
  EXPECT_EQ(Str(Value::Tuple({Value(1)})), "(1,)");
  EXPECT_EQ(Str(Value::Tuple({Value(1), Value("x")})), "(1, 'x')");
  std::string repr;
  Value("a'b\"c").AppendRepr(&repr);
  EXPECT_EQ(repr, R"('a\'b"c')");
}

TEST(ValueTest, AppendJsonIsCompactAndLenient) {
  Value v = Json(R"({"s": "é\n", "n": [1, 2.5, 1e20, null, false]})");
  v.Set("u", Value());
  EXPECT_EQ(Compact(v), "{\"s\":\"é\\n\",\"n\":[1,2.5,1e+20,null,false],\"u\":null}");
}

TEST(ValueTest, ContainsFindsContainersAtAnyDepth) {
  Value inner = Value::Array({});
  Value outer = Value::Array({Json(R"({"a": 1})")});
  EXPECT_FALSE(outer.Contains(inner.container_id()));
  Value holder = Value::Object();
  holder.Set("x", inner);
  outer.Append(holder);
  EXPECT_TRUE(outer.Contains(inner.container_id()));
  EXPECT_TRUE(inner.Contains(inner.container_id()));
}

TEST(ValueTest, DeeplyNestedValuesFreeWithoutRecursion) {
  Value chain = Value::Array({});
  for (int i = 0; i < 200000; ++i) chain = Value::Array({chain});
  std::string text;
  EXPECT_TRUE(chain.AppendStrLimited(&text, 1 << 20));  // printing stops at kMaxValueDepth
  EXPECT_NE(text.find("..."), std::string::npos);
  chain = Value();  // must not overflow the stack
  SUCCEED();
}

TEST(ValueTest, AppendStrLimitedStopsEarly) {
  std::vector<Value> items(100000, Value("0123456789"));
  Value big = Value::Array(std::move(items));
  std::string out;
  EXPECT_FALSE(big.AppendStrLimited(&out, 1000));
  EXPECT_LT(out.size(), 2000u);
}

TEST(ValueTest, TypeNamesMatchPython) {
  EXPECT_EQ(Value::None().TypeName(), "NoneType");
  EXPECT_EQ(Value("x").TypeName(), "str");
  EXPECT_EQ(Value(1).TypeName(), "int");
  EXPECT_EQ(Value(1.5).TypeName(), "float");
  EXPECT_EQ(Value::Array({}).TypeName(), "list");
  EXPECT_EQ(Value::Tuple({}).TypeName(), "tuple");
  EXPECT_EQ(Value::Object().TypeName(), "dict");
}

}  // namespace
}  // namespace winnow::jinja
