// What users read: violation messages with their instance locations, and how many are listed.

#include <gtest/gtest.h>

#include "llm/schema_test_util.h"
#include "winnow/llm/json_schema.h"

namespace winnow::llm {
namespace {

using testing::MustCompile;
using testing::Outcome;

TEST(JsonSchemaMessagesTest, NumbersAndLocations) {
  const JsonSchema schema =
      MustCompile(R"({"properties":{"scores":{"items":{"maximum":5,"minimum":0}}}})");
  EXPECT_EQ(Outcome(schema, R"({"scores":[1,5,7]})"), "/scores/2: 7 is greater than the maximum 5");
  EXPECT_EQ(Outcome(schema, R"({"scores":[-0.5]})"), "/scores/0: -0.5 is less than the minimum 0");
  EXPECT_EQ(Outcome(MustCompile(R"({"exclusiveMinimum":5})"), "5"),
            "(root): 5 is not greater than the exclusive minimum 5");
  EXPECT_EQ(Outcome(MustCompile(R"({"exclusiveMaximum":5.5})"), "5.5"),
            "(root): 5.5 is not less than the exclusive maximum 5.5");
  EXPECT_EQ(Outcome(MustCompile(R"({"multipleOf":0.01})"), "0.075"),
            "(root): 0.075 is not a multiple of 0.01");
}

TEST(JsonSchemaMessagesTest, TypesEnumConst) {
  EXPECT_EQ(Outcome(MustCompile(R"({"type":"object"})"), "[]"),
            "(root): expected object, got array");
  EXPECT_EQ(Outcome(MustCompile(R"({"properties":{"name":{"type":["string","null"]}}})"),
                    R"({"name":3})"),
            "/name: expected string or null, got integer");
  EXPECT_EQ(Outcome(MustCompile(R"({"type":"integer"})"), "2.5"),
            "(root): expected integer, got number");
  EXPECT_EQ(Outcome(MustCompile(R"({"type":["integer","string","boolean"]})"), "null"),
            "(root): expected string, integer or boolean, got null");
  EXPECT_EQ(Outcome(MustCompile(R"({"enum":["a","b","c"]})"), "\"d\""),
            "(root): \"d\" is not one of [\"a\", \"b\", \"c\"]");
  EXPECT_EQ(Outcome(MustCompile(R"({"const":{"a":1}})"), R"({"a":2})"),
            "(root): expected the constant {\"a\":1}, got {\"a\":2}");
  EXPECT_EQ(Outcome(MustCompile("false"), "1"),
            "(root): no value is allowed here (the schema at the root is false)");
}

TEST(JsonSchemaMessagesTest, Strings) {
  EXPECT_EQ(Outcome(MustCompile(R"({"minLength":3})"), "\"ab\""),
            "(root): \"ab\" is shorter than 3 characters");
  EXPECT_EQ(Outcome(MustCompile(R"({"maxLength":1})"), "\"ab\""),
            "(root): \"ab\" is longer than 1 character");
  EXPECT_EQ(Outcome(MustCompile(R"({"pattern":"^[0-9]+$"})"), "\"abc\""),
            "(root): \"abc\" does not match the pattern \"^[0-9]+$\"");
}

TEST(JsonSchemaMessagesTest, ObjectsAndArrays) {
  const JsonSchema closed =
      MustCompile(R"({"properties":{"name":{}},"required":["name"],"additionalProperties":false})");
  EXPECT_EQ(Outcome(closed, "{}"), "(root): missing required property \"name\"");
  EXPECT_EQ(Outcome(closed, R"({"name":1,"extra":2})"), "(root): unexpected property \"extra\"");
  EXPECT_EQ(Outcome(MustCompile(R"({"dependentRequired":{"a":["b"]}})"), R"({"a":1})"),
            "(root): property \"b\" is required when \"a\" is present");
  EXPECT_EQ(Outcome(MustCompile(R"({"propertyNames":{"maxLength":2}})"), R"({"abc":1})"),
            "(root): property name \"abc\" is not valid: \"abc\" is longer than 2 characters");
  EXPECT_EQ(Outcome(MustCompile(R"({"minProperties":2})"), R"({"a":1})"),
            "(root): expected at least 2 properties, got 1");
  EXPECT_EQ(Outcome(MustCompile(R"({"minItems":2})"), "[1]"),
            "(root): expected at least 2 items, got 1");
  EXPECT_EQ(Outcome(MustCompile(R"({"maxItems":1})"), "[1,2]"),
            "(root): expected at most 1 item, got 2");
  EXPECT_EQ(Outcome(MustCompile(R"({"prefixItems":[{},{}],"items":false})"), "[1,2,3]"),
            "(root): expected at most 2 items (no items allowed after prefixItems), got 3");
  EXPECT_EQ(Outcome(MustCompile(R"({"uniqueItems":true})"), "[1,2,1.0]"),
            "(root): items 0 and 2 are equal (uniqueItems)");
  EXPECT_EQ(Outcome(MustCompile(R"({"contains":{"type":"string"}})"), "[1]"),
            "(root): no item is valid against the contains schema at /contains");
  EXPECT_EQ(
      Outcome(MustCompile(R"({"contains":{"type":"string"},"maxContains":1})"), R"(["a","b"])"),
      "(root): expected at most 1 item valid against contains, got more");
}

TEST(JsonSchemaMessagesTest, PointerEscapingInLocations) {
  const JsonSchema schema = MustCompile(R"({"additionalProperties":{"additionalProperties":
                                             {"maximum":1}}})");
  EXPECT_EQ(Outcome(schema, R"({"a/b":{"c~d":5}})"), "/a~1b/c~0d: 5 is greater than the maximum 1");
}

