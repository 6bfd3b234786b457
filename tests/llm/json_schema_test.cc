// Keyword by keyword: valid and invalid instances. Many cases follow the official
// JSON-Schema-Test-Suite (draft2020-12) groups of the same name.

#include "winnow/llm/json_schema.h"

#include <gtest/gtest.h>

#include <initializer_list>

#include "llm/schema_test_util.h"

namespace winnow::llm {
namespace {

using testing::IsValid;
using testing::MustCompile;
using testing::Outcome;

struct Case {
  const char* instance;
  bool valid;
};

void ExpectCases(std::string_view schema_json, std::initializer_list<Case> cases) {
  const JsonSchema schema = MustCompile(schema_json);
  for (const Case& c : cases) {
    EXPECT_EQ(IsValid(schema, c.instance), c.valid)
        << schema_json << "\n  instance " << c.instance << ": " << Outcome(schema, c.instance);
  }
}

TEST(JsonSchemaTest, BooleanSchemas) {
  ExpectCases("true", {{"1", true}, {"null", true}, {"{\"a\":[1]}", true}});
  ExpectCases("false", {{"1", false}, {"null", false}, {"{}", false}});
  ExpectCases("{}", {{"\"x\"", true}, {"[]", true}});
}

TEST(JsonSchemaTest, TypeInteger) {
  // Suite "type": a float with zero fractional part is an integer.
  ExpectCases(R"({"type":"integer"})", {{"1", true},
                                        {"1.0", true},
                                        {"-0.0", true},
                                        {"1.1", false},
                                        {"\"1\"", false},
                                        {"null", false},
                                        {"true", false},
                                        {"18446744073709551615", true},
                                        {"1e300", true}});
}

TEST(JsonSchemaTest, TypeNumberStringBooleanNullArrayObject) {
  ExpectCases(R"({"type":"number"})", {{"1", true}, {"1.5", true}, {"\"1\"", false}});
  ExpectCases(R"({"type":"string"})", {{"\"\"", true}, {"1", false}, {"[]", false}});
  ExpectCases(R"({"type":"boolean"})", {{"false", true}, {"0", false}, {"\"true\"", false}});
  ExpectCases(R"({"type":"null"})", {{"null", true}, {"0", false}, {"false", false}});
  ExpectCases(R"({"type":"array"})", {{"[]", true}, {"{}", false}});
  ExpectCases(R"({"type":"object"})", {{"{}", true}, {"[]", false}, {"null", false}});
}

TEST(JsonSchemaTest, TypeArray) {
  ExpectCases(R"({"type":["integer","string"]})",
              {{"1", true}, {"\"a\"", true}, {"1.5", false}, {"null", false}, {"{}", false}});
  ExpectCases(R"({"type":["string","null"]})", {{"null", true}, {"\"a\"", true}, {"0", false}});
}

TEST(JsonSchemaTest, Enum) {
  ExpectCases(R"({"enum":[1,2,3]})", {{"1", true}, {"1.0", true}, {"4", false}, {"\"1\"", false}});
  ExpectCases(R"({"enum":[6,"foo",[],true,{"foo":12}]})", {{"[]", true},
                                                           {"{\"foo\":12}", true},
                                                           {"{\"foo\":false}", false},
                                                           {"{\"foo\":12,\"boo\":1}", false},
                                                           {"null", false}});
  // Suite "enum with false does not match 0" and the reverse.
  ExpectCases(R"({"enum":[false]})", {{"false", true}, {"0", false}, {"0.0", false}});
  ExpectCases(R"({"enum":[0]})", {{"0", true}, {"0.0", true}, {"false", false}});
  ExpectCases(R"({"enum":[[false]]})", {{"[false]", true}, {"[0]", false}});
  ExpectCases(R"({"enum":["hello\u0000there"]})",
              {{R"("hello\u0000there")", true}, {"\"hellothere\"", false}});
  ExpectCases(R"({"enum":[]})", {{"1", false}, {"null", false}});
}

TEST(JsonSchemaTest, ConstComparesByJsonValue) {
  // Object key order does not matter; numbers compare by value.
  ExpectCases(R"({"const":{"a":false,"b":0}})", {{R"({"b":0,"a":false})", true},
                                                 {R"({"b":0.0,"a":false})", true},
                                                 {R"({"a":false})", false},
                                                 {R"({"a":0,"b":0})", false},
                                                 {R"({"a":false,"b":0,"c":1})", false}});
  ExpectCases(R"({"const":[1,{"x":[2]}]})",
              {{"[1.0,{\"x\":[2.0]}]", true}, {"[{\"x\":[2]},1]", false}});
  ExpectCases(R"({"const":-2.0})", {{"-2", true}, {"2", false}});
  ExpectCases(R"({"const":null})", {{"null", true}, {"0", false}, {"\"\"", false}});
  // Suite "float and integers are equal up to 64-bit representation limits".
  ExpectCases(R"({"const":9007199254740992})", {{"9007199254740992", true},
                                                {"9007199254740992.0", true},
                                                {"9007199254740991", false},
                                                {"9007199254740991.0", false}});
  // Exactness beyond 2^53: these differ although they are the same double.
  ExpectCases(
      R"({"const":9007199254740993})",
      {{"9007199254740993", true}, {"9007199254740992", false}, {"9007199254740992.0", false}});
}

TEST(JsonSchemaTest, MinimumMaximumAndExclusive) {
  ExpectCases(R"({"minimum":1.1})", {{"1.1", true}, {"2", true}, {"0.6", false}, {"\"x\"", true}});
  ExpectCases(R"({"minimum":-2})", {{"-2", true}, {"-2.0001", false}, {"-3", false}});
  ExpectCases(R"({"maximum":3.0})", {{"3", true}, {"2.9", true}, {"3.5", false}});
  ExpectCases(R"({"exclusiveMinimum":1.1})", {{"1.2", true}, {"1.1", false}});
  ExpectCases(R"({"exclusiveMaximum":3})", {{"2.9", true}, {"3", false}, {"3.0", false}});
  ExpectCases(R"({"minimum":9223372036854775807})", {{"9223372036854775807", true},
                                                     {"9223372036854775806", false},
                                                     {"18446744073709551615", true},
                                                     {"9.3e18", true},
                                                     {"9.2e18", false}});
}

TEST(JsonSchemaTest, MultipleOfIsDecimal) {
  ExpectCases(R"({"multipleOf":2})", {{"10", true}, {"7", false}, {"-4", true}, {"\"x\"", true}});
  ExpectCases(R"({"multipleOf":1.5})", {{"0", true}, {"4.5", true}, {"35", false}});
  ExpectCases(R"({"multipleOf":0.0001})", {{"0.0075", true}, {"0.00751", false}});
  // 0.07 / 0.01 is 7.000000000000001 in binary floating point: naive division fails these.
  ExpectCases(R"({"multipleOf":0.01})", {{"0.07", true},
                                         {"19.99", true},
                                         {"4.35", true},
                                         {"0.075", false},
                                         {"1e-2", true},
                                         {"-0.29", true},
                                         {"12", true}});
  ExpectCases(R"({"multipleOf":0.1})", {{"0.3", true}, {"0.30000000000000004", false}});
  // Suite "float division = inf": never an overflow, just not a multiple.
  ExpectCases(R"({"multipleOf":0.123456789})", {{"1e308", false}});
  // Suite "small multiple of large integer".
  ExpectCases(R"({"multipleOf":1e-8})", {{"12391239123", true}});
  ExpectCases(R"({"type":"integer","multipleOf":0.123456789})", {{"1e308", false}});
  ExpectCases(R"({"multipleOf":1})", {{"1e308", true}, {"1.5", false}});
  ExpectCases(R"({"multipleOf":3})", {{"18446744073709551615", true},
                                      {"9223372036854775806", true},
                                      {"9223372036854775807", false}});
}

TEST(JsonSchemaTest, StringLengthCountsCodePoints) {
  ExpectCases(R"({"minLength":2})", {{"\"ab\"", true}, {"\"a\"", false}, {"1", true}});
  // One code point, four bytes (suite "one grapheme is not long enough").
  ExpectCases(R"({"minLength":2})",
              {{"\"\xF0\x9F\x92\xA9\"", false}, {"\"\\ud83d\\udca9\"", false}});
  ExpectCases(R"({"maxLength":2})", {{"\"\xF0\x9F\x92\xA9\xF0\x9F\x92\xA9\"", true},
                                     {"\"\xC3\xA9t\xC3\xA9\"", false},
                                     {"\"\xC3\xA9t\"", true}});
  ExpectCases(R"({"minLength":2.0, "maxLength":2.0})", {{"\"ab\"", true}, {"\"abc\"", false}});
}

TEST(JsonSchemaTest, PatternIsAnUnanchoredSearch) {
  ExpectCases(R"({"pattern":"^a*$"})", {{"\"aaa\"", true}, {"\"abc\"", false}, {"true", true}});
  ExpectCases(R"({"pattern":"a+"})", {{"\"xxaayy\"", true}, {"\"xyz\"", false}});
  ExpectCases(R"({"pattern":"^\\p{L}+$"})", {{"\"\xC3\xA9t\xC3\xA9\"", true}, {"\"a1\"", false}});
  // ECMA spellings RE2 lacks: \u escapes, named groups, Unicode \s.
  ExpectCases(R"({"pattern":"^\\u00e9$"})", {{"\"\xC3\xA9\"", true}, {"\"e\"", false}});
  ExpectCases(R"({"pattern":"^(?<year>\\d{4})-\\d{2}$"})",
              {{"\"2024-01\"", true}, {"\"24-01\"", false}});
  ExpectCases(R"({"pattern":"^\\s$"})", {{"\"\xC2\xA0\"", true}, {"\"x\"", false}});
  // $ matches at the very end only; ECMA's . excludes line terminators.
  ExpectCases(R"({"pattern":"^abc$"})", {{"\"abc\\n\"", false}});
  ExpectCases(R"({"pattern":"^.$"})", {{"\"\\r\"", false}, {"\"x\"", true}});
}

TEST(JsonSchemaTest, PropertiesPatternPropertiesAdditionalProperties) {
  // Suite "properties, patternProperties, additionalProperties interaction".
  ExpectCases(R"({
      "properties": {"foo": {"type": "array", "maxItems": 3}, "bar": {"type": "array"}},
      "patternProperties": {"f.o": {"minItems": 2}},
      "additionalProperties": {"type": "integer"}})",
              {{R"({"foo":[1,2]})", true},
               {R"({"foo":[1,2,3,4]})", false},
               {R"({"foo":[]})", false},
               {R"({"fxo":[1,2]})", true},
               {R"({"fxo":[]})", false},
               {R"({"bar":[]})", true},
               {R"({"quux":3})", true},
               {R"({"quux":"foo"})", false},
               {"[1]", true}});
  ExpectCases(R"({"properties":{"a":{}},"additionalProperties":false})",
              {{R"({"a":1})", true}, {R"({"a":1,"b":2})", false}, {"{}", true}});
  ExpectCases(R"({"patternProperties":{"^v":{}},"additionalProperties":false})",
              {{R"({"vroom":1})", true}, {R"({"avroom":1})", false}});
}

