#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include <chrono>
#include <thread>

#include "llm/llm_answers.h"
#include "llm/llm_test_client.h"
#include "llm/test_llm_server.h"

namespace winnow::testutil {
namespace {

constexpr std::string_view kChat = "/v1/chat/completions";

TEST(TestLlmServerFaultsTest, QueuedFaultsAreServedFirstInFirstOut) {
  TestLlmServer server;
  server.AddFault(LlmFault::kRateLimited, 1, {.retry_after = "0.05"});
  server.AddFault(LlmFault::kServerError);
  server.AddFault(LlmFault::kUnavailable);
  server.AddFault(LlmFault::kBadRequest);
  std::vector<int> statuses;
  std::vector<HttpResponse> responses;
  for (int i = 0; i < 5; ++i) {
    responses.push_back(PostChat(server, ChatBody("q")));
    statuses.push_back(static_cast<int>(responses.back().status));
  }
  EXPECT_EQ(statuses, (std::vector<int>{429, 500, 503, 400, 200}));
  EXPECT_EQ(responses[0].Header("retry-after"), "0.05");
  simdjson::dom::parser parser;
  std::string_view message;
  EXPECT_FALSE(parser.parse(responses[2].body)["error"]["message"].get(message));
  EXPECT_EQ(server.fault_count(LlmFault::kRateLimited), 1u);
  EXPECT_EQ(server.fault_count(LlmFault::kBadRequest), 1u);
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[1].fault, LlmFault::kServerError);
  EXPECT_EQ(log[1].status, 500);
  EXPECT_FALSE(log[1].success);
  EXPECT_TRUE(log[4].success);
}

TEST(TestLlmServerFaultsTest, RateLimitHeadersAndDefaultRetryAfter) {
  TestLlmServer server;
  server.set_retry_after("0");
  server.set_rate_limit_headers({.remaining_requests = "0", .reset_requests = "20ms"});
  server.AddFault(LlmFault::kRateLimited);
  httplib::Client client("127.0.0.1", server.port());
  auto limited = client.Post("/v1/chat/completions", ChatBody("q"), "application/json");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "0");
  EXPECT_EQ(limited->get_header_value("x-ratelimit-remaining-requests"), "0");
  EXPECT_EQ(limited->get_header_value("x-ratelimit-reset-requests"), "20ms");
  EXPECT_FALSE(limited->has_header("x-ratelimit-remaining-tokens"));
  auto ok = client.Post("/v1/chat/completions", ChatBody("q"), "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->get_header_value("x-ratelimit-reset-requests"), "20ms");
  server.set_retry_after("");
  server.AddFault(LlmFault::kRateLimited);
  auto bare = client.Post("/v1/chat/completions", ChatBody("q"), "application/json");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 429);
  EXPECT_FALSE(bare->has_header("Retry-After"));
}

TEST(TestLlmServerFaultsTest, SlowAnswersLateButSucceeds) {
  TestLlmServer server;
  server.AddFault(LlmFault::kSlow, 1, {.seconds = 0.05});
  const auto start = std::chrono::steady_clock::now();
  HttpResponse response = PostChat(server, ChatBody("q"));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(server.log_snapshot().at(0).success);
}

TEST(TestLlmServerFaultsTest, TimeoutLeavesTheClientWithoutAnAnswer) {
  TestLlmServer server;
  server.AddFault(LlmFault::kTimeout, 1, {.seconds = 20});
  HttpResponse response = Send(PostRequest(server, kChat, ChatBody("q"), 0.2));
  EXPECT_TRUE(response.timed_out) << response.transport_error.message();
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(PostChat(server, ChatBody("q")).status, 200);  // the retry succeeds
  EXPECT_EQ(server.fault_count(LlmFault::kTimeout), 1u);
  // The sleeper still runs; Stop (and the destructor) must not wait for it.
  const auto start = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].fault, LlmFault::kTimeout);
  EXPECT_EQ(log[0].status, 0);
}

TEST(TestLlmServerFaultsTest, DropCutsTheResponseShort) {
  TestLlmServer server;
  server.AddFault(LlmFault::kDrop);
  HttpResponse response = PostChat(server, ChatBody("q"));
  EXPECT_FALSE(response.transport_error.ok());
  EXPECT_FALSE(response.timed_out);
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(PostChat(server, ChatBody("q")).status, 200);
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, 0);
  EXPECT_EQ(log[0].fault, LlmFault::kDrop);
}

TEST(TestLlmServerFaultsTest, BodyFaultsAnswer200WithBrokenContent) {
  TestLlmServer server;
  const std::string body = ChatBody("tell me about the moon and its phases");
  const std::string normal = ContentOf(PostChat(server, body).body);
  server.AddFault(LlmFault::kMalformed);
  server.AddFault(LlmFault::kLength);
  server.AddFault(LlmFault::kInvalidJson);
  server.AddFault(LlmFault::kEmptyChoices);
  std::vector<HttpResponse> responses;
  for (int i = 0; i < 4; ++i) responses.push_back(PostChat(server, body));
  for (const HttpResponse& response : responses) EXPECT_EQ(response.status, 200);
  simdjson::dom::parser parser;
  EXPECT_TRUE(parser.parse(responses[0].body).error());  // malformed: not JSON

  const std::string cut = ContentOf(responses[1].body);
  EXPECT_EQ(FinishReasonOf(responses[1].body), "length");
  EXPECT_EQ(CountWords(cut), CountWords(normal) / 2);
  EXPECT_TRUE(normal.starts_with(cut));

  EXPECT_EQ(ContentOf(responses[2].body), "{\"oops\":");
  EXPECT_EQ(FinishReasonOf(responses[2].body), "stop");

  simdjson::dom::array choices;
  ASSERT_FALSE(parser.parse(responses[3].body)["choices"].get(choices));
  EXPECT_EQ(choices.size(), 0u);

  EXPECT_EQ(server.successes_for_body(TestLlmServer::BodyHash(body)), 1u);
  for (const LlmLogEntry& entry : server.log_snapshot()) {
    EXPECT_EQ(entry.success, entry.fault == LlmFault::kNone);
  }
}

