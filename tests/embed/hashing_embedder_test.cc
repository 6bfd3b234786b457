#include "winnow/embed/hashing_embedder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>

#include "winnow/embed/embedder_factory.h"

namespace winnow {
namespace {

// Checksums of the vector of "hello world" under the default options.
constexpr float kPinnedSum = 1.5979712f;
constexpr float kPinnedWeighted = 6.0331640f;

std::unique_ptr<HashingEmbedder> MakeEmbedder(HashingEmbedderOptions options = {}) {
  auto embedder = HashingEmbedder::Create(options);
  EXPECT_TRUE(embedder.has_value());
  return std::move(embedder).value();
}

std::vector<float> EmbedAll(Embedder& embedder, const std::vector<std::string_view>& texts) {
  std::vector<float> out;
  EXPECT_TRUE(embedder.Embed(texts, &out).ok());
  return out;
}

float Cosine(const std::vector<float>& all, size_t dim, size_t a, size_t b) {
  return CosineSimilarity(std::span(all).subspan(a * dim, dim),
                          std::span(all).subspan(b * dim, dim));
}

TEST(HashingEmbedderTest, DeterministicUnitVectorsOfTheRightSize) {
  auto embedder = MakeEmbedder();
  EXPECT_EQ(embedder->dimension(), 256u);
  EXPECT_EQ(embedder->name(), "hashing-256");
  std::vector<std::string_view> texts = {"The quick brown fox.", "Ünïcödé TEXT ünïcödé text", "x",
                                         "日本語のテキストです"};
  std::vector<float> first = EmbedAll(*embedder, texts);
  ASSERT_EQ(first.size(), texts.size() * 256);
  for (size_t t = 0; t < texts.size(); ++t) {
    double norm = 0;
    for (size_t i = 0; i < 256; ++i) norm += first[t * 256 + i] * first[t * 256 + i];
    EXPECT_NEAR(norm, 1.0, 1e-5) << texts[t];
  }
  // Same vectors from a fresh instance, and appended after existing content.
  std::vector<float> second = {42.0f};
  ASSERT_TRUE(MakeEmbedder()->Embed(texts, &second).ok());
  ASSERT_EQ(second.size(), first.size() + 1);
  EXPECT_EQ(second[0], 42.0f);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), second.begin() + 1));
  // Case and whitespace do not matter.
  std::vector<float> variants =
      EmbedAll(*embedder, {"The quick brown fox.", "the  QUICK\nbrown fox."});
  EXPECT_NEAR(Cosine(variants, 256, 0, 1), 1.0, 1e-6);
}

TEST(HashingEmbedderTest, PinnedValuesStayTheSameAcrossBuilds) {
  // Cached vectors and reports depend on these numbers; change them only on purpose.
  std::vector<float> v = EmbedAll(*MakeEmbedder(), {"hello world"});
  float sum = 0, weighted = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    sum += v[i];
    weighted += v[i] * static_cast<float>(i % 7);
  }
  EXPECT_NEAR(sum, kPinnedSum, 1e-4);
  EXPECT_NEAR(weighted, kPinnedWeighted, 1e-4);
}

