#pragma once

// Exact Jaccard verification of LSH candidates (text-dedup's check, which datatrove skips):
// candidate pairs are collected instead of merged, a second read computes the shingle sets of the
// records that appear in any pair, and only pairs whose true Jaccard similarity reaches the
// threshold are merged. This removes the false merges LSH makes below the threshold.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "winnow/dedup/dedup_key.h"
#include "winnow/dedup/fingerprint.h"
#include "winnow/dedup/union_find.h"
#include "winnow/pipeline/step.h"

namespace winnow {

class CandidatePairs {
 public:
  void Add(uint32_t first, uint32_t other) { pairs_.push_back((uint64_t{first} << 32) | other); }
  // Sorts, removes repeats (a pair found in several bands) and marks the records involved.
  void Finish(size_t record_count);

  const std::vector<uint64_t>& pairs() const { return pairs_; }
  bool involves(uint32_t doc) const { return doc < involved_.size() && involved_[doc]; }
  uint64_t involved_count() const { return involved_count_; }

 private:
  std::vector<uint64_t> pairs_;
  std::vector<bool> involved_;
  uint64_t involved_count_ = 0;
};

// Second pass: keeps the shingle sets of the records some candidate pair involves, numbering
// records as the first pass did. When that pass met no unreadable record, a record's number is
// its input row, so the step runs on all workers; otherwise it counts records in stream order.
class ShingleSetStep final : public Step {
 public:
  // All references must outlive the step. `rows_are_records`: the first pass rejected no record.
  ShingleSetStep(const DedupKey& key, const MinHashFingerprinter& fingerprinter,
                 const CandidatePairs& pairs, bool rows_are_records)
      : key_(key), fingerprinter_(fingerprinter), pairs_(pairs), parallel_(rows_are_records) {}

  std::string_view name() const override { return "dedup_verify"; }
  bool parallel() const override { return parallel_; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

  // The sets gathered by every worker, moved into one map; call once after the run.
  std::unordered_map<uint32_t, std::vector<uint64_t>> TakeSets();

 private:
  const DedupKey& key_;
  const MinHashFingerprinter& fingerprinter_;
  const CandidatePairs& pairs_;
  const bool parallel_;
  uint32_t next_doc_ = 0;
  std::vector<std::unordered_map<uint32_t, std::vector<uint64_t>>> sets_;  // per worker
};

struct VerifyStats {
  uint64_t candidate_pairs = 0;
  uint64_t confirmed_pairs = 0;
  uint64_t rejected_pairs = 0;  // LSH candidates below the threshold: false merges avoided
};

// Merges the pairs whose exact Jaccard similarity is >= threshold.
VerifyStats MergeVerifiedPairs(const CandidatePairs& pairs,
                               const std::unordered_map<uint32_t, std::vector<uint64_t>>& sets,
                               double threshold, UnionFind* clusters);

}  // namespace winnow
