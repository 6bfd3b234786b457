#include "llm/llm_request_info.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow::testutil {
namespace {

// Parses a chat body whose members after "messages" are `extra` (starting with a comma).
Result<RequestInfo> Chat(std::string_view extra) {
  std::string body = R"({"model":"m","messages":[{"role":"user","content":"hi"}])";
  body += extra;
  body += "}";
  return ParseLlmRequest(body, LlmEndpoint::kChatCompletions);
}

// The single structured request of a chat body, or a failed test.
StructuredOutputRequest Only(std::string_view extra) {
  Result<RequestInfo> info = Chat(extra);
  EXPECT_TRUE(info.has_value()) << info.error().message();
  if (!info || info->structured.size() != 1) {
    ADD_FAILURE() << "expected one structured request in " << extra;
    return {};
  }
  return info->structured[0];
}

std::string ErrorOf(std::string_view extra) {
  Result<RequestInfo> info = Chat(extra);
  return info ? "<ok>" : info.error().message();
}

TEST(LlmRequestInfoTest, OpenAiResponseFormat) {
  StructuredOutputRequest schema = Only(
      R"(,"response_format":{"type":"json_schema","json_schema":{"name":"rating","strict":true,)"
      R"("schema":{"type":"object","properties":{"score":{"type":"integer"}},)"
      R"("required":["score"],"additionalProperties":false}}})");
  EXPECT_EQ(schema.dialect, StructuredDialect::kOpenAiJsonSchema);
  EXPECT_EQ(schema.kind, StructuredKind::kJsonSchema);
  EXPECT_EQ(schema.schema_name, "rating");
  EXPECT_TRUE(schema.strict);
  EXPECT_EQ(schema.schema_json,
            R"({"type":"object","properties":{"score":{"type":"integer"}},"required":["score"],)"
            R"("additionalProperties":false})");

  StructuredOutputRequest object = Only(R"(,"response_format":{"type":"json_object"})");
  EXPECT_EQ(object.dialect, StructuredDialect::kOpenAiJsonObject);
  EXPECT_EQ(object.kind, StructuredKind::kJsonObject);
  EXPECT_TRUE(Chat(R"(,"response_format":{"type":"text"})")->structured.empty());
  EXPECT_NE(ErrorOf(R"(,"response_format":{"type":"yaml"})").find("response_format.type"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"(,"response_format":{"type":"json_schema","json_schema":{"name":"r"}})")
                .find("json_schema.schema"),
            std::string::npos);
}

TEST(LlmRequestInfoTest, StrictSchemasAreCheckedAsOpenAiDoes) {
  auto strict = [](std::string_view schema) {
    return ErrorOf(std::string(R"(,"response_format":{"type":"json_schema","json_schema":)") +
                   R"({"name":"r","strict":true,"schema":)" + std::string(schema) + "}}");
  };
  EXPECT_EQ(strict(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"],)"
                   R"("additionalProperties":false})"),
            "<ok>");
  EXPECT_NE(strict(R"({"type":"object","properties":{"a":{}},"required":["a"]})")
                .find("additionalProperties"),
            std::string::npos);
  EXPECT_NE(strict(R"({"type":"object","properties":{"a":{},"b":{}},"required":["a"],)"
                   R"("additionalProperties":false})")
                .find("\"b\""),
            std::string::npos);
  const std::string nested =
      strict(R"({"type":"object","properties":{"items":{"type":"array","items":{"type":"object",)"
             R"("properties":{"x":{}},"required":["x"]}}},"required":["items"],)"
             R"("additionalProperties":false})");
  EXPECT_NE(nested.find("schema.properties.items.items"), std::string::npos) << nested;
}

TEST(LlmRequestInfoTest, VllmStructuredOutputsAndGuidedFields) {
  StructuredOutputRequest json = Only(R"(,"structured_outputs":{"json":{"type":"object"}})");
  EXPECT_EQ(json.dialect, StructuredDialect::kVllmStructuredOutputs);
  EXPECT_EQ(json.schema_json, R"({"type":"object"})");
  EXPECT_EQ(Only(R"(,"structured_outputs":{"json":"{\"type\": \"object\"}"})").schema_json,
            R"({"type": "object"})");
  EXPECT_EQ(Only(R"(,"structured_outputs":{"regex":"[0-9]+"})").regex, "[0-9]+");
  StructuredOutputRequest choice = Only(R"(,"structured_outputs":{"choice":["a","b"]})");
  EXPECT_EQ(choice.kind, StructuredKind::kChoice);
  EXPECT_EQ(choice.choices, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Only(R"(,"structured_outputs":{"grammar":"root ::= x"})").grammar, "root ::= x");
  EXPECT_NE(ErrorOf(R"(,"structured_outputs":{"regex":"a","choice":["a"]})").find("one of"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"(,"structured_outputs":{})").find("structured_outputs"), std::string::npos);

  StructuredOutputRequest guided = Only(R"(,"guided_json":{"type":"object"})");
  EXPECT_EQ(guided.dialect, StructuredDialect::kVllmGuided);
  EXPECT_EQ(guided.kind, StructuredKind::kJsonSchema);
  EXPECT_EQ(Only(R"(,"guided_regex":"x+")").kind, StructuredKind::kRegex);
  EXPECT_EQ(Only(R"(,"guided_choice":["y"])").choices, std::vector<std::string>{"y"});
  EXPECT_EQ(Only(R"(,"guided_grammar":"g")").kind, StructuredKind::kGrammar);
  EXPECT_NE(ErrorOf(R"(,"guided_choice":[])").find("guided_choice"), std::string::npos);
}

TEST(LlmRequestInfoTest, LlamaCppAndTgi) {
  StructuredOutputRequest schema = Only(R"(,"json_schema":{"type":"array"})");
  EXPECT_EQ(schema.dialect, StructuredDialect::kLlamaCppJsonSchema);
  EXPECT_EQ(schema.schema_json, R"({"type":"array"})");
  StructuredOutputRequest grammar = Only(R"(,"grammar":"root ::= \"yes\"")");
  EXPECT_EQ(grammar.dialect, StructuredDialect::kLlamaCppGrammar);
  EXPECT_EQ(grammar.grammar, "root ::= \"yes\"");
  EXPECT_NE(ErrorOf(R"(,"json_schema":{},"grammar":"g")").find("not both"), std::string::npos);

  StructuredOutputRequest tgi_json =
      Only(R"(,"grammar":{"type":"json","value":{"type":"object"}})");
  EXPECT_EQ(tgi_json.dialect, StructuredDialect::kTgiGrammar);
  EXPECT_EQ(tgi_json.kind, StructuredKind::kJsonSchema);
  EXPECT_EQ(tgi_json.schema_json, R"({"type":"object"})");
  StructuredOutputRequest tgi_regex = Only(R"(,"grammar":{"type":"regex","value":"\\d"})");
  EXPECT_EQ(tgi_regex.kind, StructuredKind::kRegex);
  EXPECT_EQ(tgi_regex.regex, "\\d");
  EXPECT_NE(ErrorOf(R"(,"grammar":{"type":"ebnf","value":"x"})").find("grammar.type"),
            std::string::npos);
}

TEST(LlmRequestInfoTest, SeveralDialectsAreAllRecorded) {
  Result<RequestInfo> info =
      Chat(R"(,"response_format":{"type":"json_object"},"guided_regex":"a")");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->StructuredDialects(), "openai_json_object+vllm_guided");
  EXPECT_EQ(Chat("")->StructuredDialects(), "none");
}

