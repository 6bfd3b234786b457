#include "winnow/llm/json_schema_example.h"

#include <gtest/gtest.h>

#include <set>

#include "llm/schema_test_util.h"

namespace winnow::llm {
namespace {

using testing::MustCompile;

std::string Example(std::string_view schema_json, uint64_t variant = 0) {
  auto example = MakeExampleInstance(MustCompile(schema_json), variant);
  if (!example) return "error: " + example.error().message();
  return *example;
}

TEST(JsonSchemaExampleTest, SmallestValues) {
  EXPECT_EQ(Example(R"({"type":"object","properties":{"name":{"type":"string","minLength":2},
                        "age":{"type":"integer","minimum":18},"nick":{"type":"string"}},
                        "required":["name","age"]})"),
            R"({"name":"xx","age":18})");
  EXPECT_EQ(Example(R"({"type":"string"})"), R"("")");
  EXPECT_EQ(Example(R"({"type":"integer","exclusiveMinimum":3})"), "4");
  EXPECT_EQ(Example(R"({"type":"number","minimum":0.5})"), "0.5");
  EXPECT_EQ(Example(R"({"type":"number","exclusiveMinimum":1,"exclusiveMaximum":2})"), "1.5");
  EXPECT_EQ(Example(R"({"type":"number","minimum":0.05,"multipleOf":0.02})"), "0.06");
  EXPECT_EQ(Example(R"({"type":"integer","minimum":1,"multipleOf":2.5})"), "5");
  EXPECT_EQ(Example(R"({"type":"integer","maximum":-7,"multipleOf":3})"), "-9");
  // Exact at the bound although 0.07 / 0.01 is not 7 in binary floating point.
  EXPECT_EQ(Example(R"({"type":"number","minimum":0.07,"multipleOf":0.01})"), "0.07");
  EXPECT_EQ(Example(R"({"type":"number","maximum":-0.07,"multipleOf":0.01})"), "-0.07");
  EXPECT_EQ(Example(R"({"type":"number","exclusiveMinimum":0.07,"multipleOf":0.01})"), "0.08");
  EXPECT_EQ(Example(R"({"type":"number","multipleOf":0.01})"), "0");
  EXPECT_EQ(Example(R"({"type":"array","items":{"type":"boolean"},"minItems":2})"), "[true,true]");
  EXPECT_EQ(Example(R"({"enum":["b","a"]})"), R"("b")");
  EXPECT_EQ(Example(R"({"const":{"k":[1,2]}})"), R"({"k":[1,2]})");
  EXPECT_EQ(Example(R"({"type":["string","null"]})"), R"("")");
  EXPECT_EQ(Example(R"({"type":"null"})"), "null");
  EXPECT_EQ(Example(R"({"type":"string","format":"date"})"), R"("2024-01-01")");
  EXPECT_EQ(Example(R"({"type":"string","pattern":"^[A-Z]{3}-\\d{2}$"})"), R"("AAA-00")");
  EXPECT_EQ(Example("true"), "null");
}

TEST(JsonSchemaExampleTest, VariantsChangeTheChoices) {
  EXPECT_EQ(Example(R"({"enum":["b","a","c"]})", 1), R"("a")");
  EXPECT_EQ(Example(R"({"enum":["b","a","c"]})", 5), R"("c")");
  EXPECT_EQ(Example(R"({"type":"integer","minimum":10,"maximum":12})", 2), "12");
  EXPECT_EQ(Example(R"({"type":"integer","minimum":10,"maximum":12})", 9), "10");
  // Variant 1 starts with the second alternative, and moves the integer up by one.
  EXPECT_EQ(Example(R"({"anyOf":[{"type":"string"},{"type":"integer"}]})", 1), "1");
  EXPECT_EQ(Example(R"({"type":"string","minLength":1})", 2), R"("xxx")");
  // The same variant gives the same answer.
  const char* schema = R"({"type":"object","required":["a","b"],"properties":{
      "a":{"enum":[1,2,3]},"b":{"type":"array","minItems":2,"uniqueItems":true,
                                 "items":{"type":"integer"}}}})";
  EXPECT_EQ(Example(schema, 3), Example(schema, 3));
  EXPECT_NE(Example(schema, 0), Example(schema, 1));
}