TEST(JsonSchemaTest, RequiredAndDependentRequired) {
  ExpectCases(R"({"properties":{"foo":{}},"required":["foo"]})",
              {{R"({"foo":1})", true}, {R"({"bar":1})", false}, {"[]", true}, {"\"\"", true}});
  ExpectCases(R"({"required":["a\"b","c\\d"]})", {{R"({"a\"b":1,"c\\d":2})", true}, {"{}", false}});
  ExpectCases(R"({"dependentRequired":{"bar":["foo"]}})", {{"{}", true},
                                                           {R"({"foo":1})", true},
                                                           {R"({"foo":1,"bar":2})", true},
                                                           {R"({"bar":2})", false},
                                                           {R"(["bar"])", true}});
}

TEST(JsonSchemaTest, DependentSchemas) {
  ExpectCases(R"({"dependentSchemas":{"bar":{"properties":{"foo":{"type":"integer"},
                                                         "bar":{"type":"integer"}}}}})",
              {{R"({"foo":1,"bar":2})", true},
               {R"({"foo":"quux"})", true},
               {R"({"foo":"quux","bar":2})", false},
               {R"({"foo":2,"bar":"quux"})", false}});
}

TEST(JsonSchemaTest, PropertyNamesAndPropertyCounts) {
  ExpectCases(R"({"propertyNames":{"maxLength":3}})",
              {{R"({"f":{},"foo":{}})", true}, {R"({"foobar":1})", false}, {"{}", true}});
  ExpectCases(R"({"propertyNames":{"pattern":"^a+$"}})",
              {{R"({"aa":1})", true}, {R"({"ab":1})", false}});
  ExpectCases(R"({"propertyNames":false})", {{"{}", true}, {R"({"a":1})", false}});
  ExpectCases(R"({"propertyNames":{"const":"x"}})", {{R"({"x":1})", true}, {R"({"y":1})", false}});
  ExpectCases(
      R"({"minProperties":1,"maxProperties":2})",
      {{"{}", false}, {R"({"a":1})", true}, {R"({"a":1,"b":2,"c":3})", false}, {"[]", true}});
}

