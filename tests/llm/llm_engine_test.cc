#include "winnow/llm/llm_engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "llm/engine_test_util.h"
#include "llm/test_llm_server.h"

namespace winnow::llm {
namespace {

using testutil::LlmFault;
using testutil::RunCalls;
using testutil::TestLlmServer;

EndpointOptions Endpoint(const TestLlmServer& server, size_t window = 8) {
  EndpointOptions options;
  options.name = "test";
  options.model = "test-model";
  options.replicas.push_back({server.base_url(), 1, window});
  options.timeout_seconds = 5;
  options.max_attempts = 4;
  options.backoff = {0.01, 0.05};
  return options;
}

LlmCall Call(std::string_view question, std::string endpoint = "test") {
  LlmCall call;
  call.endpoint = std::move(endpoint);
  call.request.messages = {{"user", std::string(question)}};
  call.request.sampling.max_tokens = 64;
  call.request.sampling.seed = 1;
  return call;
}

std::unique_ptr<LlmEngine> Start(std::vector<EndpointOptions> endpoints,
                                 ResponseCache* cache = nullptr, double budget = 0) {
  EngineOptions options;
  options.endpoints = std::move(endpoints);
  options.cache = cache;
  options.budget_usd = budget;
  auto engine = LlmEngine::Start(std::move(options));
  EXPECT_TRUE(engine.has_value()) << engine.error().message();
  return std::move(*engine);
}

TEST(LlmEngineTest, AnswersEveryCallAndCountsTokens) {
  TestLlmServer server;
  server.set_responder([](const testutil::RequestInfo& info) -> std::optional<std::string> {
    return "echo: " + info.messages.back().content;
  });
  auto engine = Start({Endpoint(server)});
  std::vector<LlmCall> calls;
  for (int i = 0; i < 50; ++i) calls.push_back(Call("q" + std::to_string(i)));
  auto results = RunCalls(*engine, std::move(calls));
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].error;
    EXPECT_EQ(results[i].text, "echo: q" + std::to_string(i));
    EXPECT_EQ(results[i].finish_reason, "stop");
    EXPECT_EQ(results[i].attempts, 1);
    EXPECT_EQ(results[i].model, "test-model");
    EXPECT_FALSE(results[i].from_cache);
  }
  auto stats = engine->Stats();
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].calls, 50u);
  EXPECT_EQ(stats[0].requests, 50u);
  EXPECT_EQ(stats[0].in_flight, 0u);
  EXPECT_GT(stats[0].prompt_tokens, 0);
  EXPECT_GT(stats[0].completion_tokens, 0);
}

TEST(LlmEngineTest, KeepsASlidingWindowFullButNeverOverIt) {
  TestLlmServer server;
  server.set_latency(0.03, 0.5, 7);
  auto engine = Start({Endpoint(server, /*window=*/6)});
  std::vector<LlmCall> calls;
  for (int i = 0; i < 60; ++i) calls.push_back(Call("q" + std::to_string(i)));
  auto results = RunCalls(*engine, std::move(calls));
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(server.max_concurrent(), 6u);
}

TEST(LlmEngineTest, RetriesRateLimitsAndServerErrorsThenSucceeds) {
  TestLlmServer server;
  server.AddFault(LlmFault::kRateLimited, 1, {"0.05", -1});
  server.AddFault(LlmFault::kServerError, 1);
  server.AddFault(LlmFault::kMalformed, 1);
  auto engine = Start({Endpoint(server, 1)});
  auto results = RunCalls(*engine, {Call("hello")});
  ASSERT_TRUE(results[0].ok()) << results[0].error;
  EXPECT_EQ(results[0].attempts, 4);
  EXPECT_EQ(engine->Stats()[0].retries, 3u);
}

