#include "llm/test_llm_server.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "embed/test_embedding_server.h"
#include "llm/llm_answers.h"
#include "llm/llm_test_client.h"

namespace winnow::testutil {
namespace {

constexpr std::string_view kChat = "/v1/chat/completions";

TEST(TestLlmServerTest, ChatCompletionHasOpenAiShape) {
  TestLlmServer server;
  ASSERT_GT(server.port(), 0);
  const std::string body =
      R"({"model":"judge-1","messages":[{"role":"system","content":"be brief"},)"
      R"({"role":"user","content":"What is two plus two?"}],"seed":7,"temperature":0})";
  HttpResponse response = PostChat(server, body);
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element answer = parser.parse(response.body);
  EXPECT_EQ(std::string_view(answer["object"]), "chat.completion");
  EXPECT_EQ(std::string_view(answer["model"]), "judge-1");
  EXPECT_TRUE(std::string_view(answer["id"]).starts_with("chatcmpl-"));
  EXPECT_TRUE(answer["created"].is_int64());
  simdjson::dom::array choices = answer["choices"];
  ASSERT_EQ(choices.size(), 1u);
  EXPECT_EQ(int64_t(choices.at(0)["index"]), 0);
  EXPECT_EQ(std::string_view(choices.at(0)["message"]["role"]), "assistant");
  EXPECT_EQ(std::string_view(choices.at(0)["finish_reason"]), "stop");

  Result<RequestInfo> info = ParseLlmRequest(body, LlmEndpoint::kChatCompletions);
  ASSERT_TRUE(info.has_value());
  const std::string content = ContentOf(response.body);
  EXPECT_EQ(content, DefaultAnswer(*info, AnswerKey(*info)));
  EXPECT_TRUE(content.starts_with("Answer ")) << content;
  EXPECT_TRUE(content.ends_with(" to: What is two plus two?")) << content;
  EXPECT_EQ(int64_t(answer["usage"]["prompt_tokens"]), 7);      // 2 + 5 words
  EXPECT_EQ(int64_t(answer["usage"]["completion_tokens"]), 8);  // Answer <hex> to: + 5 words
  EXPECT_EQ(int64_t(answer["usage"]["total_tokens"]), 15);
}

TEST(TestLlmServerTest, CompletionsAnswerWithText) {
  TestLlmServer server;
  HttpResponse response =
      Send(PostRequest(server, "/v1/completions",
                       R"({"model":"base","prompt":"Once upon a time","max_tokens":50})"));
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element answer = parser.parse(response.body);
  EXPECT_EQ(std::string_view(answer["object"]), "text_completion");
  EXPECT_TRUE(std::string_view(answer["id"]).starts_with("cmpl-"));
  const std::string_view text = answer["choices"].at(0)["text"];
  EXPECT_TRUE(text.starts_with("Answer ")) << text;
  EXPECT_TRUE(text.ends_with("to: Once upon a time")) << text;
  EXPECT_EQ(int64_t(answer["usage"]["prompt_tokens"]), 4);
}

TEST(TestLlmServerTest, AnswersDependOnModelMessagesSeedAndTemperatureOnly) {
  TestLlmServer server;
  TestLlmServer other;
  auto answer = [](const TestLlmServer& s, const std::string& body) {
    return ContentOf(PostChat(s, body).body);
  };
  const std::string base = answer(server, ChatBody("hello", R"(,"seed":1,"temperature":0.7)"));
  EXPECT_EQ(answer(other, ChatBody("hello", R"(,"seed":1,"temperature":0.7)")), base);
  EXPECT_EQ(answer(server, ChatBody("hello", R"(,"seed":1,"temperature":0.7,"top_p":0.5)")), base);
  EXPECT_NE(answer(server, ChatBody("hello", R"(,"seed":2,"temperature":0.7)")), base);
  EXPECT_NE(answer(server, ChatBody("hello", R"(,"seed":1,"temperature":0.8)")), base);
  EXPECT_NE(answer(server, ChatBody("hello", R"(,"seed":1,"temperature":0.7)", "other")), base);
  EXPECT_NE(answer(server, ChatBody("hello!", R"(,"seed":1,"temperature":0.7)")), base);
}

TEST(TestLlmServerTest, EachOfNAnswersHasItsOwnVariant) {
  TestLlmServer server;
  HttpResponse response = PostChat(server, ChatBody("name a colour", R"(,"n":3)"));
  ASSERT_EQ(response.status, 200);
  std::set<std::string> contents;
  for (size_t i = 0; i < 3; ++i) contents.insert(ContentOf(response.body, i));
  EXPECT_EQ(contents.size(), 3u);
  EXPECT_EQ(ContentOf(response.body, 3), "<no content>");
}

TEST(TestLlmServerTest, MaxTokensCutsTheAnswerWithFinishReasonLength) {
  TestLlmServer server;
  const std::string body = ChatBody("tell me a long story", R"(,"max_tokens":2)");
  HttpResponse response = PostChat(server, body);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(CountWords(ContentOf(response.body)), 2u);
  EXPECT_EQ(FinishReasonOf(response.body), "length");
  EXPECT_EQ(server.successes_for_body(TestLlmServer::BodyHash(body)), 0u);
}

TEST(TestLlmServerTest, WordsAreWhitespaceSeparated) {
  EXPECT_EQ(CountWords("  one two\tthree\n"), 3u);
  EXPECT_EQ(CountWords(""), 0u);
  EXPECT_EQ(FirstWords("  one two\tthree\n", 2), "  one two");
  EXPECT_EQ(FirstWords("one two", 5), "one two");
  EXPECT_EQ(FirstWords("one two", 0), "");
}

TEST(TestLlmServerTest, EmbeddingsModelsAndHealth) {
  TestLlmServer server;
  server.set_models({"a", "b"});
  std::vector<HttpResponse> responses = SendAll(
      {PostRequest(server, "/v1/embeddings", R"({"model":"e","input":["x y","z"],"dimensions":4})"),
       PostRequest(server, "/v1/embeddings", R"({"model":"e","input":"solo"})"),
       PostRequest(server, "/v1/embeddings", R"({"model":"e","input":[1,2]})")});
  ASSERT_EQ(responses[0].status, 200) << responses[0].body;
  simdjson::dom::parser parser;
  simdjson::dom::element answer = parser.parse(responses[0].body);
  simdjson::dom::array data = answer["data"];
  ASSERT_EQ(data.size(), 2u);
  std::vector<float> expected = TestEmbeddingServer::ExpectedEmbedding("z", 4);
  simdjson::dom::array vector = data.at(1)["embedding"];
  ASSERT_EQ(vector.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(double(vector.at(i)), expected[i], 1e-6);
  EXPECT_EQ(int64_t(answer["usage"]["prompt_tokens"]), 3);
  EXPECT_EQ(responses[1].status, 200);
  EXPECT_EQ(simdjson::dom::array(parser.parse(responses[1].body)["data"].at(0)["embedding"]).size(),
            8u);
  EXPECT_EQ(responses[2].status, 400);

  HttpRequest models;
  models.url = server.base_url() + "/v1/models";
  HttpRequest health;
  health.url = server.base_url() + "/health";
  responses = SendAll({models, health});
  ASSERT_EQ(responses[0].status, 200);
  simdjson::dom::array listed = parser.parse(responses[0].body)["data"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(std::string_view(listed.at(1)["id"]), "b");
  EXPECT_EQ(responses[1].status, 200);
  EXPECT_EQ(responses[1].body, R"({"status":"ok"})");
}

TEST(TestLlmServerTest, BadRequestsGet400NamingTheField) {
  TestLlmServer server;
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "request body"},
      {R"({"model":"m"})", "messages"},
      {R"({"messages":[{"role":"user","content":"x"}]})", "model"},
      {ChatBody("x", R"(,"stream":true)"), "stream"},
      {ChatBody("x", R"(,"max_tokens":0)"), "max_tokens"},
      {ChatBody("x", R"(,"response_format":{"type":"json_schema","json_schema":{"name":"r",)"
                     R"("strict":true,"schema":{"type":"object","properties":{"a":{}}}}})"),
       "additionalProperties"},
  };
  for (const auto& [body, field] : cases) {
    HttpResponse response = PostChat(server, body);
    EXPECT_EQ(response.status, 400) << body;
    simdjson::dom::parser parser;
    std::string_view message;
    ASSERT_FALSE(parser.parse(response.body)["error"]["message"].get(message)) << response.body;
    EXPECT_NE(message.find(field), std::string_view::npos) << message;
  }
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), std::size(cases));
  EXPECT_EQ(log[0].status, 400);
  EXPECT_FALSE(log[0].success);
}