TEST(JsonSchemaTest, ItemsAndPrefixItems) {
  ExpectCases(R"({"items":{"type":"integer"}})",
              {{"[1,2,3]", true}, {"[1,\"x\"]", false}, {"[]", true}, {"{\"0\":\"x\"}", true}});
  ExpectCases(
      R"({"prefixItems":[{"type":"integer"},{"type":"string"}]})",
      {{"[1,\"foo\"]", true}, {"[\"foo\",1]", false}, {"[1]", true}, {"[1,\"foo\",true]", true}});
  ExpectCases(R"({"prefixItems":[{}],"items":false})",
              {{"[1]", true}, {"[1,2]", false}, {"[]", true}});
  ExpectCases(R"({"prefixItems":[{}],"items":{"type":"string"}})",
              {{"[1,\"a\"]", true}, {"[1,2]", false}});
  ExpectCases(R"({"items":false})", {{"[]", true}, {"[1]", false}});
}

TEST(JsonSchemaTest, Draft7TupleItems) {
  ExpectCases(R"({"items":[{"type":"integer"}],"additionalItems":false})",
              {{"[1]", true}, {"[1,2]", false}, {"[\"a\"]", false}});
  ExpectCases(R"({"items":[{"type":"integer"}]})", {{"[1,\"x\"]", true}});
  // Without an array items, additionalItems has no effect (draft 7).
  ExpectCases(R"({"additionalItems":false})", {{"[1,2]", true}});
}