TEST(LlmEngineTest, GivesUpWithTheFailureClassAfterMaxAttempts) {
  TestLlmServer server;
  server.AddFault(LlmFault::kServerError, 4);
  auto engine = Start({Endpoint(server, 1)});
  auto results = RunCalls(*engine, {Call("hello")});
  EXPECT_EQ(results[0].failure, FailureClass::kServerError);
  EXPECT_EQ(results[0].attempts, 4);
  EXPECT_EQ(results[0].http_status, 500);
  EXPECT_NE(results[0].error.find("after 4 attempts"), std::string::npos) << results[0].error;
  EXPECT_EQ(engine->Stats()[0].failures.at("server_error"), 1u);
}

TEST(LlmEngineTest, ClientErrorsAreNotRetried) {
  TestLlmServer server;
  server.AddFault(LlmFault::kBadRequest, 1);
  auto engine = Start({Endpoint(server)});
  auto results = RunCalls(*engine, {Call("hello")});
  EXPECT_EQ(results[0].failure, FailureClass::kClientError);
  EXPECT_EQ(results[0].attempts, 1);
  EXPECT_EQ(server.requests(), 1u);
}

TEST(LlmEngineTest, TimeoutsAndDroppedConnectionsAreRetried) {
  TestLlmServer server;
  server.AddFault(LlmFault::kTimeout, 1, {"", 3.0});
  server.AddFault(LlmFault::kDrop, 1);
  EndpointOptions endpoint = Endpoint(server, 1);
  endpoint.timeout_seconds = 0.3;
  auto engine = Start({endpoint});
  auto results = RunCalls(*engine, {Call("hello")});
  ASSERT_TRUE(results[0].ok()) << results[0].error;
  EXPECT_EQ(results[0].attempts, 3);
}

TEST(LlmEngineTest, TruncatedAnswersFail) {
  TestLlmServer server;
  server.AddFault(LlmFault::kLength, 1);
  auto engine = Start({Endpoint(server)});
  auto results = RunCalls(*engine, {Call("hello")});
  EXPECT_EQ(results[0].failure, FailureClass::kTruncated);
  EXPECT_EQ(results[0].finish_reason, "length");
  EXPECT_FALSE(results[0].text.empty());  // the raw text is kept
}

TEST(LlmEngineTest, ReasksWhenTheCheckFailsShowingTheProblem) {
  TestLlmServer server;
  server.set_responder([](const testutil::RequestInfo& info) -> std::optional<std::string> {
    return info.messages.back().content.find("cannot be used") != std::string::npos ? "42"
                                                                                    : "forty";
  });
  auto engine = Start({Endpoint(server)});
  LlmCall call = Call("a number please");
  call.check = [](std::string_view answer) {
    return answer == "42" ? Status::OK() : Status::InvalidInput("not digits");
  };
  auto results = RunCalls(*engine, {std::move(call)});
  ASSERT_TRUE(results[0].ok()) << results[0].error;
  EXPECT_EQ(results[0].text, "42");
  EXPECT_EQ(results[0].attempts, 2);
  EXPECT_EQ(engine->Stats()[0].reasks, 1u);

  LlmCall hopeless = Call("never");
  hopeless.max_reasks = 1;
  hopeless.check = [](std::string_view) { return Status::InvalidInput("never right"); };
  results = RunCalls(*engine, {std::move(hopeless)});
  EXPECT_EQ(results[0].failure, FailureClass::kInvalidOutput);
  EXPECT_NE(results[0].error.find("never right"), std::string::npos);
}

TEST(LlmEngineTest, ChecksStructuredOutputsLocally) {
  TestLlmServer server;
  server.set_schema_answerer([](std::string_view, uint64_t) -> std::optional<std::string> {
    return std::string("{\"rating\": 3}");
  });
  server.AddFault(LlmFault::kInvalidJson, 1);
  auto engine = Start({Endpoint(server)});
  LlmCall call = Call("rate it");
  call.request.output.kind = OutputConstraint::Kind::kJsonSchema;
  call.request.output.schema_json =
      R"({"type":"object","properties":{"rating":{"type":"integer"}},"required":["rating"]})";
  auto results = RunCalls(*engine, {std::move(call)});
  ASSERT_TRUE(results[0].ok()) << results[0].error;
  EXPECT_EQ(results[0].text, "{\"rating\": 3}");
  EXPECT_EQ(results[0].attempts, 2);  // the invalid JSON was re-asked
}