TEST(HashingEmbedderTest, NearDuplicatesAreCloseAndUnrelatedTextsAreFar) {
  auto embedder = MakeEmbedder();
  std::vector<std::string_view> texts = {
      "The Eiffel Tower was completed in 1889 and is located on the Champ de Mars in Paris, "
      "France. It was designed by Gustave Eiffel's engineering company.",
      // One clause reworded: a near-duplicate.
      "The Eiffel Tower was completed in 1889 and is located on the Champ de Mars in Paris, "
      "France. It was designed by the engineering company of Gustave Eiffel.",
      // Two edits and different punctuation: a light rewrite.
      "The Eiffel Tower was finished in 1889 and is located on the Champ de Mars in Paris, "
      "France; it was designed by the engineering company of Gustave Eiffel.",
      "To bake sourdough bread, mix flour, water and salt with an active starter, let the dough "
      "rise overnight, then shape it and bake it in a hot Dutch oven.",
      "Quarterly revenue grew by twelve percent, driven mostly by subscription sales in Asia, "
      "while operating costs remained flat compared with last year.",
      "The committee will meet on Tuesday to discuss the proposed changes to the school budget "
      "and the new transportation schedule for the district."};
  std::vector<float> v = EmbedAll(*embedder, texts);
  EXPECT_GT(Cosine(v, 256, 0, 1), 0.9);
  EXPECT_GT(Cosine(v, 256, 0, 2), 0.8);
  for (size_t a = 0; a < texts.size(); ++a) {
    for (size_t b = std::max<size_t>(a + 1, 3); b < texts.size(); ++b) {
      EXPECT_LT(Cosine(v, 256, a, b), 0.3) << a << " vs " << b;
    }
  }
}

TEST(HashingEmbedderTest, EmptyTextsShareOneFixedUnitVector) {
  auto embedder = MakeEmbedder();
  std::vector<float> v = EmbedAll(*embedder, {"", "   \n\t ", "a real sentence about cats"});
  double norm = 0;
  for (size_t i = 0; i < 256; ++i) norm += v[i] * v[i];
  EXPECT_NEAR(norm, 1.0, 1e-5);
  EXPECT_NEAR(Cosine(v, 256, 0, 1), 1.0, 1e-6);
  EXPECT_LT(std::abs(Cosine(v, 256, 0, 2)), 0.5);
}

TEST(HashingEmbedderTest, InvalidUtf8DoesNotBreakIt) {
  std::vector<float> v = EmbedAll(*MakeEmbedder(), {"abc\xff\xfe def \xc3", "abc def"});
  ASSERT_EQ(v.size(), 512u);
  EXPECT_GT(Cosine(v, 256, 0, 1), 0.3);
}

TEST(HashingEmbedderTest, ConcurrentCallsGiveTheSameVectors) {
  auto embedder = MakeEmbedder();
  std::vector<std::string> owned;
  for (int i = 0; i < 200; ++i) owned.push_back("document number " + std::to_string(i * 7919));
  std::vector<std::string_view> texts(owned.begin(), owned.end());
  std::vector<float> expected = EmbedAll(*embedder, texts);
  std::vector<float> a, b;
  std::thread t1([&] { ASSERT_TRUE(embedder->Embed(texts, &a).ok()); });
  std::thread t2([&] { ASSERT_TRUE(embedder->Embed(texts, &b).ok()); });
  t1.join();
  t2.join();
  EXPECT_EQ(a, expected);
  EXPECT_EQ(b, expected);
}

TEST(HashingEmbedderTest, RejectsBadOptions) {
  HashingEmbedderOptions options;
  options.dimension = 0;
  EXPECT_FALSE(HashingEmbedder::Create(options).has_value());
  options = {};
  options.char_ngram_min = 6;
  auto bad = HashingEmbedder::Create(options);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("char_ngram_min"), std::string::npos);
  options = {};
  options.char_ngram_min = options.char_ngram_max = 0;
  options.word_unigrams = options.word_bigrams = false;
  EXPECT_FALSE(HashingEmbedder::Create(options).has_value());
  options = {};
  options.seed = 7;
  EXPECT_EQ(MakeEmbedder(options)->name().substr(0, 12), "hashing-256-");
}

TEST(EmbedderFactoryTest, BuildsHashingAndRejectsUnknownKinds) {
  EmbedderOptions options;
  options.dimension = 64;
  auto embedder = CreateEmbedder(options);
  ASSERT_TRUE(embedder.has_value());
  EXPECT_EQ((*embedder)->dimension(), 64u);
  options.kind = "word2vec";
  auto bad = CreateEmbedder(options);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("word2vec"), std::string::npos);
  options.kind = "openai";
  EXPECT_FALSE(CreateEmbedder(options).has_value());  // no url or model
}

}  // namespace
}  // namespace winnow