TEST(JsonSchemaExampleTest, UnsupportedSaysWhy) {
  auto why = [](std::string_view schema) {
    auto example = MakeExampleInstance(MustCompile(schema));
    EXPECT_FALSE(example.has_value()) << schema << " gave " << *example;
    if (example) return std::string();
    EXPECT_EQ(example.error().code(), StatusCode::kUnsupported);
    return example.error().message();
  };
  EXPECT_NE(
      why(R"({"type":"string","minLength":5,"maxLength":2})").find("minLength exceeds maxLength"),
      std::string::npos);
  EXPECT_NE(why(R"({"allOf":[{"type":"string"},{"type":"integer"}]})").find("contradict"),
            std::string::npos);
  EXPECT_NE(why(R"({"properties":{"p":{"type":"string","pattern":"\\p{Greek}"}},"required":["p"]})")
                .find("schema /properties/p: cannot build a string matching the pattern"),
            std::string::npos);
  EXPECT_NE(why(R"({"type":"object","required":["child"],"properties":{"child":{"$ref":"#"}}})")
                .find("nest deeper than"),
            std::string::npos);
  EXPECT_NE(why("false").find("false"), std::string::npos);
  EXPECT_NE(why(R"({"type":"integer","minimum":1,"maximum":1.5,"multipleOf":2})").find("multiple"),
            std::string::npos);
}

// Varied schemas; every variant's example must validate.
const char* const kSchemas[] = {
    R"({"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array",
        "items":{"type":"string","minLength":1},"minItems":1}},"required":["name","tags"],
        "additionalProperties":false})",
    R"({"type":"array","prefixItems":[{"type":"integer"},{"type":"string","maxLength":3}],
        "minItems":3,"items":{"type":"boolean"}})",
    R"({"type":"array","minItems":4,"uniqueItems":true,"items":{"type":"integer","minimum":0}})",
    R"({"type":"array","minItems":3,"uniqueItems":true})",
    R"({"type":"array","contains":{"type":"string","const":"x"},"minContains":2,
        "items":{"type":["string","integer"]}})",
    R"({"type":"number","multipleOf":0.01,"minimum":0.005,"maximum":1})",
    R"({"type":"integer","multipleOf":7,"exclusiveMinimum":100})",
    R"({"type":"number","minimum":-5.5,"maximum":-5.25})",
    R"({"type":"integer","not":{"enum":[0,1,2]}})",
    R"({"type":"string","minLength":3,"maxLength":5,"pattern":"^[a-c]+$"})",
    R"({"type":"string","pattern":"^\\+?\\d{1,3}[ -]?\\(?\\d{3}\\)?[ -]?\\d{3}[ -]?\\d{4}$"})",
    R"({"type":"string","format":"email","maxLength":64})",
    R"({"type":"string","format":"date-time"})",
    R"({"type":"string","format":"uuid","pattern":"^[0-9a-f-]{36}$"})",
    R"({"oneOf":[{"type":"integer","minimum":5},{"type":"integer","maximum":2}]})",
    R"({"oneOf":[{"type":"integer"},{"type":"number"}]})",
    R"({"anyOf":[{"type":"null"},{"$ref":"#/$defs/point"}],"$defs":{"point":{"type":"object",
        "properties":{"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"]}}})",
    R"({"$ref":"#/$defs/node","$defs":{"node":{"type":"object","required":["value"],
        "properties":{"value":{"type":"integer"},"children":{"type":"array",
        "items":{"$ref":"#/$defs/node"}}}}}})",
    R"({"if":{"properties":{"kind":{"const":"a"}},"required":["kind"]},
        "then":{"required":["alpha"]},"else":{"required":["beta"]},
        "properties":{"kind":{"enum":["a","b"]},"alpha":{"type":"integer"},
        "beta":{"type":"string"}}})",
    R"({"type":"object","required":["kind"],"properties":{"kind":{"enum":["a","b"]}},
        "if":{"properties":{"kind":{"const":"a"}}},"then":{"required":["alpha"]},
        "else":{"required":["beta"]}})",
    R"({"allOf":[{"type":"object","required":["a"]},{"required":["b"],
        "properties":{"b":{"type":"boolean"}}}],"properties":{"a":{"type":"string",
        "minLength":2}}})",
    R"({"type":"object","minProperties":3,"properties":{"a":{"type":"integer"}},
        "additionalProperties":{"type":"string"}})",
    R"({"type":"object","patternProperties":{"^x-":{"type":"integer"}},
        "required":["x-id"],"additionalProperties":false})",
    R"({"type":"object","dependentRequired":{"a":["b"],"b":["c"]},"required":["a"],
        "properties":{"c":{"const":3}}})",
    R"({"type":"object","propertyNames":{"pattern":"^[a-z]+$"},"minProperties":1})",
    R"({"enum":[{"a":1},[1,2],"s",null,3.5]})",
    R"({"type":["integer","string"],"minimum":3,"minLength":2})",
    R"({"type":"array","items":{"anyOf":[{"type":"string","enum":["x","y"]},{"type":"null"}]},
        "minItems":2,"maxItems":2})",
    R"({"definitions":{"s":{"type":"string","maxLength":0}},"type":"array",
        "items":{"$ref":"#/definitions/s"},"minItems":1})",
    R"({"type":"object","properties":{"answer":{"type":"string","enum":["yes","no"]},
        "confidence":{"type":"number","minimum":0,"maximum":1},"reasons":{"type":"array",
        "items":{"type":"string"},"maxItems":3}},"required":["answer","confidence","reasons"],
        "additionalProperties":false})",
    R"({"not":{"type":["null","string"]}})",
    R"({"type":"integer","minimum":9007199254740993})",
    R"({"type":"object","required":["a"],"properties":{"a":{"type":"array","minItems":1,
        "items":{"type":"object","required":["b"],"properties":{"b":{"type":"array",
        "minItems":1,"items":{"const":true}}}}}}})",
};

