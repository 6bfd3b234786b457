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

Status ShingleSetStep::Process(Batch& batch, StepContext& ctx) {
  FingerprintScratch scratch;
  std::string key_scratch;
  uint64_t computed = 0;
  for (const Record& record : batch.records) {
    const uint32_t doc = next_doc_++;
    if (!pairs_.involves(doc)) continue;
    fingerprinter_.ShingleSet(key_.RawText(record, &key_scratch), &scratch, &sets_[doc]);
    ++computed;
  }
  ctx.counters->Add("shingle_sets", computed);
  return Status::OK();
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
