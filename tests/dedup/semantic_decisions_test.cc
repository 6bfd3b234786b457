// EmbeddingCollector (vectors gathered in stream order, records without text) and
// SemanticDecisions (SemDeDup's verdicts as the apply step reads them: reasons, details JSON,
// mapping rows back to records), over hand-made collectors and results.

#include "winnow/dedup/semantic_decisions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <string>
#include <vector>

#include "winnow/dedup/embedding_step.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

// A chunk of records: ids, and per record either a 2-float vector or none.
EmbeddingCollector::Chunk MakeChunk(uint64_t sequence,
                                    const std::vector<std::pair<std::string, bool>>& records) {
  EmbeddingCollector::Chunk chunk;
  chunk.sequence = sequence;
  for (const auto& [id, has] : records) {
    chunk.has_vector.push_back(has ? 1 : 0);
    if (has) {
      // A recognisable unit vector per record: (cos t, sin t) with t from the id's length.
      const float t = static_cast<float>(id.size()) * 0.1f;
      chunk.vectors.push_back(std::cos(t));
      chunk.vectors.push_back(std::sin(t));
    }
    chunk.ids += id;
    chunk.id_ends.push_back(static_cast<uint32_t>(chunk.ids.size()));
  }
  return chunk;
}

TEST(EmbeddingCollectorTest, ChunksAreSealedInSequenceOrder) {
  EmbeddingCollector collector;
  // Chunk 1 arrives first and waits for chunk 0.
  ASSERT_TRUE(collector.Add(MakeChunk(1, {{"ccc", true}, {"dddd", false}})).ok());
  EXPECT_TRUE(collector.row_of_record().empty());
  ASSERT_TRUE(collector.Add(MakeChunk(0, {{"a", false}, {"bb", true}})).ok());
  ASSERT_TRUE(collector.Add(MakeChunk(2, {{"eeeee", true}})).ok());
  ASSERT_TRUE(collector.Finish().ok());

  EXPECT_EQ(collector.dimension(), 2u);
  EXPECT_EQ(collector.rows(), 3u);
  EXPECT_EQ(collector.without_vector(), 2u);
  EXPECT_EQ(collector.row_of_record(), (std::vector<int64_t>{-1, 0, 1, -1, 2}));
  ASSERT_EQ(collector.docs().size(), 5u);
  const std::vector<std::string> ids = {"a", "bb", "ccc", "dddd", "eeeee"};
  for (uint32_t i = 0; i < 5; ++i) EXPECT_EQ(collector.docs().id(i), ids[i]);
  EXPECT_FALSE(collector.docs().has_fingerprint(0));
  EXPECT_TRUE(collector.docs().has_fingerprint(1));
  // Rows hold the vectors of bb, ccc, eeeee in that order.
  ASSERT_EQ(collector.vectors().size(), 6u);
  EXPECT_FLOAT_EQ(collector.vectors()[0], std::cos(0.2f));
  EXPECT_FLOAT_EQ(collector.vectors()[2], std::cos(0.3f));
  EXPECT_FLOAT_EQ(collector.vectors()[5], std::sin(0.5f));
}

TEST(EmbeddingCollectorTest, LeadingChunksWithoutVectorsDoNotShiftRows) {
  EmbeddingCollector collector;
  ASSERT_TRUE(collector.Add(MakeChunk(0, {{"x", false}, {"y", false}})).ok());
  ASSERT_TRUE(collector.Add(MakeChunk(1, {})).ok());  // an empty batch
  ASSERT_TRUE(collector.Add(MakeChunk(2, {{"zz", true}, {"w", false}, {"vvv", true}})).ok());
  ASSERT_TRUE(collector.Finish().ok());
  EXPECT_EQ(collector.dimension(), 2u);
  EXPECT_EQ(collector.rows(), 2u);
  EXPECT_EQ(collector.row_of_record(), (std::vector<int64_t>{-1, -1, 0, -1, 1}));
  EXPECT_EQ(collector.docs().id(4), "vvv");
}

