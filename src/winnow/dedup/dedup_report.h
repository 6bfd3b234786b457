#pragma once

// The report of a dedup run: what was compared and how, how many records fell into clusters and
// were removed, the cluster-size histogram, and sample clusters shown side by side (the largest
// and a seeded random few), as text (terminal), JSON and a self-contained HTML page.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "winnow/dedup/dedup_apply_step.h"
#include "winnow/dedup/dedup_plan.h"
#include "winnow/dedup/jaccard_verifier.h"

namespace winnow {

struct DedupReport {
  std::string method;                                         // "exact", "minhash", ...
  std::vector<std::pair<std::string, std::string>> settings;  // shown in this order
  std::string s_curve;                                        // MinHash: CandidateProbability table
  uint64_t records = 0;
  uint64_t without_fingerprint = 0;  // too short or empty: never compared
  uint64_t clusters = 0;
  uint64_t records_in_clusters = 0;
  uint64_t removed = 0;
  bool annotate = false;  // removed records were kept and marked
  std::optional<VerifyStats> verify;
  std::vector<std::pair<std::string, uint64_t>> size_histogram;  // "2", "3", "4-5", ...
  uint64_t largest_cluster = 0;
  std::vector<ClusterSample> samples;
  size_t largest_samples = 0;  // the first this many samples are the largest clusters
  double seconds = 0;
  uint64_t input_bytes = 0;
};

// Fills the counts and the histogram from a plan.
void AddPlanToReport(const DedupPlan& plan, DedupReport* report);
// Fills the cluster count, the records in clusters, the largest and the histogram from sizes.
void AddClusterSizesToReport(const std::vector<uint64_t>& sizes, DedupReport* report);

// Every cluster as one JSON line, in cluster order:
// {"cluster_id":0,"size":3,"kept":"d1","cluster":["d1","d7","d9"]} (members in stream order).
std::string ClustersJsonl(const DedupPlan& plan, const DocTable& docs);

std::string DedupReportText(const DedupReport& report);
std::string DedupReportJson(const DedupReport& report);
std::string DedupReportHtml(const DedupReport& report);

}  // namespace winnow