// Statuses of one request per body, `concurrency` at a time.
std::vector<long> Statuses(const TestLlmServer& server, const std::vector<std::string>& bodies) {
  std::vector<HttpRequest> requests;
  for (const std::string& body : bodies) requests.push_back(PostRequest(server, kChat, body));
  std::vector<long> statuses;
  for (const HttpResponse& response : SendAll(requests, 16)) statuses.push_back(response.status);
  return statuses;
}

TEST(TestLlmServerFaultsTest, FaultRatesAreSeededAndRetriesCanSucceed) {
  std::vector<std::string> bodies;
  for (int i = 0; i < 200; ++i) bodies.push_back(ChatBody("question " + std::to_string(i)));
  const FaultRates rates{.rate_limited = 0.3, .server_error = 0.2, .seed = 42};
  TestLlmServer server;
  TestLlmServer replay;
  TestLlmServer reseeded;
  server.set_fault_rates(rates);
  replay.set_fault_rates(rates);
  reseeded.set_fault_rates({.rate_limited = 0.3, .server_error = 0.2, .seed = 43});
  const std::vector<long> first = Statuses(server, bodies);
  EXPECT_EQ(Statuses(replay, bodies), first);
  EXPECT_NE(Statuses(reseeded, bodies), first);
  const size_t limited = std::count(first.begin(), first.end(), 429);
  const size_t failed = std::count(first.begin(), first.end(), 500);
  EXPECT_GT(limited, 30u);
  EXPECT_LT(limited, 90u);
  EXPECT_GT(failed, 15u);
  EXPECT_LT(failed, 65u);
  EXPECT_EQ(server.fault_count(LlmFault::kRateLimited), limited);

  // Retrying only the failures draws again (the seen-count changed) until all succeed.
  std::vector<std::string> pending;
  for (size_t i = 0; i < bodies.size(); ++i) {
    if (first[i] != 200) pending.push_back(bodies[i]);
  }
  for (int round = 0; round < 30 && !pending.empty(); ++round) {
    const std::vector<long> statuses = Statuses(server, pending);
    std::vector<std::string> still;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (statuses[i] != 200) still.push_back(pending[i]);
    }
    pending = std::move(still);
  }
  EXPECT_TRUE(pending.empty());
  for (const std::string& body : bodies) {
    EXPECT_EQ(server.successes_for_body(TestLlmServer::BodyHash(body)), 1u);
  }
}

TEST(TestLlmServerFaultsTest, DrawsAreDeterministicAndRatesValidated) {
  const FaultRates always{.timeout = 1};
  EXPECT_EQ(DrawFault(always, 1, 0), LlmFault::kTimeout);
  const FaultRates never{};
  EXPECT_EQ(DrawFault(never, 1, 0), LlmFault::kNone);
  const FaultRates half{.drop = 0.5, .seed = 9};
  EXPECT_EQ(DrawFault(half, 77, 3), DrawFault(half, 77, 3));
  EXPECT_TRUE(ValidateFaultRates(half).ok());
  EXPECT_FALSE(ValidateFaultRates({.rate_limited = 0.6, .drop = 0.6}).ok());
  EXPECT_NE(ValidateFaultRates({.slow = -0.1}).message().find("slow"), std::string::npos);
  EXPECT_EQ(DrawLatencySeconds(0, 0.5, 1, 2, 3), 0);
  EXPECT_DOUBLE_EQ(DrawLatencySeconds(0.2, 0, 1, 2, 3), 0.2);  // sigma 0: the median
  EXPECT_EQ(DrawLatencySeconds(0.2, 0.5, 1, 2, 3), DrawLatencySeconds(0.2, 0.5, 1, 2, 3));
}

TEST(TestLlmServerFaultsTest, LatencyDelaysEveryPostBySeededDraws) {
  TestLlmServer server;
  server.set_latency(0.005, 0.5, 7);
  std::vector<HttpRequest> requests;
  for (int i = 0; i < 16; ++i) {
    requests.push_back(PostRequest(server, kChat, ChatBody("q" + std::to_string(i))));
  }
  for (const HttpResponse& response : SendAll(requests, 16)) EXPECT_EQ(response.status, 200);
  std::vector<LlmLogEntry> log = server.log_snapshot();
  ASSERT_EQ(log.size(), 16u);
  for (const LlmLogEntry& entry : log) {
    EXPECT_GE(entry.latency_seconds,
              DrawLatencySeconds(0.005, 0.5, 7, entry.body_hash, entry.seen_before));
  }
}

TEST(TestLlmServerFaultsTest, HoldFreezesAnswersUntilReleased) {
  TestLlmServer server;
  server.HoldResponses(true);
  std::vector<HttpResponse> responses;
  std::thread client([&] {
    responses = SendAll(
        {PostRequest(server, kChat, ChatBody("a")), PostRequest(server, kChat, ChatBody("b")),
         PostRequest(server, "/v1/embeddings", R"({"input":"c"})")},
        3);
  });
  ASSERT_TRUE(server.WaitForInFlight(3, 5));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(server.log_snapshot().empty());
  server.HoldResponses(false);
  client.join();
  ASSERT_EQ(responses.size(), 3u);
  for (const HttpResponse& response : responses) EXPECT_EQ(response.status, 200);
}

}  // namespace
}  // namespace winnow::testutil