TEST(EmbeddingCollectorTest, AChunkThatNeverArrivesIsAnInternalError) {
  EmbeddingCollector collector;
  ASSERT_TRUE(collector.Add(MakeChunk(0, {{"a", true}})).ok());
  ASSERT_TRUE(collector.Add(MakeChunk(2, {{"c", true}})).ok());
  Status status = collector.Finish();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("batch 1"));
}

TEST(EmbeddingCollectorTest, NoRecordsAtAll) {
  EmbeddingCollector collector;
  ASSERT_TRUE(collector.Finish().ok());
  EXPECT_EQ(collector.rows(), 0u);
  EXPECT_EQ(collector.dimension(), 0u);
  EXPECT_TRUE(collector.vectors().empty());
}

// ---------------------------------------------------------------------------------------------
// SemanticDecisions

SemanticDecision Verdict(uint32_t topic, float centroid, SemanticVerdict verdict,
                         int64_t duplicate_of = -1, float similarity = 0) {
  SemanticDecision decision;
  decision.topic = topic;
  decision.centroid_similarity = centroid;
  decision.verdict = verdict;
  decision.duplicate_of = duplicate_of;
  decision.duplicate_similarity = similarity;
  return decision;
}

// Records: "no-text" (no vector), "keep-a" (row 0), "dup-of-a" (row 1), "empty" (no vector),
// "keep-b" (row 2), "far-b" (row 3), "dup-of-b" (row 4).
class SemanticDecisionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        collector_.Add(MakeChunk(0, {{"no-text", false}, {"keep-a", true}, {"dup-of-a", true}}))
            .ok());
    ASSERT_TRUE(
        collector_
            .Add(MakeChunk(
                1, {{"empty", false}, {"keep-b", true}, {"far-b", true}, {"dup-of-b", true}}))
            .ok());
    ASSERT_TRUE(collector_.Finish().ok());
    result_.rows = {
        Verdict(0, 0.9f, SemanticVerdict::kKept),
        Verdict(0, 0.8f, SemanticVerdict::kNearDuplicate, 0, 0.995f),
        Verdict(1, 0.75f, SemanticVerdict::kKept),
        Verdict(1, 0.5f, SemanticVerdict::kNotRepresentative),
        Verdict(1, 0.7f, SemanticVerdict::kNearDuplicate, 2, 0.99123f),
    };
    result_.topic_sizes = {2, 3};
    options_.eps = 0.01;
    options_.keep_per_cluster = 1;
  }

  static simdjson::dom::element Parse(simdjson::dom::parser& parser, const std::string& json) {
    simdjson::dom::element element;
    EXPECT_EQ(parser.parse(json).get(element), simdjson::SUCCESS) << json;
    return element;
  }

  EmbeddingCollector collector_;
  SemanticDedupResult result_;
  SemanticDedupOptions options_;
};

TEST_F(SemanticDecisionsTest, CountsAndIds) {
  const SemanticDecisions decisions(collector_, result_, options_);
  EXPECT_EQ(decisions.record_count(), 7u);
  EXPECT_EQ(decisions.near_duplicates(), 2u);
  EXPECT_EQ(decisions.not_representative(), 1u);
  EXPECT_EQ(decisions.Id(0), "no-text");
  EXPECT_EQ(decisions.Id(6), "dup-of-b");
}

TEST_F(SemanticDecisionsTest, RecordsWithoutVectorsAreInNoClusterAndKept) {
  const SemanticDecisions decisions(collector_, result_, options_);
  for (uint32_t doc : {0u, 3u}) {
    const DuplicateDecision decision = decisions.Get(doc);
    EXPECT_FALSE(decision.in_cluster) << doc;
    EXPECT_FALSE(decision.removed) << doc;
    EXPECT_EQ(decision.cluster_size, 1u);
    EXPECT_TRUE(decision.reason.empty());
    EXPECT_TRUE(decision.details.empty());
  }
}