TEST(JsonSchemaMessagesTest, Combinators) {
  EXPECT_EQ(Outcome(MustCompile(R"({"anyOf":[{"type":"string"},{"type":"null"}]})"), "5"),
            "(root): expected string or null, got integer");
  // The alternative of the instance's type is the one explained.
  const JsonSchema person = MustCompile(R"({"anyOf":[{"type":"null"},
      {"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}]})");
  EXPECT_EQ(Outcome(person, R"({"name":5})"),
            "(root): not valid against any anyOf alternative (alternative 1: /name: expected "
            "string, got integer)");
  EXPECT_EQ(Outcome(MustCompile(R"({"oneOf":[{"type":"integer"},{"minimum":2}]})"), "3"),
            "(root): valid against oneOf alternatives 0 and 1, expected exactly one");
  EXPECT_EQ(Outcome(MustCompile(R"({"oneOf":[{"minimum":2},{"maximum":0}]})"), "1"),
            "(root): not valid against any oneOf alternative (alternative 0: 1 is less than the "
            "minimum 2)");
  EXPECT_EQ(
      Outcome(MustCompile(R"({"properties":{"x":{"not":{"type":"integer"}}}})"), R"({"x":1})"),
      "/x: must not be valid against the schema at /properties/x/not");
  EXPECT_EQ(Outcome(MustCompile(R"({"if":{"minimum":0},"then":{"multipleOf":2}})"), "3"),
            "(root): 3 is not a multiple of 2");
}

TEST(JsonSchemaMessagesTest, ListsUpToMaxErrors) {
  const JsonSchema schema = MustCompile(R"({"items":{"type":"string"}})");
  EXPECT_EQ(Outcome(schema, "[1,2]"),
            "/0: expected string, got integer; /1: expected string, got integer");
  EXPECT_EQ(Outcome(schema, "[1,2,3]", 2),
            "/0: expected string, got integer; /1: expected string, got integer; and more");
  EXPECT_EQ(Outcome(schema, "[1,2,3]", 0), "/0: expected string, got integer; and more");
  EXPECT_EQ(Outcome(schema, "[1,2,3]", 3),
            "/0: expected string, got integer; /1: expected string, got integer; /2: expected "
            "string, got integer");
}

TEST(JsonSchemaMessagesTest, LongValuesAreCut) {
  const std::string text(200, 'a');
  const std::string message = Outcome(MustCompile(R"({"maxLength":3})"), "\"" + text + "\"");
  EXPECT_EQ(message, "(root): \"" + std::string(60, 'a') + "…\" is longer than 3 characters");
}

TEST(JsonSchemaMessagesTest, InvalidJsonInstance) {
  const JsonSchema schema = MustCompile("true");
  Status status = schema.ValidateText("{\"a\": [1, 2}");
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.message().rfind("not valid JSON: ", 0), 0u) << status.message();
  EXPECT_NE(status.message().find("1:12"), std::string::npos) << status.message();
  EXPECT_EQ(schema.ValidateText("").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(schema.ValidateText("1 2").code(), StatusCode::kInvalidInput);
}

TEST(JsonSchemaMessagesTest, ValidateTakesAParsedElement) {
  const JsonSchema schema = MustCompile(R"({"required":["a"]})");
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  ASSERT_EQ(parser.parse(std::string(R"({"b":1})")).get(element), simdjson::SUCCESS);
  Status status = schema.Validate(element);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.message(), "(root): missing required property \"a\"");
  ASSERT_EQ(parser.parse(std::string(R"({"a":1})")).get(element), simdjson::SUCCESS);
  EXPECT_TRUE(schema.Validate(element).ok());
}

}  // namespace
}  // namespace winnow::llm