TEST(TestLlmServerTest, ScriptRulesFirstMatchWins) {
  TestLlmServer server;
  ASSERT_TRUE(server
                  .SetScript({{.model = "m2", .replies = {"from m2"}},
                              {.contains = "capital", .replies = {"Paris"}},
                              {.regex = R"(^rate \d+$)", .replies = {"1", "2", "3", "4", "5"}}})
                  .ok());
  EXPECT_EQ(ContentOf(PostChat(server, ChatBody("the capital?", "", "m2")).body), "from m2");
  EXPECT_EQ(ContentOf(PostChat(server, ChatBody("the capital of France?")).body), "Paris");
  std::set<std::string> ratings;
  for (int seed = 0; seed < 20; ++seed) {
    const std::string seeded = ",\"seed\":" + std::to_string(seed);
    ratings.insert(ContentOf(PostChat(server, ChatBody("rate 12", seeded)).body));
  }
  EXPECT_GE(ratings.size(), 3u);
  for (const std::string& rating : ratings) EXPECT_EQ(rating.size(), 1u) << rating;
  EXPECT_TRUE(ContentOf(PostChat(server, ChatBody("rate twelve")).body).starts_with("Answer "));

  ASSERT_TRUE(server.LoadScript(R"({"rules":[{"contains":"hi","reply":"hello"}]})").ok());
  EXPECT_EQ(ContentOf(PostChat(server, ChatBody("hi there")).body), "hello");
  EXPECT_NE(server.LoadScript(R"([{"contians":"hi","reply":"x"}])").message().find("contians"),
            std::string::npos);
  EXPECT_NE(server.LoadScript(R"([{"regex":"(","reply":"x"}])").message().find("rule 0"),
            std::string::npos);
  EXPECT_FALSE(server.SetScript({{.contains = "x"}}).ok());
}

TEST(TestLlmServerTest, ResponderSeesTheParsedRequestPerChoice) {
  TestLlmServer server;
  std::mutex mutex;
  std::vector<RequestInfo> seen;
  server.set_responder([&](const RequestInfo& info) -> std::optional<std::string> {
    std::lock_guard<std::mutex> lock(mutex);
    seen.push_back(info);
    if (info.LastUserText() == "pass") return std::nullopt;
    return "choice " + std::to_string(info.choice) + " of " + info.model;
  });
  const std::string body =
      R"({"model":"judge","messages":[{"role":"system","content":"rate"},{"role":"user",)"
      R"("content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]}],)"
      R"("seed":-1,"temperature":0,"max_completion_tokens":64,"n":2,)"
      R"("guided_choice":["1","2","3"]})";
  HttpResponse response = PostChat(server, body);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(ContentOf(response.body, 0), "choice 0 of judge");
  EXPECT_EQ(ContentOf(response.body, 1), "choice 1 of judge");
  ASSERT_EQ(seen.size(), 2u);
  const RequestInfo& info = seen[0];
  ASSERT_EQ(info.messages.size(), 2u);
  EXPECT_EQ(info.messages[0].role, "system");
  EXPECT_EQ(info.messages[1].content, "part one\npart two");
  EXPECT_EQ(info.seed, std::optional<uint64_t>(UINT64_MAX));
  EXPECT_EQ(info.temperature, std::optional<double>(0));
  EXPECT_EQ(info.max_tokens, std::optional<int64_t>(64));
  EXPECT_EQ(info.n, 2);
  ASSERT_NE(info.structured_output(), nullptr);
  EXPECT_EQ(info.structured_output()->kind, StructuredKind::kChoice);
  EXPECT_EQ(info.structured_output()->choices.size(), 3u);
  // nullopt falls through to the default answer.
  EXPECT_TRUE(ContentOf(PostChat(server, ChatBody("pass")).body).starts_with("Answer "));
}