TEST(JsonSchemaTest, MinItemsMaxItemsUniqueItems) {
  ExpectCases(R"({"minItems":1,"maxItems":2})", {{"[]", false}, {"[1]", true}, {"[1,2,3]", false}});
  ExpectCases(R"({"uniqueItems":true})", {{"[1,2]", true},
                                          {"[1,1]", false},
                                          {"[1,1.0]", false},
                                          {"[0,false]", true},
                                          {"[1,true]", true},
                                          {"[1,\"1\"]", true},
                                          {"[[1],[true]]", true},
                                          {"[[1],[1.0]]", false},
                                          {R"([{"a":false},{"a":0}])", true},
                                          {R"([{"a":1,"b":2},{"b":2,"a":1}])", false},
                                          {"[\"foo\",\"bar\",\"foo\"]", false},
                                          {"[null,null]", false},
                                          {"[]", true}});
  ExpectCases(R"({"uniqueItems":false})", {{"[1,1]", true}});
}

TEST(JsonSchemaTest, UniqueItemsOnALongArray) {
  std::string items = "[";
  for (int i = 0; i < 20000; ++i) items += std::to_string(i) + ",";
  const JsonSchema schema = MustCompile(R"({"uniqueItems":true})");
  EXPECT_TRUE(IsValid(schema, items + "-1]"));
  EXPECT_EQ(Outcome(schema, items + "19999.0]"),
            "(root): items 19999 and 20000 are equal (uniqueItems)");
}

TEST(JsonSchemaTest, ContainsMinContainsMaxContains) {
  ExpectCases(R"({"contains":{"minimum":5}})",
              {{"[3,4,5]", true}, {"[2,3,4]", false}, {"[]", false}, {"{}", true}});
  ExpectCases(R"({"contains":{"const":1},"minContains":2,"maxContains":3})",
              {{"[1]", false}, {"[1,1]", true}, {"[1,2,1,1]", true}, {"[1,1,1,1]", false}});
  ExpectCases(R"({"contains":{"const":1},"minContains":0})", {{"[]", true}, {"[2]", true}});
  ExpectCases(R"({"contains":false})", {{"[]", false}, {"[1]", false}});
  ExpectCases(R"({"contains":false,"minContains":0})", {{"[]", true}, {"[1]", true}});
  // Without contains, minContains and maxContains do nothing.
  ExpectCases(R"({"minContains":2,"maxContains":0})", {{"[1]", true}});
}

