#include "winnow/dedup/semantic_dedup.h"

#include <gtest/gtest.h>

#include <utility>

#include "dedup/embedding_fixtures.h"

namespace winnow {
namespace {

using testutil::EmbeddingBuilder;

constexpr size_t kDim = 32;

// Five topics of eight distinct members each; members 0 and 1 of every topic get a planted
// near-copy (cosine ~0.999), and member 2 an exact copy.
struct Planted {
  EmbeddingBuilder data{kDim, 11};
  std::vector<std::pair<size_t, size_t>> near_pairs;   // (original, copy)
  std::vector<std::pair<size_t, size_t>> exact_pairs;  // (original, copy)
};

Planted MakePlanted() {
  Planted p;
  for (int topic = 0; topic < 5; ++topic) {
    std::vector<float> center = p.data.RandomUnit();
    std::vector<size_t> members;
    for (int m = 0; m < 8; ++m) members.push_back(p.data.Add(p.data.Around(center, 0.08)));
    for (int m = 0; m < 2; ++m) {
      size_t copy = p.data.Add(p.data.NearCopy(p.data.Row(members[m])));
      p.near_pairs.emplace_back(members[m], copy);
    }
    p.exact_pairs.emplace_back(members[2], p.data.Add(p.data.Row(members[2])));
  }
  return p;
}

SemanticDedupOptions FiveTopics() {
  SemanticDedupOptions options;
  options.kmeans.clusters = 5;
  return options;
}

SemanticDedupResult Dedup(const EmbeddingBuilder& data, const SemanticDedupOptions& options) {
  auto result = RunSemanticDedup(data.data, data.rows, kDim, options);
  EXPECT_TRUE(result.has_value()) << result.error().message();
  return std::move(result).value();
}

// Exactly one row of the pair is a near-duplicate of the other.
void ExpectOneDropped(const SemanticDedupResult& result, std::pair<size_t, size_t> pair) {
  const SemanticDecision& a = result.rows[pair.first];
  const SemanticDecision& b = result.rows[pair.second];
  ASSERT_NE(a.verdict == SemanticVerdict::kNearDuplicate,
            b.verdict == SemanticVerdict::kNearDuplicate)
      << pair.first << " / " << pair.second;
  const SemanticDecision& dropped = a.verdict == SemanticVerdict::kNearDuplicate ? a : b;
  const size_t other = a.verdict == SemanticVerdict::kNearDuplicate ? pair.second : pair.first;
  EXPECT_EQ(dropped.duplicate_of, static_cast<int64_t>(other));
  EXPECT_GE(dropped.duplicate_similarity, 0.99f);
}

TEST(SemanticDedupTest, DropsPlantedNearDuplicatesAndKeepsDistinctRows) {
  Planted p = MakePlanted();
  SemanticDedupResult result = Dedup(p.data, FiveTopics());
  ASSERT_EQ(result.rows.size(), p.data.rows);
  ASSERT_EQ(result.topic_sizes.size(), 5u);
  for (size_t size : result.topic_sizes) EXPECT_EQ(size, 11u);
  for (auto pair : p.near_pairs) ExpectOneDropped(result, pair);
  for (auto pair : p.exact_pairs) ExpectOneDropped(result, pair);
  size_t dropped = 0;
  for (const SemanticDecision& d : result.rows) {
    if (d.verdict == SemanticVerdict::kNearDuplicate) ++dropped;
    if (d.verdict == SemanticVerdict::kKept) {
      EXPECT_EQ(d.duplicate_of, -1);
    }
  }
  EXPECT_EQ(dropped, p.near_pairs.size() + p.exact_pairs.size());
}

TEST(SemanticDedupTest, HardKeepsTheOutlierAndEasyKeepsThePrototype) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  SemanticDedupResult hard = Dedup(p.data, options);
  options.ranking = SemanticRanking::kEasy;
  SemanticDedupResult easy = Dedup(p.data, options);
  for (auto [first, second] : p.near_pairs) {
    const bool first_nearer =
        hard.rows[first].centroid_similarity > hard.rows[second].centroid_similarity;
    const size_t nearer = first_nearer ? first : second;
    const size_t farther = first_nearer ? second : first;
    EXPECT_EQ(hard.rows[farther].verdict, SemanticVerdict::kKept);
    EXPECT_EQ(hard.rows[nearer].verdict, SemanticVerdict::kNearDuplicate);
    EXPECT_EQ(easy.rows[nearer].verdict, SemanticVerdict::kKept);
    EXPECT_EQ(easy.rows[farther].verdict, SemanticVerdict::kNearDuplicate);
  }
}

TEST(SemanticDedupTest, RandomRankingIsSeededAndStillDedups) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  options.ranking = SemanticRanking::kRandom;
  SemanticDedupResult a = Dedup(p.data, options);
  SemanticDedupResult b = Dedup(p.data, options);
  for (size_t r = 0; r < p.data.rows; ++r) EXPECT_EQ(a.rows[r].verdict, b.rows[r].verdict);
  for (auto pair : p.near_pairs) ExpectOneDropped(a, pair);
}