TEST(LlmEngineTest, TheCacheServesRepeatedRequestsWithoutSending) {
  TestLlmServer server;
  std::string path = (std::filesystem::temp_directory_path() /
                      ("winnow-llm-cache-" + std::to_string(::getpid()) + ".sqlite"))
                         .string();
  std::filesystem::remove(path);
  {
    auto cache = ResponseCache::Open(path);
    ASSERT_TRUE(cache.has_value());
    auto engine = Start({Endpoint(server)}, cache->get());
    auto first = RunCalls(*engine, {Call("a"), Call("b")});
    ASSERT_TRUE(first[0].ok() && first[1].ok());
  }
  EXPECT_EQ(server.requests(), 2u);
  auto cache = ResponseCache::Open(path);
  ASSERT_TRUE(cache.has_value());
  auto engine = Start({Endpoint(server)}, cache->get());
  LlmCall changed = Call("b");
  changed.request.sampling.temperature = 0.5;  // another request: not a hit
  auto again = RunCalls(*engine, {Call("a"), Call("b"), std::move(changed)});
  EXPECT_TRUE(again[0].from_cache);
  EXPECT_TRUE(again[1].from_cache);
  EXPECT_FALSE(again[2].from_cache);
  EXPECT_EQ(again[0].attempts, 0);
  EXPECT_EQ(server.requests(), 3u);
  EXPECT_EQ(engine->Stats()[0].cache_hits, 2u);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}

// Identical requests in flight at the same time (two steps embedding the same texts, a judge
// asked the same question twice) are sent once; the others share the answer, or the failure.
TEST(LlmEngineTest, IdenticalRequestsInFlightAreSentOnce) {
  TestLlmServer server;
  server.set_latency(0.05, 0.01, 1);
  server.AddFault(LlmFault::kServerError, 1);  // the first send is retried; its waiters wait
  std::string path = (std::filesystem::temp_directory_path() /
                      ("winnow-llm-coalesce-" + std::to_string(::getpid()) + ".sqlite"))
                         .string();
  std::filesystem::remove(path);
  auto cache = ResponseCache::Open(path);
  ASSERT_TRUE(cache.has_value());
  auto engine = Start({Endpoint(server, 8)}, cache->get());
  std::vector<LlmCall> calls;
  for (int i = 0; i < 20; ++i) calls.push_back(Call(i % 2 == 0 ? "same" : "other"));
  auto results = RunCalls(*engine, std::move(calls));
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].error;
    EXPECT_EQ(results[i].text, results[i % 2].text);
  }
  EXPECT_EQ(server.requests(), 3u);  // one text twice (a 500, then the answer), the other once
  EXPECT_EQ(engine->Stats()[0].cache_hits, 18u);
  EXPECT_EQ(engine->Stats()[0].ok, 20u);

  // A request that fails for good fails every call that waited on it, without sending again.
  server.AddFault(LlmFault::kBadRequest, 1);
  std::vector<LlmCall> doomed;
  for (int i = 0; i < 5; ++i) doomed.push_back(Call("doomed"));
  auto failed = RunCalls(*engine, std::move(doomed));
  for (const LlmResult& result : failed) {
    EXPECT_EQ(result.failure, FailureClass::kClientError);
    EXPECT_EQ(result.http_status, 400);
  }
  EXPECT_EQ(server.requests(), 4u);
  engine.reset();
  cache->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}