TEST(LlmRequestInfoTest, MessagesSamplingAndPrompt) {
  Result<RequestInfo> info = ParseLlmRequest(
      R"({"model":"m","messages":[{"role":"system","content":null},{"role":"user",)"
      R"("content":"q1"},{"role":"assistant","content":"a1"},{"role":"user","content":"q2"}],)"
      R"("seed":5,"temperature":1,"max_tokens":10,"max_completion_tokens":20,"n":4})",
      LlmEndpoint::kChatCompletions);
  ASSERT_TRUE(info.has_value()) << info.error().message();
  EXPECT_EQ(info->messages.size(), 4u);
  EXPECT_EQ(info->messages[0].content, "");
  EXPECT_EQ(info->LastUserText(), "q2");
  EXPECT_EQ(info->seed, std::optional<uint64_t>(5));
  EXPECT_EQ(info->temperature, std::optional<double>(1.0));
  EXPECT_EQ(info->max_tokens, std::optional<int64_t>(20));  // max_completion_tokens wins
  EXPECT_EQ(info->n, 4);

  Result<RequestInfo> completion =
      ParseLlmRequest(R"({"model":"m","prompt":"p q"})", LlmEndpoint::kCompletions);
  ASSERT_TRUE(completion.has_value());
  EXPECT_EQ(completion->LastUserText(), "p q");
  EXPECT_FALSE(completion->seed.has_value());
  EXPECT_FALSE(ParseLlmRequest(R"({"model":"m","prompt":["a","b"]})", LlmEndpoint::kCompletions)
                   .has_value());
  EXPECT_NE(ErrorOf(R"(,"n":0)").find("n:"), std::string::npos);
  const Result<RequestInfo> bad_role = ParseLlmRequest(
      R"({"model":"m","messages":[{"content":"x"}]})", LlmEndpoint::kChatCompletions);
  ASSERT_FALSE(bad_role.has_value());
  EXPECT_EQ(bad_role.error().message(), "messages[0].role: missing (a string)");
}

}  // namespace
}  // namespace winnow::testutil
