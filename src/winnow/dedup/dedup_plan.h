#pragma once

// DedupPlan: the decision of a dedup run. Records that ended up in one set of the union-find form
// a cluster (numbered 0, 1, ... in order of their first record); the keep policy's best-ranked
// member of each cluster stays and the others are duplicates of it.

#include <cstdint>
#include <limits>
#include <vector>

#include "winnow/dedup/doc_table.h"
#include "winnow/dedup/union_find.h"

namespace winnow {

struct DedupPlan {
  static constexpr uint32_t kNoCluster = std::numeric_limits<uint32_t>::max();

  std::vector<uint32_t> cluster_of;  // per record: its cluster, or kNoCluster
  std::vector<uint32_t> kept;        // per cluster: the record that stays
  std::vector<uint32_t> sizes;       // per cluster: number of records
  uint64_t removed = 0;

  bool InCluster(uint32_t doc) const { return cluster_of[doc] != kNoCluster; }
  bool IsRemoved(uint32_t doc) const { return InCluster(doc) && kept[cluster_of[doc]] != doc; }
  size_t cluster_count() const { return kept.size(); }
};

// Builds the plan for `docs.size()` records from the union-find over them.
DedupPlan BuildDedupPlan(UnionFind& sets, const DocTable& docs);

}  // namespace winnow