TEST(JsonSchemaTest, AllOfAnyOfOneOfNot) {
  ExpectCases(R"({"allOf":[{"properties":{"bar":{"type":"integer"}},"required":["bar"]},
                          {"properties":{"foo":{"type":"string"}},"required":["foo"]}]})",
              {{R"({"foo":"baz","bar":2})", true},
               {R"({"foo":"baz"})", false},
               {R"({"bar":2})", false},
               {R"({"foo":"baz","bar":"quux"})", false}});
  ExpectCases(R"({"anyOf":[{"type":"integer"},{"minimum":2}]})",
              {{"1", true}, {"2.5", true}, {"3", true}, {"1.5", false}});
  // oneOf: exactly one; 3 matches both alternatives.
  ExpectCases(R"({"oneOf":[{"type":"integer"},{"minimum":2}]})",
              {{"1", true}, {"2.5", true}, {"3", false}, {"1.5", false}});
  ExpectCases(R"({"oneOf":[true,true]})", {{"1", false}});
  ExpectCases(R"({"oneOf":[true,false,false]})", {{"1", true}});
  ExpectCases(R"({"not":{"type":"integer"}})", {{"\"foo\"", true}, {"1", false}});
  ExpectCases(R"({"not":{"not":{"const":1}}})", {{"1", true}, {"2", false}});
  ExpectCases(R"({"not":true})", {{"1", false}});
}

TEST(JsonSchemaTest, IfThenElse) {
  ExpectCases(R"({"if":{"exclusiveMaximum":0},"then":{"minimum":-10},"else":{"multipleOf":2}})",
              {{"-1", true}, {"-100", false}, {"4", true}, {"3", false}});
  ExpectCases(R"({"if":{"const":1}})", {{"1", true}, {"2", true}});
  ExpectCases(R"({"then":{"const":1},"else":{"const":2}})", {{"3", true}});
  ExpectCases(R"({"if":true,"then":false})", {{"1", false}});
  ExpectCases(R"({"if":false,"then":false,"else":{"type":"string"}})",
              {{"\"a\"", true}, {"1", false}});
}

TEST(JsonSchemaTest, RefToRootAndRelativePointers) {
  ExpectCases(R"({"properties":{"foo":{"$ref":"#"}},"additionalProperties":false})",
              {{R"({"foo":false})", true},
               {R"({"foo":{"foo":false}})", true},
               {R"({"bar":false})", false},
               {R"({"foo":{"bar":false}})", false}});
  ExpectCases(R"({"properties":{"foo":{"type":"integer"},"bar":{"$ref":"#/properties/foo"}}})",
              {{R"({"bar":3})", true}, {R"({"bar":true})", false}});
  ExpectCases(R"({"prefixItems":[{"type":"integer"},{"$ref":"#/prefixItems/0"}]})",
              {{"[1,2]", true}, {"[1,\"foo\"]", false}});
  ExpectCases(R"({"$ref":"#/$defs/bool","$defs":{"bool":false}})", {{"1", false}});
  ExpectCases(R"({"definitions":{"a":{"type":"integer"}},"$ref":"#/definitions/a"})",
              {{"1", true}, {"\"a\"", false}});
}

TEST(JsonSchemaTest, RefPointerEscapingAndPercentEncoding) {
  ExpectCases(R"({
      "$defs": {"tilde~field": {"type": "integer"}, "slash/field": {"type": "integer"},
                "percent%field": {"type": "integer"}, "a b": {"type": "integer"}},
      "properties": {"tilde": {"$ref": "#/$defs/tilde~0field"},
                     "slash": {"$ref": "#/$defs/slash~1field"},
                     "percent": {"$ref": "#/$defs/percent%25field"},
                     "space": {"$ref": "#/$defs/a%20b"}}})",
              {{R"({"tilde":1,"slash":2,"percent":3,"space":4})", true},
               {R"({"tilde":"a"})", false},
               {R"({"slash":"a"})", false},
               {R"({"percent":"a"})", false},
               {R"({"space":"a"})", false}});
}

