// DedupPlan (clusters from the union-find, the kept record by keep rank) and what is reported
// from it: the clusters JSONL, the size histogram, the JSON and HTML reports. Also the exact
// Jaccard verification of candidate pairs.

#include "winnow/dedup/dedup_plan.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/dedup/dedup_apply_step.h"
#include "winnow/dedup/dedup_decisions.h"
#include "winnow/dedup/dedup_report.h"
#include "winnow/dedup/jaccard_verifier.h"
#include "winnow/dedup/keep_policy.h"

namespace winnow {
namespace {

// A doc table of `count` records "d0", "d1", ... with the given ranks (0 when not given).
DocTable Docs(size_t count, const std::vector<double>& ranks = {}) {
  DocTable docs;
  for (size_t i = 0; i < count; ++i) {
    docs.Add(i < ranks.size() ? ranks[i] : 0.0, "d" + std::to_string(i), true);
  }
  return docs;
}

// Docs 0..7 with sets {1, 4, 6} and {2, 7}, joined in an unhelpful order.
UnionFind TwoClusters() {
  UnionFind sets(8);
  sets.Union(6, 4);
  sets.Union(7, 2);
  sets.Union(4, 1);
  return sets;
}

TEST(DedupPlan, ClustersAreNumberedByTheirFirstRecord) {
  UnionFind sets = TwoClusters();
  const DocTable docs = Docs(8);
  const DedupPlan plan = BuildDedupPlan(sets, docs);
  ASSERT_EQ(plan.cluster_of.size(), 8u);
  ASSERT_EQ(plan.cluster_count(), 2u);
  const uint32_t none = DedupPlan::kNoCluster;
  EXPECT_EQ(plan.cluster_of, (std::vector<uint32_t>{none, 0, 1, none, 0, none, 0, 1}));
  EXPECT_EQ(plan.sizes, (std::vector<uint32_t>{3, 2}));
  EXPECT_EQ(plan.removed, 3u);
  // Equal ranks: the first record of each cluster stays.
  EXPECT_EQ(plan.kept, (std::vector<uint32_t>{1, 2}));
  for (uint32_t doc : {0u, 3u, 5u}) {
    EXPECT_FALSE(plan.InCluster(doc)) << doc;
    EXPECT_FALSE(plan.IsRemoved(doc)) << doc;
  }
  for (uint32_t doc : {1u, 2u}) {
    EXPECT_TRUE(plan.InCluster(doc));
    EXPECT_FALSE(plan.IsRemoved(doc));
  }
  for (uint32_t doc : {4u, 6u, 7u}) EXPECT_TRUE(plan.IsRemoved(doc)) << doc;
}

TEST(DedupPlan, LowestKeepRankStaysAndTiesKeepTheEarliest) {
  UnionFind sets = TwoClusters();
  // Cluster 0 = {1, 4, 6}: 4 and 6 tie at -5, better than 1 -> 4 (earlier) stays.
  // Cluster 1 = {2, 7}: 7 has the lower rank -> 7 stays.
  const DocTable docs = Docs(8, {0, 0, 3, 0, -5, -100, -5, 1});
  const DedupPlan plan = BuildDedupPlan(sets, docs);
  EXPECT_EQ(plan.kept, (std::vector<uint32_t>{4, 7}));
  EXPECT_TRUE(plan.IsRemoved(1));
  EXPECT_FALSE(plan.IsRemoved(4));
  EXPECT_TRUE(plan.IsRemoved(6));
  EXPECT_TRUE(plan.IsRemoved(2));
  EXPECT_FALSE(plan.IsRemoved(7));
  EXPECT_FALSE(plan.InCluster(5));  // the best rank of all, but a singleton
  EXPECT_EQ(plan.removed, 3u);
}

TEST(DedupPlan, MissingRanksLoseToAnyValueAndTieAmongThemselves) {
  const double missing = KeepPolicy::kMissing;
  UnionFind sets(4);
  sets.Union(0, 1);
  sets.Union(2, 3);
  // Cluster 0: both missing -> first stays. Cluster 1: 2 missing, 3 has a value -> 3 stays.
  const DocTable docs = Docs(4, {missing, missing, missing, 1e300});
  const DedupPlan plan = BuildDedupPlan(sets, docs);
  EXPECT_EQ(plan.kept, (std::vector<uint32_t>{0, 3}));
}

TEST(DedupPlan, NoUnionsNoClusters) {
  UnionFind sets(5);
  const DedupPlan plan = BuildDedupPlan(sets, Docs(5));
  EXPECT_EQ(plan.cluster_count(), 0u);
  EXPECT_EQ(plan.removed, 0u);
  EXPECT_EQ(plan.cluster_of, std::vector<uint32_t>(5, DedupPlan::kNoCluster));
  const DocTable none;
  UnionFind empty;
  const DedupPlan empty_plan = BuildDedupPlan(empty, none);
  EXPECT_EQ(empty_plan.cluster_count(), 0u);
  EXPECT_TRUE(empty_plan.cluster_of.empty());
}

TEST(DedupPlan, GrowsASmallerUnionFindToEveryRecord) {
  UnionFind sets(2);
  sets.Union(0, 1);
  const DedupPlan plan = BuildDedupPlan(sets, Docs(4));
  EXPECT_EQ(plan.cluster_of.size(), 4u);
  EXPECT_EQ(plan.cluster_count(), 1u);
  EXPECT_FALSE(plan.InCluster(3));
}

TEST(DocTable, RemembersRanksIdsAndFingerprints) {
  DocTable docs;
  docs.Add(1.5, "first", true);
  docs.Add(-2, "", false);
  docs.Add(0, "file.jsonl:3", true);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs.id(0), "first");
  EXPECT_EQ(docs.id(1), "");
  EXPECT_EQ(docs.id(2), "file.jsonl:3");
  EXPECT_EQ(docs.keep_rank(0), 1.5);
  EXPECT_EQ(docs.keep_rank(1), -2);
  EXPECT_TRUE(docs.has_fingerprint(0));
  EXPECT_FALSE(docs.has_fingerprint(1));
}

// ---------------------------------------------------------------------------------------------
// Decisions of a plan (what the apply pass sees per record)

TEST(PlanDecisions, SaysWhetherARecordIsKeptOrWhoseDuplicateItIs) {
  UnionFind sets = TwoClusters();
  const DocTable docs = Docs(8);
  const DedupPlan plan = BuildDedupPlan(sets, docs);
  const PlanDecisions decisions(plan, docs);
  EXPECT_EQ(decisions.record_count(), 8u);
  EXPECT_EQ(decisions.Id(6), "d6");

  const DuplicateDecision unique = decisions.Get(3);
  EXPECT_FALSE(unique.in_cluster);
  EXPECT_FALSE(unique.removed);
  EXPECT_EQ(unique.cluster_size, 1u);

  const DuplicateDecision kept = decisions.Get(1);
  EXPECT_TRUE(kept.in_cluster);
  EXPECT_FALSE(kept.removed);
  EXPECT_EQ(kept.cluster_id, 0u);
  EXPECT_EQ(kept.cluster_size, 3u);
  EXPECT_EQ(kept.duplicate_of, "");

  const DuplicateDecision removed = decisions.Get(6);
  EXPECT_TRUE(removed.in_cluster);
  EXPECT_TRUE(removed.removed);
  EXPECT_EQ(removed.cluster_id, 0u);
  EXPECT_EQ(removed.cluster_size, 3u);
  EXPECT_EQ(removed.duplicate_of, "d1");
  EXPECT_EQ(removed.reason, "duplicate of d1 (cluster 0, 3 records)");
  simdjson::dom::parser parser;
  simdjson::dom::element details;
  ASSERT_EQ(parser.parse(removed.details).get(details), simdjson::SUCCESS) << removed.details;
  EXPECT_EQ(int64_t(details["cluster_id"].get_int64().value()), 0);
  EXPECT_EQ(int64_t(details["cluster_size"].get_int64().value()), 3);
  EXPECT_EQ(std::string_view(details["duplicate_of"].get_string().value()), "d1");
  EXPECT_EQ(std::string_view(details["id"].get_string().value()), "d6");

  const DuplicateDecision second = decisions.Get(7);
  EXPECT_EQ(second.cluster_id, 1u);
  EXPECT_EQ(second.duplicate_of, "d2");
}

// ---------------------------------------------------------------------------------------------
// Clusters JSONL

TEST(ClustersJsonl, OneLinePerClusterWithMembersInStreamOrder) {
  UnionFind sets = TwoClusters();
  const DocTable docs = Docs(8, {0, 0, 3, 0, -5, 0, -5, 1});
  const DedupPlan plan = BuildDedupPlan(sets, docs);
  const std::string jsonl = ClustersJsonl(plan, docs);
  EXPECT_EQ(jsonl,
            "{\"cluster_id\":0,\"size\":3,\"kept\":\"d4\",\"cluster\":[\"d1\",\"d4\",\"d6\"]}\n"
            "{\"cluster_id\":1,\"size\":2,\"kept\":\"d7\",\"cluster\":[\"d2\",\"d7\"]}\n");
  UnionFind none(3);
  EXPECT_EQ(ClustersJsonl(BuildDedupPlan(none, Docs(3)), Docs(3)), "");
}

TEST(ClustersJsonl, IdsAreJsonEscaped) {
  DocTable docs;
  docs.Add(0, "say \"hi\"\n", true);
  docs.Add(0, "back\\slash", true);
  UnionFind sets(2);
  sets.Union(0, 1);
  const std::string jsonl = ClustersJsonl(BuildDedupPlan(sets, docs), docs);
  simdjson::dom::parser parser;
  simdjson::dom::element line;
  ASSERT_EQ(parser.parse(jsonl).get(line), simdjson::SUCCESS) << jsonl;
  EXPECT_EQ(std::string_view(line["kept"].get_string().value()), "say \"hi\"\n");
  EXPECT_EQ(std::string_view(line["cluster"].at(1).get_string().value()), "back\\slash");
}

// ---------------------------------------------------------------------------------------------
// Report

// Clusters of sizes 2, 2, 3, 4, 6, 50, 101 and 1001 (plus 5 singletons).
DedupPlan HistogramPlan() {
  const std::vector<uint32_t> sizes = {2, 2, 3, 4, 6, 50, 101, 1001};
  size_t total = 5;
  for (uint32_t size : sizes) total += size;
  UnionFind sets(total);
  uint32_t next = 5;
  for (uint32_t size : sizes) {
    for (uint32_t i = 1; i < size; ++i) sets.Union(next + i, next);
    next += size;
  }
  static const DocTable docs = Docs(total);
  return BuildDedupPlan(sets, docs);
}

TEST(DedupReport, AddPlanFillsCountsAndTheSizeHistogram) {
  const DedupPlan plan = HistogramPlan();
  DedupReport report;
  report.size_histogram = {{"stale", 99}};
  AddPlanToReport(plan, &report);
  EXPECT_EQ(report.records, 5u + 2 + 2 + 3 + 4 + 6 + 50 + 101 + 1001);
  EXPECT_EQ(report.clusters, 8u);
  EXPECT_EQ(report.records_in_clusters, 2u + 2 + 3 + 4 + 6 + 50 + 101 + 1001);
  EXPECT_EQ(report.removed, report.records_in_clusters - 8);
  EXPECT_EQ(report.largest_cluster, 1001u);
  const std::vector<std::pair<std::string, uint64_t>> expected = {
      {"2", 2}, {"3", 1}, {"4-5", 1}, {"6-10", 1}, {"11-100", 1}, {"101-1000", 1}, {">1000", 1}};
  EXPECT_EQ(report.size_histogram, expected);
}

TEST(PickSampleClusters, LargestFirstThenSeededRandomOthers) {
  const DedupPlan plan = HistogramPlan();  // sizes 2, 2, 3, 4, 6, 50, 101, 1001
  const auto samples = PickSampleClusters(plan, 2, 3, 42);
  ASSERT_EQ(samples.size(), 5u);
  EXPECT_EQ(samples[0].cluster, 7u);
  EXPECT_EQ(samples[0].size, 1001u);
  EXPECT_EQ(samples[1].cluster, 6u);
  EXPECT_EQ(samples[1].size, 101u);
  std::set<uint64_t> seen;
  for (const auto& sample : samples) {
    EXPECT_TRUE(seen.insert(sample.cluster).second) << "cluster picked twice: " << sample.cluster;
    EXPECT_EQ(sample.size, plan.sizes[sample.cluster]);
    EXPECT_TRUE(sample.members.empty());
  }
  // Deterministic for a seed.
  const auto again = PickSampleClusters(plan, 2, 3, 42);
  for (size_t i = 0; i < samples.size(); ++i) EXPECT_EQ(again[i].cluster, samples[i].cluster);
  // Never more than there are clusters.
  EXPECT_EQ(PickSampleClusters(plan, 5, 100, 1).size(), 8u);
  EXPECT_EQ(PickSampleClusters(plan, 100, 100, 1).size(), 8u);
  UnionFind none(3);
  EXPECT_TRUE(PickSampleClusters(BuildDedupPlan(none, Docs(3)), 5, 5, 0).empty());
}

DedupReport SampleReport(bool annotate) {
  DedupReport report;
  report.method = "minhash";
  report.settings = {{"field", "text"}, {"bands_x_rows", "14 x 8"}};
  AddPlanToReport(HistogramPlan(), &report);
  report.annotate = annotate;
  report.without_fingerprint = 4;
  report.verify = VerifyStats{10, 7, 3};
  report.seconds = 0.5;
  report.input_bytes = 1000000;
  ClusterSample sample;
  sample.cluster = 7;
  sample.size = 1001;
  sample.members = {{"d1", "<script>alert('x')</script> & more", true},
                    {"d<2>", "second \"copy\"", false}};
  report.samples = {sample};
  report.largest_samples = 1;
  return report;
}

TEST(DedupReport, JsonParsesWithTheExpectedFields) {
  const std::string json = DedupReportJson(SampleReport(false));
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(root["method"].get_string().value()), "minhash");
  EXPECT_EQ(std::string_view(root["settings"]["bands_x_rows"].get_string().value()), "14 x 8");
  EXPECT_EQ(int64_t(root["records"].get_int64().value()), 1174);
  EXPECT_EQ(int64_t(root["records_without_fingerprint"].get_int64().value()), 4);
  EXPECT_EQ(int64_t(root["clusters"].get_int64().value()), 8);
  EXPECT_EQ(int64_t(root["records_in_clusters"].get_int64().value()), 1169);
  EXPECT_EQ(int64_t(root["removed"].get_int64().value()), 1161);
  EXPECT_EQ(root["marked"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(int64_t(root["largest_cluster"].get_int64().value()), 1001);
  EXPECT_EQ(int64_t(root["input_bytes"].get_int64().value()), 1000000);
  EXPECT_DOUBLE_EQ(double(root["seconds"].get_double().value()), 0.5);
  EXPECT_EQ(int64_t(root["verification"]["candidate_pairs"].get_int64().value()), 10);
  EXPECT_EQ(int64_t(root["verification"]["confirmed_pairs"].get_int64().value()), 7);
  EXPECT_EQ(int64_t(root["verification"]["rejected_pairs"].get_int64().value()), 3);
  EXPECT_EQ(int64_t(root["cluster_sizes"]["2"].get_int64().value()), 2);
  EXPECT_EQ(int64_t(root["cluster_sizes"][">1000"].get_int64().value()), 1);
  simdjson::dom::array samples = root["sample_clusters"].get_array().value();
  ASSERT_EQ(samples.size(), 1u);
  simdjson::dom::element sample = samples.at(0).value();
  EXPECT_EQ(int64_t(sample["cluster_id"].get_int64().value()), 7);
  EXPECT_EQ(int64_t(sample["size"].get_int64().value()), 1001);
  EXPECT_EQ(std::string_view(sample["why_shown"].get_string().value()), "largest");
  simdjson::dom::array members = sample["members"].get_array().value();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(std::string_view(members.at(0)["id"].get_string().value()), "d1");
  EXPECT_TRUE(bool(members.at(0)["kept"].get_bool().value()));
  EXPECT_EQ(std::string_view(members.at(0)["text"].get_string().value()),
            "<script>alert('x')</script> & more");
  EXPECT_FALSE(bool(members.at(1)["kept"].get_bool().value()));
  EXPECT_EQ(std::string_view(members.at(1)["text"].get_string().value()), "second \"copy\"");
}

TEST(DedupReport, JsonSaysMarkedInAnnotateModeAndOmitsVerificationWhenNotRun) {
  DedupReport report = SampleReport(true);
  report.verify.reset();
  report.samples.clear();
  report.largest_samples = 0;
  const std::string json = DedupReportJson(report);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_EQ(int64_t(root["marked"].get_int64().value()), 1161);
  EXPECT_EQ(root["removed"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(root["verification"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(root["sample_clusters"].get_array().value().size(), 0u);
}

TEST(DedupReport, HtmlEscapesSampleTextIdsAndSettings) {
  DedupReport report = SampleReport(false);
  report.settings.emplace_back("keep", "priority:src=<a>,b&c");
  const std::string html = DedupReportHtml(report);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos) << "sample text was not escaped";
  EXPECT_NE(html.find("&lt;script&gt;alert"), std::string::npos);
  EXPECT_NE(html.find("&amp; more"), std::string::npos);
  EXPECT_EQ(html.find("d<2>"), std::string::npos);
  EXPECT_NE(html.find("d&lt;2&gt;"), std::string::npos);
  EXPECT_EQ(html.find("src=<a>"), std::string::npos);
  EXPECT_NE(html.find("src=&lt;a&gt;,b&amp;c"), std::string::npos);
  EXPECT_NE(html.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(html.find("minhash"), std::string::npos);
  EXPECT_NE(html.find("&gt;1000"), std::string::npos);  // the histogram label
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(DedupReport, TextSummarisesTheRun) {
  DedupReport report = SampleReport(false);
  const std::string text = DedupReportText(report);
  EXPECT_NE(text.find("winnow dedup minhash: field=text bands_x_rows=14 x 8"), std::string::npos)
      << text;
  EXPECT_NE(text.find("records 1,174"), std::string::npos) << text;
  EXPECT_NE(text.find("removed 1,161"), std::string::npos) << text;
  EXPECT_NE(text.find("4 records had no fingerprint"), std::string::npos) << text;
  EXPECT_NE(text.find("10 candidate pairs, 7 confirmed, 3 below the threshold"), std::string::npos)
      << text;
  EXPECT_NE(text.find("(largest 1001)"), std::string::npos) << text;
  report.annotate = true;
  EXPECT_NE(DedupReportText(report).find("marked as duplicates 1,161"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Exact Jaccard verification

TEST(CandidatePairs, FinishRemovesRepeatsAndMarksInvolvedRecords) {
  CandidatePairs pairs;
  pairs.Add(0, 3);
  pairs.Add(0, 3);  // the same pair from another band
  pairs.Add(1, 3);
  pairs.Finish(6);
  EXPECT_EQ(pairs.pairs().size(), 2u);
  EXPECT_EQ(pairs.involved_count(), 3u);
  for (uint32_t doc : {0u, 1u, 3u}) EXPECT_TRUE(pairs.involves(doc)) << doc;
  for (uint32_t doc : {2u, 4u, 5u, 99u}) EXPECT_FALSE(pairs.involves(doc)) << doc;
}

TEST(MergeVerifiedPairs, MergesOnlyPairsAtOrAboveTheThreshold) {
  CandidatePairs pairs;
  pairs.Add(0, 1);  // Jaccard 3/5 = 0.6
  pairs.Add(0, 2);  // Jaccard 4/4 = 1
  pairs.Add(3, 4);  // Jaccard 1/7 < 0.6
  pairs.Add(5, 6);  // 6 has no shingle set: 0
  pairs.Finish(7);
  const std::unordered_map<uint32_t, std::vector<uint64_t>> sets = {
      {0, {1, 2, 3, 4}}, {1, {2, 3, 4, 5}}, {2, {1, 2, 3, 4}},
      {3, {1, 2, 3, 4}}, {4, {4, 5, 6, 7}}, {5, {1}}};
  UnionFind clusters(7);
  const VerifyStats stats = MergeVerifiedPairs(pairs, sets, 0.6, &clusters);
  EXPECT_EQ(stats.candidate_pairs, 4u);
  EXPECT_EQ(stats.confirmed_pairs, 2u);
  EXPECT_EQ(stats.rejected_pairs, 2u);
  EXPECT_EQ(clusters.Find(1), 0u);  // exactly at the threshold: merged
  EXPECT_EQ(clusters.Find(2), 0u);
  EXPECT_EQ(clusters.Find(4), 4u);
  EXPECT_EQ(clusters.Find(6), 6u);
}

}  // namespace
}  // namespace winnow
