#include "winnow/dedup/jaccard_verifier.h"

#include <algorithm>

#include "winnow/dedup/shingles.h"

namespace winnow {

void CandidatePairs::Finish(size_t record_count) {
  std::sort(pairs_.begin(), pairs_.end());
  pairs_.erase(std::unique(pairs_.begin(), pairs_.end()), pairs_.end());
  involved_.assign(record_count, false);
  for (uint64_t pair : pairs_) {
    for (auto doc : {static_cast<uint32_t>(pair >> 32), static_cast<uint32_t>(pair)}) {
      if (!involved_[doc]) ++involved_count_;
      involved_[doc] = true;
    }
  }
}

Status ShingleSetStep::Open(size_t worker_count) {
  sets_.assign(worker_count, {});
  return Status::OK();
}

Status ShingleSetStep::Process(Batch& batch, StepContext& ctx) {
  FingerprintScratch scratch;
  std::string key_scratch;
  uint64_t computed = 0;
  auto& sets = sets_[ctx.worker_index];
  for (const Record& record : batch.records) {
    const auto doc = static_cast<uint32_t>(parallel_ ? record.origin().row : next_doc_++);
    if (!pairs_.involves(doc)) continue;
    fingerprinter_.ShingleSet(key_.RawText(record, &key_scratch), &scratch, &sets[doc]);
    ++computed;
  }
  ctx.counters->Add("shingle_sets", computed);
  return Status::OK();
}

std::unordered_map<uint32_t, std::vector<uint64_t>> ShingleSetStep::TakeSets() {
  std::unordered_map<uint32_t, std::vector<uint64_t>> all;
  for (auto& sets : sets_) {
    if (all.empty()) {
      all = std::move(sets);
      continue;
    }
    for (auto& [doc, set] : sets) all[doc] = std::move(set);
  }
  sets_.clear();
  return all;
}

VerifyStats MergeVerifiedPairs(const CandidatePairs& pairs,
                               const std::unordered_map<uint32_t, std::vector<uint64_t>>& sets,
                               double threshold, UnionFind* clusters) {
  VerifyStats stats;
  static const std::vector<uint64_t> kEmpty;
  auto set_of = [&](uint32_t doc) -> const std::vector<uint64_t>& {
    auto it = sets.find(doc);
    return it == sets.end() ? kEmpty : it->second;
  };
  for (uint64_t pair : pairs.pairs()) {
    const auto first = static_cast<uint32_t>(pair >> 32);
    const auto other = static_cast<uint32_t>(pair);
    ++stats.candidate_pairs;
    if (JaccardOfSets(set_of(first), set_of(other)) >= threshold) {
      ++stats.confirmed_pairs;
      clusters->Union(first, other);
    } else {
      ++stats.rejected_pairs;
    }
  }
  return stats;
}

}  // namespace winnow