TEST(JsonSchemaTest, RefSiblingsApplyIn2020) {
  ExpectCases(R"({"$defs":{"reffed":{"type":"array"}},
                  "properties":{"foo":{"$ref":"#/$defs/reffed","maxItems":2}}})",
              {{R"({"foo":[]})", true}, {R"({"foo":[1,2,3]})", false}, {R"({"foo":"s"})", false}});
}

TEST(JsonSchemaTest, RefResolvesAgainstRootId) {
  ExpectCases(R"({"$id":"https://example.com/root.json","$defs":{"a":{"type":"integer"}},
                  "properties":{"x":{"$ref":"https://example.com/root.json#/$defs/a"},
                                "y":{"$ref":"https://example.com/root.json"}}})",
              {{R"({"x":1})", true},
               {R"({"x":"a"})", false},
               {R"({"y":{"x":2}})", true},
               {R"({"y":{"x":"b"}})", false}});
}

TEST(JsonSchemaTest, RefEdgeCasesFromTheSuite) {
  // "naive replacement of $ref with its destination is not correct": enum values are data.
  ExpectCases(R"({"$defs":{"a_string":{"type":"string"}},"enum":[{"$ref":"#/$defs/a_string"}]})",
              {{"\"this string\"", false}, {R"({"$ref":"#/$defs/a_string"})", true}});
  // "property named $ref, containing an actual $ref".
  ExpectCases(R"({"properties":{"$ref":{"$ref":"#/$defs/is-string"}},
                  "$defs":{"is-string":{"type":"string"}}})",
              {{R"({"$ref":"a"})", true}, {R"({"$ref":2})", false}});
  // "refs with quote".
  ExpectCases(R"({"properties":{"foo\"bar":{"$ref":"#/$defs/foo%22bar"}},
                  "$defs":{"foo\"bar":{"type":"number"}}})",
              {{R"({"foo\"bar":1})", true}, {R"({"foo\"bar":"1"})", false}});
  // "empty tokens in $ref json-pointer".
  ExpectCases(R"({"$defs":{"":{"$defs":{"":{"type":"number"}}}},
                  "allOf":[{"$ref":"#/$defs//$defs/"}]})",
              {{"1", true}, {"\"a\"", false}});
}

TEST(JsonSchemaTest, RootIdWithAnEmptyFragment) {
  ExpectCases(R"({"$id":"urn:example:root#","$defs":{"a":{"type":"integer"}},
                  "items":{"$ref":"urn:example:root#/$defs/a"}})",
              {{"[1]", true}, {"[\"a\"]", false}});
}

TEST(JsonSchemaTest, RecursiveTreeSchema) {
  const JsonSchema tree = MustCompile(R"({
      "$ref": "#/$defs/node",
      "$defs": {"node": {"type": "object", "required": ["value"],
                         "properties": {"value": {"type": "number"},
                                        "children": {"type": "array",
                                                     "items": {"$ref": "#/$defs/node"}}},
                         "additionalProperties": false}}})");
  EXPECT_TRUE(IsValid(tree, R"({"value":1,"children":[{"value":2},{"value":3,"children":[]}]})"));
  EXPECT_EQ(Outcome(tree, R"({"value":1,"children":[{"value":2,"children":[{"value":"x"}]}]})"),
            "/children/0/children/0/value: expected number, got string");
  EXPECT_EQ(Outcome(tree, R"({"value":1,"children":[{"children":[]}]})"),
            "/children/0: missing required property \"value\"");
}

TEST(JsonSchemaTest, AnnotationsAndFormatAreNotAsserted) {
  ExpectCases(R"({"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:x",
                  "title":"t","description":"d","default":{"type":5},"examples":[1],
                  "$comment":"c","deprecated":true,"readOnly":true,"writeOnly":false,
                  "format":"email","contentMediaType":"text/plain","discriminator":{"x":1},
                  "$anchor":"a","x-vendor":[1]})",
              {{"\"not an email\"", true}, {"5", true}});
}

}  // namespace
}  // namespace winnow::llm
