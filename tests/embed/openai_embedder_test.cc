#include "winnow/embed/openai_embedder.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <string>
#include <thread>

#include "embed/test_embedding_server.h"

namespace winnow {
namespace {

using testutil::TestEmbeddingServer;

OpenAiEmbedderOptions FastOptions(const TestEmbeddingServer& server) {
  OpenAiEmbedderOptions options;
  options.base_url = server.base_url();
  options.model = "test-model";
  options.batch_size = 4;
  options.max_concurrency = 3;
  options.timeout_seconds = 5;
  options.initial_backoff_seconds = 0.01;
  options.max_backoff_seconds = 0.05;
  return options;
}

std::unique_ptr<OpenAiEmbedder> Make(const OpenAiEmbedderOptions& options) {
  auto embedder = OpenAiEmbedder::Create(options);
  EXPECT_TRUE(embedder.has_value()) << embedder.error().message();
  return std::move(embedder).value();
}

struct Texts {
  explicit Texts(size_t n, const std::string& prefix = "text ") {
    for (size_t i = 0; i < n; ++i) owned.push_back(prefix + std::to_string(i));
    views.assign(owned.begin(), owned.end());
  }
  std::vector<std::string> owned;
  std::vector<std::string_view> views;
};

void ExpectServerVectors(const std::vector<std::string_view>& texts, const std::vector<float>& got,
                         size_t dim) {
  ASSERT_EQ(got.size(), texts.size() * dim);
  for (size_t t = 0; t < texts.size(); ++t) {
    std::vector<float> want = TestEmbeddingServer::ExpectedEmbedding(texts[t], dim);
    for (size_t i = 0; i < dim; ++i) EXPECT_NEAR(got[t * dim + i], want[i], 1e-5) << texts[t];
  }
}

TEST(OpenAiEmbedderTest, BatchesRequestsAndNormalisesInInputOrder) {
  TestEmbeddingServer server(8);
  auto embedder = Make(FastOptions(server));
  EXPECT_EQ(embedder->url(), server.base_url() + "/v1/embeddings");
  EXPECT_EQ(embedder->name(), "openai:test-model");
  EXPECT_EQ(embedder->dimension(), 0u);
  Texts texts(10);
  std::vector<float> out;
  ASSERT_TRUE(embedder->Embed(texts.views, &out).ok());
  EXPECT_EQ(server.embedding_requests(), 3u);  // ceil(10 / 4)
  EXPECT_EQ(server.max_batch(), 4u);
  EXPECT_EQ(embedder->dimension(), 8u);
  ExpectServerVectors(texts.views, out, 8);
  EXPECT_NE(server.last_body().find("\"model\":\"test-model\""), std::string::npos);
  EXPECT_EQ(server.last_authorization(), "");
}

TEST(OpenAiEmbedderTest, OrdersByIndexWhenServerShuffles) {
  TestEmbeddingServer server(6);
  server.set_shuffle(true);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.base_url += "/v1/";  // with "/v1" and a trailing slash
  auto embedder = Make(options);
  EXPECT_EQ(embedder->url(), server.base_url() + "/v1/embeddings");
  Texts texts(7);
  std::vector<float> out;
  ASSERT_TRUE(embedder->Embed(texts.views, &out).ok());
  ExpectServerVectors(texts.views, out, 6);
}

TEST(OpenAiEmbedderTest, RetriesAfter429And500AndMalformedJson) {
  TestEmbeddingServer server(8);
  server.Add429(1, "0");
  server.Add500(2);
  server.AddMalformed(1);
  auto embedder = Make(FastOptions(server));
  Texts texts(3);  // one batch: 4 failures, then success on the fifth attempt
  std::vector<float> out;
  Status status = embedder->Embed(texts.views, &out);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(server.embedding_requests(), 5u);
  ExpectServerVectors(texts.views, out, 8);
}

TEST(OpenAiEmbedderTest, HonoursRetryAfter) {
  TestEmbeddingServer server(8);
  server.Add429(1, "1");
  OpenAiEmbedderOptions options = FastOptions(server);
  options.max_backoff_seconds = 2;
  auto embedder = Make(options);
  Texts texts(2);
  std::vector<float> out;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(embedder->Embed(texts.views, &out).ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(950));
  EXPECT_EQ(server.embedding_requests(), 2u);
}

TEST(OpenAiEmbedderTest, GivesUpAfterMaxAttemptsWithAUsefulMessage) {
  TestEmbeddingServer server(8);
  server.Add500(10);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.max_attempts = 3;
  auto embedder = Make(options);
  Texts texts(2);
  std::vector<float> out = {1.0f};
  Status status = embedder->Embed(texts.views, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(server.embedding_requests(), 3u);
  EXPECT_NE(status.message().find(embedder->url()), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("3 attempts"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("HTTP 500"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("internal trouble"), std::string::npos) << status.message();
  EXPECT_EQ(out.size(), 1u);  // untouched on error
}

TEST(OpenAiEmbedderTest, RetriesTimeoutsThenSucceedsOrReportsThem) {
  TestEmbeddingServer server(8);
  server.AddSlow(1, 2.0);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.timeout_seconds = 0.3;
  auto embedder = Make(options);
  Texts texts(2);
  std::vector<float> out;
  ASSERT_TRUE(embedder->Embed(texts.views, &out).ok());
  EXPECT_EQ(server.embedding_requests(), 2u);
  ExpectServerVectors(texts.views, out, 8);

  server.AddSlow(2, 2.0);
  options.max_attempts = 2;
  auto impatient = Make(options);
  out.clear();
  Status status = impatient->Embed(texts.views, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("timed out"), std::string::npos) << status.message();
}

TEST(OpenAiEmbedderTest, DimensionMismatchNamesTheText) {
  TestEmbeddingServer server(8);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.batch_size = 2;
  auto embedder = Make(options);
  Texts texts(6);
  std::vector<float> out;
  ASSERT_TRUE(embedder->Embed(std::span(texts.views).first(4), &out).ok());  // learns 8
  server.AddWrongDimension(1);
  out.clear();
  // One batch: the faulty answer gives the call's second text (position 1) 9 floats.
  Status status = embedder->Embed(std::span(texts.views).subspan(4), &out);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("text 1 has 9 dimensions, expected 8"), std::string::npos)
      << status.message();
}

TEST(OpenAiEmbedderTest, SendsDimensionsAndEnforcesThem) {
  TestEmbeddingServer server(8);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.dimensions = 16;  // the test server ignores the parameter and answers 8
  auto embedder = Make(options);
  EXPECT_EQ(embedder->name(), "openai:test-model@16");
  Texts texts(1);
  std::vector<float> out;
  Status status = embedder->Embed(texts.views, &out);
  EXPECT_NE(server.last_body().find("\"dimensions\":16"), std::string::npos);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("expected 16"), std::string::npos) << status.message();
}

TEST(OpenAiEmbedderTest, SendsTheApiKeyFromTheEnvironment) {
  TestEmbeddingServer server(4);
  ASSERT_EQ(setenv("WINNOW_TEST_EMBED_KEY", "sk-test-123", 1), 0);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.api_key_env = "WINNOW_TEST_EMBED_KEY";
  auto embedder = Make(options);
  Texts texts(1);
  std::vector<float> out;
  ASSERT_TRUE(embedder->Embed(texts.views, &out).ok());
  EXPECT_EQ(server.last_authorization(), "Bearer sk-test-123");

  options.api_key_env = "WINNOW_TEST_EMBED_KEY_UNSET";
  unsetenv("WINNOW_TEST_EMBED_KEY_UNSET");
  auto missing = OpenAiEmbedder::Create(options);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message().find("WINNOW_TEST_EMBED_KEY_UNSET"), std::string::npos);
}

TEST(OpenAiEmbedderTest, NonRetryableClientErrorFailsAtOnce) {
  TestEmbeddingServer server(4);
  OpenAiEmbedderOptions options = FastOptions(server);
  options.base_url = server.base_url() + "/nothing-here";
  auto embedder = Make(options);
  Texts texts(1);
  std::vector<float> out;
  Status status = embedder->Embed(texts.views, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("HTTP 404"), std::string::npos) << status.message();
}

TEST(OpenAiEmbedderTest, TwoThreadsEmbeddingAtOnce) {
  TestEmbeddingServer server(8);
  auto embedder = Make(FastOptions(server));
  Texts a(37, "alpha "), b(41, "beta ");
  std::vector<float> out_a, out_b;
  Status status_a, status_b;
  std::thread t1([&] { status_a = embedder->Embed(a.views, &out_a); });
  std::thread t2([&] { status_b = embedder->Embed(b.views, &out_b); });
  t1.join();
  t2.join();
  ASSERT_TRUE(status_a.ok()) << status_a.message();
  ASSERT_TRUE(status_b.ok()) << status_b.message();
  ExpectServerVectors(a.views, out_a, 8);
  ExpectServerVectors(b.views, out_b, 8);
  EXPECT_EQ(server.embedding_requests(), 10u + 11u);
}

}  // namespace
}  // namespace winnow