TEST(TestLlmServerTest, StructuredRequestsGetDefaultsOfTheirKind) {
  TestLlmServer server;
  const std::string choice = ContentOf(
      PostChat(server, ChatBody("x", R"(,"structured_outputs":{"choice":["yes","no"]})")).body);
  EXPECT_TRUE(choice == "yes" || choice == "no") << choice;
  EXPECT_EQ(ContentOf(PostChat(server, ChatBody("x", R"(,"guided_regex":"\\d+")")).body), "regex");
  EXPECT_EQ(ContentOf(PostChat(server, ChatBody("x", R"(,"grammar":"root ::= \"a\"")")).body),
            "grammar");
  const std::string schema_request =
      ChatBody("x", R"(,"response_format":{"type":"json_schema","json_schema":{"name":"r",)"
                    R"("schema":{"type":"object","properties":{"score":{"type":"integer"}}}}})");
  EXPECT_EQ(ContentOf(PostChat(server, schema_request).body), "{}");
  std::string schema_seen;
  server.set_schema_answerer([&](std::string_view schema, uint64_t variant) {
    schema_seen = std::string(schema);
    return std::optional<std::string>("{\"score\":" + std::to_string(variant % 5 + 1) + "}");
  });
  EXPECT_TRUE(ContentOf(PostChat(server, schema_request).body).starts_with("{\"score\":"));
  EXPECT_EQ(schema_seen, R"({"type":"object","properties":{"score":{"type":"integer"}}})");
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[0].structured, "vllm_structured_outputs");
  EXPECT_EQ(log[1].structured, "vllm_guided");
  EXPECT_EQ(log[2].structured, "llamacpp_grammar");
  EXPECT_EQ(log[4].structured, "openai_json_schema");
}

TEST(TestLlmServerTest, RequestLogRecordsEveryRequest) {
  TestLlmServer server;
  const std::string a = ChatBody("first");
  const std::string b = ChatBody("second", R"(,"guided_json":{"type":"object"})");
  PostChat(server, a);
  PostChat(server, a);
  PostChat(server, b);
  HttpRequest health;
  health.url = server.base_url() + "/health";
  Send(health);
  EXPECT_EQ(server.requests(), 4u);
  EXPECT_EQ(server.requests(kChat), 3u);
  EXPECT_EQ(server.successes_for_body(TestLlmServer::BodyHash(a)), 2u);
  EXPECT_EQ(server.successes_for_body(TestLlmServer::BodyHash(b)), 1u);
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), 4u);
  for (size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].sequence, i);
  EXPECT_EQ(log[1].body_hash, TestLlmServer::BodyHash(a));
  EXPECT_EQ(log[0].seen_before, 0u);
  EXPECT_EQ(log[1].seen_before, 1u);
  EXPECT_EQ(log[2].structured, "vllm_guided");
  EXPECT_EQ(log[2].model, "test-model");
  EXPECT_EQ(log[3].route, "/health");
  EXPECT_TRUE(log[0].success);
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].fault, LlmFault::kNone);

  const std::string path = ::testing::TempDir() + "/llm_server_log.jsonl";
  ASSERT_TRUE(server.WriteLog(path).ok());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), server.LogJsonl());
  std::string first_line = text.str().substr(0, text.str().find('\n'));
  simdjson::dom::parser parser;
  simdjson::dom::element entry = parser.parse(first_line);
  EXPECT_EQ(int64_t(entry["seq"]), 0);
  EXPECT_EQ(std::string_view(entry["route"]), kChat);
  EXPECT_EQ(std::string_view(entry["body_hash"]).size(), 16u);
  EXPECT_EQ(std::string_view(entry["fault"]), "none");
  EXPECT_TRUE(bool(entry["success"]));
  std::remove(path.c_str());
}