TEST(LlmEngineTest, SpreadsLoadOverReplicasByWeight) {
  TestLlmServer a, b;
  a.set_latency(0.2, 0.01, 1);
  b.set_latency(0.2, 0.01, 2);
  EndpointOptions endpoint = Endpoint(a, 40);
  endpoint.replicas[0].weight = 3;
  endpoint.replicas.push_back({b.base_url(), 1, 40});
  auto engine = Start({endpoint});
  std::vector<LlmCall> calls;
  for (int i = 0; i < 40; ++i) calls.push_back(Call("q" + std::to_string(i)));
  auto results = RunCalls(*engine, std::move(calls));
  for (const auto& result : results) EXPECT_TRUE(result.ok());
  EXPECT_EQ(a.requests() + b.requests(), 40u);
  EXPECT_EQ(a.requests(), 30u);
  EXPECT_EQ(b.requests(), 10u);
}

TEST(LlmEngineTest, TheRequestBucketPacesRequests) {
  TestLlmServer server;
  EndpointOptions endpoint = Endpoint(server, 64);
  endpoint.requests_per_minute = 1200;  // 20 per second, bursts of one second's worth
  auto engine = Start({endpoint});
  std::vector<LlmCall> calls;
  for (int i = 0; i < 40; ++i) calls.push_back(Call("q" + std::to_string(i)));
  auto start = std::chrono::steady_clock::now();
  auto results = RunCalls(*engine, std::move(calls));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& result : results) EXPECT_TRUE(result.ok());
  EXPECT_GE(seconds, 0.9);  // 20 at once, then 20 more at 20/s
  EXPECT_LT(seconds, 5.0);
}

TEST(LlmEngineTest, StopsSendingWhenTheBudgetIsSpent) {
  TestLlmServer server;
  EndpointOptions endpoint = Endpoint(server, 1);
  endpoint.input_price_per_mtok = 1e6;  // a dollar a token: the budget covers almost nothing
  endpoint.output_price_per_mtok = 1e6;
  auto engine = Start({endpoint}, nullptr, /*budget=*/10);
  std::vector<LlmCall> calls;
  for (int i = 0; i < 5; ++i) calls.push_back(Call("q" + std::to_string(i)));
  auto results = RunCalls(*engine, std::move(calls));
  size_t budget_failures = 0;
  for (const auto& result : results) budget_failures += result.failure == FailureClass::kBudget;
  EXPECT_EQ(budget_failures, 5u);  // each call's estimate alone is over the budget
  EXPECT_EQ(server.requests(), 0u);
}

TEST(LlmEngineTest, UnknownEndpointsAndCancelFailEveryCallOnce) {
  TestLlmServer server;
  server.HoldResponses(true);
  auto engine = Start({Endpoint(server)});
  std::vector<LlmCall> calls = {Call("a", "nope"), Call("b"), Call("c")};
  std::mutex mutex;
  std::vector<LlmResult> results;
  for (auto& call : calls) {
    engine->Submit(std::move(call), [&](LlmResult result) {
      std::lock_guard<std::mutex> lock(mutex);
      results.push_back(std::move(result));
    });
  }
  ASSERT_TRUE(server.WaitForInFlight(2, 5));
  engine->Cancel();
  engine.reset();
  server.HoldResponses(false);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].failure, FailureClass::kClientError);
  EXPECT_EQ(results[1].failure, FailureClass::kCancelled);
  EXPECT_EQ(results[2].failure, FailureClass::kCancelled);
}

TEST(LlmEngineTest, MissingApiKeyVariableIsAnError) {
  TestLlmServer server;
  EndpointOptions endpoint = Endpoint(server);
  endpoint.api_key_env = "WINNOW_TEST_SURELY_UNSET_KEY";
  EngineOptions options;
  options.endpoints = {endpoint};
  auto engine = LlmEngine::Start(options);
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().message(),
            "endpoint 'test': environment variable WINNOW_TEST_SURELY_UNSET_KEY (api_key_env) "
            "is not set");
}

}  // namespace
}  // namespace winnow::llm