TEST(SemanticDedupTest, EpsZeroDropsOnlyExactCopies) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  options.eps = 0;
  SemanticDedupResult result = Dedup(p.data, options);
  for (auto [a, b] : p.near_pairs) {
    EXPECT_EQ(result.rows[a].verdict, SemanticVerdict::kKept);
    EXPECT_EQ(result.rows[b].verdict, SemanticVerdict::kKept);
  }
  for (auto pair : p.exact_pairs) ExpectOneDropped(result, pair);
}

TEST(SemanticDedupTest, KeepPerClusterKeepsTheMostCentralSurvivors) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  options.keep_per_cluster = 3;
  SemanticDedupResult result = Dedup(p.data, options);
  SemanticDedupResult plain = Dedup(p.data, FiveTopics());
  for (uint32_t topic = 0; topic < 5; ++topic) {
    float weakest_kept = 2, strongest_dropped = -2;
    size_t kept = 0;
    for (size_t r = 0; r < p.data.rows; ++r) {
      const SemanticDecision& d = result.rows[r];
      if (d.topic != topic) continue;
      // Near-duplicate decisions come first and are unchanged.
      EXPECT_EQ(d.verdict == SemanticVerdict::kNearDuplicate,
                plain.rows[r].verdict == SemanticVerdict::kNearDuplicate);
      if (d.verdict == SemanticVerdict::kKept) {
        ++kept;
        weakest_kept = std::min(weakest_kept, d.centroid_similarity);
      } else if (d.verdict == SemanticVerdict::kNotRepresentative) {
        strongest_dropped = std::max(strongest_dropped, d.centroid_similarity);
      }
    }
    EXPECT_EQ(kept, 3u);
    EXPECT_GE(weakest_kept, strongest_dropped);
  }
}

TEST(SemanticDedupTest, HnswPathAgreesWithExactOnASmallCase) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  SemanticDedupResult exact = Dedup(p.data, options);
  options.exact_cluster_limit = 4;  // every cluster (11 members) takes the HNSW path
  SemanticDedupResult approximate = Dedup(p.data, options);
  for (size_t r = 0; r < p.data.rows; ++r) {
    EXPECT_EQ(exact.rows[r].verdict, approximate.rows[r].verdict) << r;
    EXPECT_EQ(exact.rows[r].duplicate_of, approximate.rows[r].duplicate_of) << r;
    if (exact.rows[r].verdict == SemanticVerdict::kNearDuplicate) {
      EXPECT_NEAR(exact.rows[r].duplicate_similarity, approximate.rows[r].duplicate_similarity,
                  1e-6);
    }
  }
}

TEST(SemanticDedupTest, SameResultWithOneOrTwoThreads) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  options.kmeans.threads = 1;
  SemanticDedupResult one = Dedup(p.data, options);
  options.kmeans.threads = 2;
  SemanticDedupResult two = Dedup(p.data, options);
  for (size_t r = 0; r < p.data.rows; ++r) {
    EXPECT_EQ(one.rows[r].topic, two.rows[r].topic);
    EXPECT_EQ(one.rows[r].verdict, two.rows[r].verdict);
    EXPECT_EQ(one.rows[r].duplicate_of, two.rows[r].duplicate_of);
  }
}

TEST(SemanticDedupTest, ValidatesOptionsAndInput) {
  Planted p = MakePlanted();
  SemanticDedupOptions options = FiveTopics();
  options.eps = 1.0;
  auto bad_eps = RunSemanticDedup(p.data.data, p.data.rows, kDim, options);
  ASSERT_FALSE(bad_eps.has_value());
  EXPECT_NE(bad_eps.error().message().find("eps"), std::string::npos);
  options = FiveTopics();
  options.kmeans.clusters = 0;
  EXPECT_FALSE(RunSemanticDedup(p.data.data, p.data.rows, kDim, options).has_value());
  EXPECT_FALSE(RunSemanticDedup(p.data.data, p.data.rows + 1, kDim, FiveTopics()).has_value());
  EXPECT_FALSE(RunSemanticDedup(p.data.data, p.data.rows, 0, FiveTopics()).has_value());
  std::vector<float> unnormalised = p.data.data;
  unnormalised[3 * kDim] += 1.0f;
  auto bad_norm = RunSemanticDedup(unnormalised, p.data.rows, kDim, FiveTopics());
  ASSERT_FALSE(bad_norm.has_value());
  EXPECT_NE(bad_norm.error().message().find("row 3"), std::string::npos)
      << bad_norm.error().message();
  EXPECT_EQ(ParseSemanticRanking("easy"), SemanticRanking::kEasy);
  EXPECT_FALSE(ParseSemanticRanking("medium").has_value());
  EXPECT_EQ(SemanticVerdictName(SemanticVerdict::kNotRepresentative), "not representative");
}

}  // namespace
}  // namespace winnow