TEST(JsonSchemaExampleTest, ExamplesValidateAcrossVariants) {
  for (const char* text : kSchemas) {
    const JsonSchema schema = MustCompile(text);
    std::set<std::string> distinct;
    for (uint64_t variant = 0; variant < 6; ++variant) {
      auto example = MakeExampleInstance(schema, variant);
      ASSERT_TRUE(example.has_value())
          << text << "\n  variant " << variant << ": " << example.error().message();
      EXPECT_TRUE(schema.ValidateText(*example).ok())
          << text << "\n  " << *example << ": " << schema.ValidateText(*example).message();
      distinct.insert(*example);
    }
    EXPECT_GE(distinct.size(), 1u);
  }
}

// The test server and re-asks pass hashes as variants: any variant must give a small example (a
// string of 13553356034668681609 'x's once took the server down).
TEST(JsonSchemaExampleTest, HugeVariantsGiveSmallExamples) {
  for (const char* text : kSchemas) {
    const JsonSchema schema = MustCompile(text);
    for (uint64_t variant :
         std::initializer_list<uint64_t>{13553356034668681609ull, UINT64_MAX, (1ull << 63) + 5}) {
      auto example = MakeExampleInstance(schema, variant);
      ASSERT_TRUE(example.has_value())
          << text << "\n  variant " << variant << ": " << example.error().message();
      EXPECT_LT(example->size(), 2000u) << text;
      EXPECT_TRUE(schema.ValidateText(*example).ok()) << text << "\n  " << *example;
    }
  }
  const JsonSchema rating = MustCompile(
      R"({"type":"object","properties":{"rationale":{"type":"string"},"rating":{"type":"integer",
          "minimum":1,"maximum":10}},"required":["rationale","rating"],"additionalProperties":false})");
  auto example = MakeExampleInstance(rating, 13553356034668681609ull);
  ASSERT_TRUE(example.has_value()) << example.error().message();
  EXPECT_TRUE(rating.ValidateText(*example).ok()) << *example;
}

}  // namespace
}  // namespace winnow::llm
