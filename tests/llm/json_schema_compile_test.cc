// Compile errors (each naming its place in the schema), the bounds that keep hostile schemas and
// instances from crashing or hanging, sharing across copies and threads, and OpenAI strict mode.

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "llm/schema_test_util.h"
#include "winnow/llm/json_schema.h"

namespace winnow::llm {
namespace {

using testing::CompileError;
using testing::IsValid;
using testing::MustCompile;
using testing::Outcome;

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(JsonSchemaCompileTest, NotJsonOrNotASchema) {
  EXPECT_EQ(CompileError("{").rfind("schema is not valid JSON: ", 0), 0u);
  EXPECT_EQ(CompileError("5"), "schema (root): expected a schema (an object or a boolean), got 5");
  EXPECT_EQ(CompileError(R"({"properties":{"a":[]}})"),
            "schema /properties/a: expected a schema (an object or a boolean), got []");
  EXPECT_EQ(CompileError(R"({"items":"x"})"),
            "schema /items: expected a schema (an object or a boolean), got \"x\"");
}

TEST(JsonSchemaCompileTest, KeywordValues) {
  EXPECT_EQ(CompileError(R"({"properties":{"age":{"minimum":"5"}}})"),
            "schema /properties/age/minimum: expected a number, got \"5\"");
  EXPECT_EQ(CompileError(R"({"exclusiveMinimum":true})"),
            "schema /exclusiveMinimum: expected a number, got true");
  EXPECT_EQ(CompileError(R"({"multipleOf":0})"),
            "schema /multipleOf: expected a number greater than 0, got 0");
  EXPECT_EQ(CompileError(R"({"minLength":-1})"),
            "schema /minLength: expected a non-negative integer, got -1");
  EXPECT_EQ(CompileError(R"({"maxItems":1.5})"),
            "schema /maxItems: expected a non-negative integer, got 1.5");
  EXPECT_EQ(CompileError(R"({"enum":1})"), "schema /enum: expected an array, got 1");
  EXPECT_EQ(CompileError(R"({"required":["a",5]})"),
            "schema /required/1: expected a string, got 5");
  EXPECT_EQ(CompileError(R"({"dependentRequired":{"a":"b"}})"),
            "schema /dependentRequired/a: expected an array of strings, got \"b\"");
  EXPECT_EQ(CompileError(R"({"uniqueItems":1})"), "schema /uniqueItems: expected a boolean, got 1");
  EXPECT_EQ(CompileError(R"({"anyOf":[]})"),
            "schema /anyOf: expected a non-empty array of schemas, got []");
  EXPECT_EQ(CompileError(R"({"$defs":{"a/b":{"type":"integer","maximum":{}}}})"),
            "schema /$defs/a~1b/maximum: expected a number, got {}");
  EXPECT_EQ(CompileError(R"({"prefixItems":[{}],"items":[{}]})"),
            "schema /items: items as an array (draft 7) cannot be combined with prefixItems");
  EXPECT_EQ(CompileError(R"({"format":5})"), "schema /format: expected a string, got 5");
}

TEST(JsonSchemaCompileTest, UnknownTypeName) {
  EXPECT_EQ(CompileError(R"({"type":"str"})"),
            "schema /type: unknown type \"str\" (expected null, boolean, object, array, number, "
            "string or integer)");
  EXPECT_TRUE(
      Contains(CompileError(R"({"type":["string","int"]})"), "schema /type/1: unknown type"));
  EXPECT_TRUE(Contains(CompileError(R"({"type":[]})"), "schema /type: expected a type name"));
}

TEST(JsonSchemaCompileTest, UnsupportedKeywordsAreErrors) {
  EXPECT_TRUE(Contains(CompileError(R"({"unevaluatedProperties":false})"),
                       "schema /unevaluatedProperties: unevaluatedProperties is not supported"));
  EXPECT_TRUE(Contains(CompileError(R"({"properties":{"a":{"unevaluatedItems":false}}})"),
                       "schema /properties/a/unevaluatedItems: "));
  EXPECT_TRUE(Contains(CompileError(R"({"$dynamicRef":"#meta"})"), "schema /$dynamicRef: "));
  EXPECT_TRUE(Contains(CompileError(R"({"$recursiveRef":"#"})"), "schema /$recursiveRef: "));
  EXPECT_TRUE(Contains(CompileError(R"({"dependencies":{"a":["b"]}})"), "dependentRequired"));
  EXPECT_EQ(CompileError(R"({"$defs":{"a":{"$id":"a.json"}}})"),
            "schema /$defs/a/$id: embedded schema resources ($id below the root) are not "
            "supported");
}

TEST(JsonSchemaCompileTest, BadPatterns) {
  const std::string lookahead = CompileError(R"js({"properties":{"code":{"pattern":"^(?=a)"}}})js");
  EXPECT_TRUE(Contains(lookahead,
                       "schema /properties/code/pattern: RE2 cannot compile the pattern "
                       "\"^(?=a)\": "))
      << lookahead;
  EXPECT_TRUE(Contains(lookahead, "no lookahead")) << lookahead;
  EXPECT_TRUE(Contains(CompileError(R"({"pattern":"(a)\\1"})"), "backreferences"));
  EXPECT_TRUE(Contains(CompileError(R"({"pattern":"[a-"})"), "schema /pattern: RE2 cannot"));
  EXPECT_TRUE(Contains(CompileError(R"({"patternProperties":{"(":{}}})"),
                       "schema /patternProperties/(: RE2 cannot compile the pattern \"(\""));
}

TEST(JsonSchemaCompileTest, BadReferences) {
  EXPECT_EQ(CompileError(R"({"$ref":"#/$defs/missing"})"),
            "schema /$ref: \"#/$defs/missing\" points nowhere");
  EXPECT_EQ(CompileError(R"({"properties":{"a":{"$ref":"#/required"}},"required":["a"]})"),
            "schema /properties/a/$ref: \"#/required\" points to [\"a\"], not a schema");
  EXPECT_TRUE(Contains(CompileError(R"({"$ref":"other.json#/a"})"),
                       "schema /$ref: remote reference \"other.json#/a\" is not supported"));
  EXPECT_TRUE(
      Contains(CompileError(R"({"$ref":"https://example.com/s.json"})"), "remote reference"));
  EXPECT_TRUE(Contains(CompileError(R"({"$ref":"#node"})"), "anchor reference \"#node\""));
  EXPECT_TRUE(Contains(CompileError(R"({"$ref":"#/%zz"})"), "bad percent-encoding"));
  EXPECT_EQ(CompileError(R"({"$ref":5})"), "schema /$ref: expected a string, got 5");
}

TEST(JsonSchemaCompileTest, RefCyclesThatNeverConsumeInputAreErrors) {
  EXPECT_TRUE(Contains(CompileError(R"({"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"})"),
                       "reference cycle"));
  EXPECT_TRUE(Contains(CompileError(R"({"$ref":"#"})"), "schema (root): reference cycle"));
  EXPECT_TRUE(Contains(CompileError(R"({"$defs":{
                           "a":{"allOf":[{"$ref":"#/$defs/b"}]},
                           "b":{"anyOf":[{"type":"string"},{"$ref":"#/$defs/a"}]}}})"),
                       "reference cycle"));
  EXPECT_TRUE(Contains(CompileError(R"({"not":{"$ref":"#"}})"), "reference cycle"));
  // Through a keyword that descends into the instance, recursion is fine.
  EXPECT_EQ(CompileError(R"({"items":{"$ref":"#"}})"), "compiled");
  EXPECT_EQ(CompileError(R"({"additionalProperties":{"$ref":"#"}})"), "compiled");
}

TEST(JsonSchemaCompileTest, LongRefChainsDoNotOverflow) {
  std::string schema = R"({"$ref":"#/$defs/d0","$defs":{)";
  constexpr int kLength = 20000;
  for (int i = 0; i < kLength; ++i) {
    schema +=
        "\"d" + std::to_string(i) + "\":{\"$ref\":\"#/$defs/d" + std::to_string(i + 1) + "\"},";
  }
  schema += "\"d" + std::to_string(kLength) + "\":{\"type\":\"integer\"}}}";
  const JsonSchema compiled = MustCompile(schema);
  const Status status = compiled.ValidateText("1");
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Contains(status.message(), "nested deeper than 256")) << status.message();
}

TEST(JsonSchemaCompileTest, DeeplyNestedSchemaIsAnError) {
  std::string schema;
  for (int i = 0; i < 300; ++i) schema += R"({"not":)";
  schema += "true";
  for (int i = 0; i < 300; ++i) schema += "}";
  EXPECT_TRUE(Contains(CompileError(schema), "nested deeper than 256 schemas"));
}

TEST(JsonSchemaCompileTest, DeeplyNestedInstanceEndsWithAnError) {
  std::string instance(1000, '[');
  instance += std::string(1000, ']');
  const JsonSchema recursive = MustCompile(R"({"type":"array","items":{"$ref":"#"}})");
  const Status status = recursive.ValidateText(instance);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Contains(status.message(), "validation nested deeper than 256 schemas"))
      << status.message();
  // Shallow enough is fine, and keywords that never look inside cost nothing.
  EXPECT_TRUE(IsValid(recursive, std::string(100, '[') + std::string(100, ']')));
  EXPECT_TRUE(IsValid(MustCompile(R"({"type":"array"})"), instance));
}

TEST(JsonSchemaCompileTest, ExponentialSchemasStopWithAnError) {
  // Each level has two alternatives that both fail at the bottom: 2^40 paths.
  std::string schema = R"({"$ref":"#/$defs/a0","$defs":{)";
  for (int i = 0; i < 40; ++i) {
    const std::string next = "\"#/$defs/a" + std::to_string(i + 1) + "\"";
    schema += "\"a" + std::to_string(i) + "\":{\"anyOf\":[{\"$ref\":" + next +
              "},{\"$ref\":" + next + ",\"title\":\"copy\"}]},";
  }
  schema += R"("a40":{"type":"string"}}})";
  const JsonSchema compiled = MustCompile(schema);
  const Status status = compiled.ValidateText("5");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(status.message(), "too costly")) << status.message();
  EXPECT_TRUE(compiled.ValidateText("\"ok\"").ok());
}

TEST(JsonSchemaCompileTest, CopiesShareTheCompiledSchema) {
  const std::string text = R"({"type":"integer"})";
  const JsonSchema schema = MustCompile(text);
  const JsonSchema copy = schema;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(&copy.source(), &schema.source());
  EXPECT_EQ(copy.source(), text);
}

TEST(JsonSchemaCompileTest, ValidateFromSeveralThreads) {
  const JsonSchema schema = MustCompile(R"({"type":"object","required":["id"],
      "properties":{"id":{"type":"integer","minimum":0},
                    "tags":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"},
                            "uniqueItems":true}}})");
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&schema, &failures, t] {
      const JsonSchema mine = schema;
      for (int i = 0; i < 500; ++i) {
        const std::string good = "{\"id\":" + std::to_string(i) + ",\"tags\":[\"a\",\"b\"]}";
        const std::string bad = "{\"id\":-" + std::to_string(i + 1) + ",\"tags\":[\"A\"]}";
        if (!mine.ValidateText(good).ok() || mine.ValidateText(bad).ok()) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(CheckOpenAiStrictTest, AcceptsClosedSchemas) {
  EXPECT_TRUE(CheckOpenAiStrict(R"({
      "type": "object", "additionalProperties": false, "required": ["name", "address", "tags"],
      "properties": {
        "name": {"type": "string"},
        "address": {"$ref": "#/$defs/address"},
        "tags": {"type": "array", "items": {"type": "object",
                                             "properties": {"t": {"type": "string"}},
                                             "required": ["t"], "additionalProperties": false}}},
      "$defs": {"address": {"type": "object", "properties": {"zip": {"type": ["string", "null"]}},
                            "required": ["zip"], "additionalProperties": false}}})")
                  .ok());
  EXPECT_TRUE(CheckOpenAiStrict(R"({"type":"string"})").ok());
  EXPECT_TRUE(CheckOpenAiStrict("true").ok());
}

TEST(CheckOpenAiStrictTest, NamesTheFirstOpenObject) {
  Status status = CheckOpenAiStrict(R"({"type":"object","properties":{"a":{"type":"string"}},
                                         "required":["a"]})");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "schema (root): an object schema needs \"additionalProperties\": false (OpenAI strict "
            "mode)");
  status =
      CheckOpenAiStrict(R"({"type":"object","additionalProperties":false,"required":["address"],
      "properties":{"address":{"type":"object","additionalProperties":false,
                               "properties":{"street":{},"zip":{}},"required":["street"]}}})");
  EXPECT_EQ(status.message(),
            "schema /properties/address: property \"zip\" is not in required (every property must "
            "be; make it optional with a type such as [\"string\", \"null\"]) (OpenAI strict "
            "mode)");
  EXPECT_TRUE(Contains(CheckOpenAiStrict(R"({"$defs":{"x":{"properties":{}}}})").message(),
                       "schema /$defs/x: an object schema needs"));
  EXPECT_TRUE(Contains(
      CheckOpenAiStrict(R"({"anyOf":[{"type":"null"},{"type":["object","null"]}]})").message(),
      "schema /anyOf/1: "));
  EXPECT_TRUE(Contains(CheckOpenAiStrict(R"({"type":"array","items":{"type":"object",
                                             "additionalProperties":true}})")
                           .message(),
                       "schema /items: "));
  EXPECT_EQ(CheckOpenAiStrict("{").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow::llm