TEST_F(SemanticDecisionsTest, KeptRecordsAreInTheirTopic) {
  const SemanticDecisions decisions(collector_, result_, options_);
  const DuplicateDecision a = decisions.Get(1);
  EXPECT_TRUE(a.in_cluster);
  EXPECT_FALSE(a.removed);
  EXPECT_EQ(a.cluster_id, 0u);
  EXPECT_EQ(a.cluster_size, 2u);
  EXPECT_TRUE(a.duplicate_of.empty());
  EXPECT_TRUE(a.reason.empty());
  const DuplicateDecision b = decisions.Get(4);
  EXPECT_TRUE(b.in_cluster);
  EXPECT_FALSE(b.removed);
  EXPECT_EQ(b.cluster_id, 1u);
  EXPECT_EQ(b.cluster_size, 3u);
}

TEST_F(SemanticDecisionsTest, NearDuplicatesNameTheRecordOfTheirDuplicateRow) {
  const SemanticDecisions decisions(collector_, result_, options_);
  // Row 1 duplicates row 0, which is record 1 ("keep-a"), not record 0.
  const DuplicateDecision a = decisions.Get(2);
  EXPECT_TRUE(a.in_cluster);
  EXPECT_TRUE(a.removed);
  EXPECT_EQ(a.cluster_id, 0u);
  EXPECT_EQ(a.cluster_size, 2u);
  EXPECT_EQ(a.duplicate_of, "keep-a");
  EXPECT_EQ(a.reason, "near duplicate of keep-a (cosine 0.9950 >= 0.9900, topic 0)");
  simdjson::dom::parser parser;
  simdjson::dom::element details = Parse(parser, a.details);
  EXPECT_EQ(int64_t(details["topic"]), 0);
  EXPECT_EQ(int64_t(details["topic_size"]), 2);
  EXPECT_EQ(std::string_view(details["verdict"]), "near duplicate");
  EXPECT_NEAR(double(details["centroid_similarity"]), 0.8, 1e-6);
  EXPECT_EQ(std::string_view(details["duplicate_of"]), "keep-a");
  EXPECT_NEAR(double(details["similarity"]), 0.995, 1e-6);
  EXPECT_EQ(std::string_view(details["id"]), "dup-of-a");

  // Row 4 duplicates row 2: record 4 ("keep-b"), across the chunk boundary and a record without
  // a vector.
  const DuplicateDecision b = decisions.Get(6);
  EXPECT_TRUE(b.removed);
  EXPECT_EQ(b.duplicate_of, "keep-b");
  EXPECT_EQ(b.cluster_id, 1u);
  EXPECT_EQ(b.cluster_size, 3u);
  EXPECT_THAT(b.reason, HasSubstr("near duplicate of keep-b (cosine 0.9912 >= 0.9900, topic 1)"));
  simdjson::dom::element details_b = Parse(parser, b.details);
  EXPECT_EQ(std::string_view(details_b["id"]), "dup-of-b");
  EXPECT_EQ(int64_t(details_b["topic"]), 1);
}