TEST(TestLlmServerTest, Serves256HeldRequestsAtOnce) {
  TestLlmServer server;
  server.HoldResponses(true);
  std::vector<HttpRequest> requests;
  for (int i = 0; i < 256; ++i) {
    requests.push_back(PostRequest(server, kChat, ChatBody("q" + std::to_string(i))));
  }
  std::vector<HttpResponse> responses;
  std::thread client([&] { responses = SendAll(requests, 256); });
  EXPECT_TRUE(server.WaitForInFlight(256, 10));
  EXPECT_TRUE(server.log_snapshot().empty());  // nobody answered while held
  server.HoldResponses(false);
  client.join();
  EXPECT_EQ(server.max_concurrent(), 256u);
  ASSERT_EQ(responses.size(), 256u);
  for (const HttpResponse& response : responses) EXPECT_EQ(response.status, 200);
}

TEST(TestLlmServerTest, StopIsQuickDespiteSleepersAndIdleConnections) {
  TestLlmServer server;
  HttpClient idle_client;  // keeps its connections open (idle) past Stop()
  std::vector<HttpResponse> responses;
  const std::vector<HttpRequest> warmup = {PostRequest(server, kChat, ChatBody("a")),
                                           PostRequest(server, kChat, ChatBody("b"))};
  ASSERT_TRUE(idle_client.PerformAll(warmup, 2, &responses).ok());
  server.AddFault(LlmFault::kTimeout, 1, {.seconds = 60});
  server.HoldResponses(true);
  HttpResponse sleeper;
  HttpResponse held;
  std::thread client([&] {
    std::vector<HttpResponse> out = SendAll({PostRequest(server, kChat, ChatBody("c"), 30),
                                             PostRequest(server, kChat, ChatBody("d"), 30)},
                                            2);
    sleeper = out[0];
    held = out[1];
  });
  ASSERT_TRUE(server.WaitForInFlight(2, 5));
  const auto start = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
  client.join();
  EXPECT_FALSE(sleeper.transport_error.ok());
  EXPECT_FALSE(held.transport_error.ok());
  EXPECT_EQ(server.requests(), 4u);
}

}  // namespace
}  // namespace winnow::testutil
