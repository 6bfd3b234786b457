#include "winnow/embed/embedding_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "embed/test_embedding_server.h"
#include "winnow/embed/cached_embedder.h"
#include "winnow/embed/embedder_factory.h"

namespace winnow {
namespace {

using testutil::TestEmbeddingServer;

// A fresh directory under the system temp dir, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("winnow_embed_cache_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(EmbeddingCacheTest, StoresAndFindsVectorsPerEmbedder) {
  TempDir dir;
  auto cache = EmbeddingCache::Open(dir.File("cache.sqlite"));
  ASSERT_TRUE(cache.has_value()) << cache.error().message();
  std::vector<std::string_view> texts = {"one", "two"};
  std::vector<float> vectors = {1, 0, 0, 0, 1, 0};
  ASSERT_TRUE((*cache)->Insert("model-a", texts, vectors, 3).ok());
  std::vector<std::string_view> query = {"two", "three", "one"};
  std::vector<std::vector<float>> found;
  ASSERT_TRUE((*cache)->Lookup("model-a", query, &found).ok());
  EXPECT_EQ(found[0], (std::vector<float>{0, 1, 0}));
  EXPECT_TRUE(found[1].empty());
  EXPECT_EQ(found[2], (std::vector<float>{1, 0, 0}));
  ASSERT_TRUE((*cache)->Lookup("model-b", query, &found).ok());
  for (const auto& v : found) EXPECT_TRUE(v.empty());
}

TEST(EmbeddingCacheTest, ReportsAnUnopenableFile) {
  auto cache = EmbeddingCache::Open("/nonexistent-dir/for/sure/cache.sqlite");
  ASSERT_FALSE(cache.has_value());
  EXPECT_NE(cache.error().message().find("/nonexistent-dir/for/sure/cache.sqlite"),
            std::string::npos);
}

EmbedderOptions OpenAiOptions(const TestEmbeddingServer& server, const std::string& cache) {
  EmbedderOptions options;
  options.kind = "openai";
  options.url = server.base_url();
  options.model = "test-model";
  options.batch_size = 3;
  options.cache_path = cache;
  return options;
}

TEST(CachedEmbedderTest, SecondEmbedSendsNoRequests) {
  TestEmbeddingServer server(8);
  TempDir dir;
  std::vector<std::string> owned;
  for (int i = 0; i < 10; ++i) owned.push_back("cached text " + std::to_string(i));
  std::vector<std::string_view> texts(owned.begin(), owned.end());
  std::vector<float> first, second, third;
  {
    auto embedder = CreateEmbedder(OpenAiOptions(server, dir.File("c.sqlite")));
    ASSERT_TRUE(embedder.has_value()) << embedder.error().message();
    ASSERT_TRUE((*embedder)->Embed(std::span(texts).first(4), &first).ok());
    EXPECT_EQ(server.embedding_requests(), 2u);
    // Only the six new texts are sent: two batches of three.
    ASSERT_TRUE((*embedder)->Embed(texts, &second).ok());
    EXPECT_EQ(server.embedding_requests(), 4u);
  }
  // A new process-like instance over the same file sends nothing and knows the dimension.
  auto reopened = CreateEmbedder(OpenAiOptions(server, dir.File("c.sqlite")));
  ASSERT_TRUE(reopened.has_value());
  ASSERT_TRUE((*reopened)->Embed(texts, &third).ok());
  EXPECT_EQ(server.embedding_requests(), 4u);
  EXPECT_EQ((*reopened)->dimension(), 8u);
  EXPECT_EQ(third, second);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), second.begin()));
  for (size_t t = 0; t < texts.size(); ++t) {
    auto want = TestEmbeddingServer::ExpectedEmbedding(texts[t], 8);
    for (size_t i = 0; i < 8; ++i) EXPECT_NEAR(third[t * 8 + i], want[i], 1e-6);
  }
}

TEST(CachedEmbedderTest, ConcurrentCallsShareTheCache) {
  TestEmbeddingServer server(8);
  TempDir dir;
  auto embedder = CreateEmbedder(OpenAiOptions(server, dir.File("c.sqlite")));
  ASSERT_TRUE(embedder.has_value());
  std::vector<std::string> owned;
  for (int i = 0; i < 30; ++i) owned.push_back("shared " + std::to_string(i));
  std::vector<std::string_view> texts(owned.begin(), owned.end());
  std::vector<float> a, b;
  Status sa, sb;
  std::thread t1([&] { sa = (*embedder)->Embed(texts, &a); });
  std::thread t2([&] { sb = (*embedder)->Embed(texts, &b); });
  t1.join();
  t2.join();
  ASSERT_TRUE(sa.ok()) << sa.message();
  ASSERT_TRUE(sb.ok()) << sb.message();
  EXPECT_EQ(a, b);
  const size_t after_threads = server.embedding_requests();
  std::vector<float> c;
  ASSERT_TRUE((*embedder)->Embed(texts, &c).ok());
  EXPECT_EQ(server.embedding_requests(), after_threads);
  EXPECT_EQ(c, a);
}

}  // namespace
}  // namespace winnow