TEST_F(SemanticDecisionsTest, NotRepresentativeRecordsSayHowManyAreKept) {
  const SemanticDecisions decisions(collector_, result_, options_);
  const DuplicateDecision far = decisions.Get(5);
  EXPECT_TRUE(far.in_cluster);
  EXPECT_TRUE(far.removed);
  EXPECT_EQ(far.cluster_id, 1u);
  EXPECT_EQ(far.cluster_size, 3u);
  EXPECT_TRUE(far.duplicate_of.empty());
  EXPECT_EQ(far.reason,
            "not among the 1 most representative of topic 1 (centroid similarity 0.5000)");
  simdjson::dom::parser parser;
  simdjson::dom::element details = Parse(parser, far.details);
  EXPECT_EQ(std::string_view(details["verdict"]), "not representative");
  EXPECT_EQ(int64_t(details["topic"]), 1);
  EXPECT_EQ(int64_t(details["topic_size"]), 3);
  EXPECT_NEAR(double(details["centroid_similarity"]), 0.5, 1e-6);
  EXPECT_EQ(std::string_view(details["id"]), "far-b");
  // No duplicate fields for a record that duplicates nothing.
  EXPECT_EQ(details["duplicate_of"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(details["similarity"].error(), simdjson::NO_SUCH_FIELD);
}

TEST_F(SemanticDecisionsTest, TheThresholdInTheReasonFollowsEps) {
  options_.eps = 0.05;
  const SemanticDecisions decisions(collector_, result_, options_);
  EXPECT_THAT(decisions.Get(2).reason, HasSubstr(">= 0.9500"));
}

TEST(SemanticDecisionsEmptyTest, NoVectorsAtAllKeepsEverything) {
  EmbeddingCollector collector;
  ASSERT_TRUE(collector.Add(MakeChunk(0, {{"a", false}, {"b", false}})).ok());
  ASSERT_TRUE(collector.Finish().ok());
  const SemanticDedupResult result;  // RunSemanticDedup is not called without rows
  const SemanticDedupOptions options;
  const SemanticDecisions decisions(collector, result, options);
  EXPECT_EQ(decisions.record_count(), 2u);
  EXPECT_EQ(decisions.near_duplicates(), 0u);
  EXPECT_FALSE(decisions.Get(0).in_cluster);
  EXPECT_FALSE(decisions.Get(1).removed);
  EXPECT_EQ(decisions.Id(1), "b");
}

TEST(SemanticDecisionsEndToEndTest, DecisionsOfARealRunNameTheEarlierCopy) {
  // Four records, two of them identical: RunSemanticDedup with eps 0 drops one of the pair.
  EmbeddingCollector collector;
  EmbeddingCollector::Chunk chunk;
  chunk.sequence = 0;
  const std::vector<std::vector<float>> vectors = {
      {1, 0, 0}, {0, 1, 0}, {0, 0.6f, 0.8f}, {1, 0, 0}};
  const std::vector<std::string> ids = {"x", "y", "z", "x-copy"};
  for (size_t i = 0; i < vectors.size(); ++i) {
    chunk.has_vector.push_back(1);
    chunk.vectors.insert(chunk.vectors.end(), vectors[i].begin(), vectors[i].end());
    chunk.ids += ids[i];
    chunk.id_ends.push_back(static_cast<uint32_t>(chunk.ids.size()));
  }
  ASSERT_TRUE(collector.Add(std::move(chunk)).ok());
  ASSERT_TRUE(collector.Finish().ok());
  SemanticDedupOptions options;
  options.eps = 0;
  options.kmeans.clusters = 2;
  options.kmeans.threads = 1;
  auto result =
      RunSemanticDedup(collector.vectors(), collector.rows(), collector.dimension(), options);
  ASSERT_TRUE(result.has_value()) << result.error().message();
  const SemanticDecisions decisions(collector, *result, options);
  EXPECT_EQ(decisions.near_duplicates(), 1u);
  int removed = 0;
  for (uint32_t doc = 0; doc < 4; ++doc) {
    const DuplicateDecision decision = decisions.Get(doc);
    EXPECT_TRUE(decision.in_cluster);
    if (!decision.removed) continue;
    ++removed;
    // Whichever of the pair goes names the other.
    ASSERT_TRUE(doc == 0 || doc == 3) << doc;
    EXPECT_EQ(decision.duplicate_of, doc == 0 ? "x-copy" : "x");
    EXPECT_THAT(decision.reason, HasSubstr("cosine 1.0000 >= 1.0000"));
  }
  EXPECT_EQ(removed, 1);
  EXPECT_EQ(decisions.Get(0).cluster_id, decisions.Get(3).cluster_id);
}

}  // namespace
}  // namespace winnow
