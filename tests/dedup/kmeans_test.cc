#include "winnow/dedup/kmeans.h"

#include <gtest/gtest.h>

#include <set>

#include "dedup/embedding_fixtures.h"

namespace winnow {
namespace {

using testutil::EmbeddingBuilder;

// Four tight blobs around random directions in 32 dimensions, 50 rows each, interleaved.
EmbeddingBuilder FourBlobs(std::vector<size_t>* blob_of_row) {
  EmbeddingBuilder builder(32);
  std::vector<std::vector<float>> centers;
  for (int b = 0; b < 4; ++b) centers.push_back(builder.RandomUnit());
  for (int i = 0; i < 200; ++i) {
    builder.Add(builder.Around(centers[i % 4], 0.03));
    blob_of_row->push_back(i % 4);
  }
  return builder;
}

TEST(KMeansTest, RecoversWellSeparatedBlobs) {
  std::vector<size_t> blob;
  EmbeddingBuilder data = FourBlobs(&blob);
  KMeansOptions options;
  options.clusters = 4;
  auto result = RunKMeans(data.data, data.rows, 32, options);
  ASSERT_TRUE(result.has_value()) << result.error().message();
  EXPECT_EQ(result->clusters, 4u);
  EXPECT_TRUE(result->converged);
  EXPECT_LE(result->iterations, 10u);
  // Every blob lands in one cluster, and different blobs in different clusters.
  std::vector<std::set<uint32_t>> clusters_of_blob(4);
  for (size_t r = 0; r < data.rows; ++r) clusters_of_blob[blob[r]].insert(result->assignment[r]);
  std::set<uint32_t> all;
  for (const auto& s : clusters_of_blob) {
    ASSERT_EQ(s.size(), 1u);
    all.insert(*s.begin());
  }
  EXPECT_EQ(all.size(), 4u);
  for (float s : result->similarity) EXPECT_GT(s, 0.9f);
  EXPECT_LT(result->inertia, 200 * 0.1);
  // Centroids are unit vectors.
  for (size_t c = 0; c < 4; ++c) {
    double norm = 0;
    for (size_t i = 0; i < 32; ++i)
      norm += result->centroids[c * 32 + i] * result->centroids[c * 32 + i];
    EXPECT_NEAR(norm, 1.0, 1e-5);
  }
}

TEST(KMeansTest, SameSeedSameResultWhateverTheThreadCount) {
  std::vector<size_t> blob;
  EmbeddingBuilder data = FourBlobs(&blob);
  KMeansOptions options;
  options.clusters = 7;  // more clusters than blobs: the split depends on the seeding
  options.threads = 1;
  auto one = RunKMeans(data.data, data.rows, 32, options);
  options.threads = 2;
  auto two = RunKMeans(data.data, data.rows, 32, options);
  options.threads = 5;
  auto five = RunKMeans(data.data, data.rows, 32, options);
  ASSERT_TRUE(one.has_value() && two.has_value() && five.has_value());
  EXPECT_EQ(one->assignment, two->assignment);
  EXPECT_EQ(one->centroids, two->centroids);
  EXPECT_EQ(one->assignment, five->assignment);
  EXPECT_EQ(one->iterations, five->iterations);
}

TEST(KMeansTest, MoreClustersThanRowsIsClamped) {
  EmbeddingBuilder data(8);
  for (int i = 0; i < 3; ++i) data.Add(data.RandomUnit());
  KMeansOptions options;
  options.clusters = 10;
  auto result = RunKMeans(data.data, 3, 8, options);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->clusters, 3u);
  std::set<uint32_t> distinct(result->assignment.begin(), result->assignment.end());
  EXPECT_EQ(distinct.size(), 3u);
  EXPECT_NEAR(result->inertia, 0.0, 1e-5);
}

TEST(KMeansTest, HandlesRepeatedRowsAndEmptyInput) {
  EmbeddingBuilder data(8);
  std::vector<float> a = data.RandomUnit(), b = data.RandomUnit();
  for (int i = 0; i < 6; ++i) data.Add(i % 3 == 0 ? b : a);
  KMeansOptions options;
  options.clusters = 4;  // only two distinct rows: two clusters must stay empty or duplicate
  auto result = RunKMeans(data.data, data.rows, 8, options);
  ASSERT_TRUE(result.has_value());
  for (size_t r = 0; r < data.rows; ++r) {
    EXPECT_LT(result->assignment[r], 4u);
    EXPECT_NEAR(result->similarity[r], 1.0, 1e-5);
  }
  auto empty = RunKMeans({}, 0, 8, options);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->clusters, 0u);
}

TEST(KMeansTest, RejectsBadArguments) {
  std::vector<float> data(12, 0.5f);
  KMeansOptions options;
  EXPECT_EQ(RunKMeans(data, 3, 0, options).error().code(), StatusCode::kInvalidArgument);
  auto mismatch = RunKMeans(data, 5, 4, options);
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_NE(mismatch.error().message().find("expected 20"), std::string::npos);
  options.clusters = 0;
  EXPECT_FALSE(RunKMeans(data, 3, 4, options).has_value());
}

}  // namespace
}  // namespace winnow
