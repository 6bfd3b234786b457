#include "winnow/dedup/dedup_plan.h"

namespace winnow {

DedupPlan BuildDedupPlan(UnionFind& sets, const DocTable& docs) {
  const auto count = static_cast<uint32_t>(docs.size());
  sets.Resize(count);
  std::vector<uint32_t> set_size(count, 0);
  for (uint32_t doc = 0; doc < count; ++doc) ++set_size[sets.Find(doc)];

  DedupPlan plan;
  plan.cluster_of.assign(count, DedupPlan::kNoCluster);
  std::vector<uint32_t> cluster_of_root(count, DedupPlan::kNoCluster);
  for (uint32_t doc = 0; doc < count; ++doc) {
    const uint32_t root = sets.Find(doc);
    if (set_size[root] < 2) continue;
    uint32_t& cluster = cluster_of_root[root];
    if (cluster == DedupPlan::kNoCluster) {
      // The root is the set's smallest record, so it is met first and numbers the cluster.
      cluster = static_cast<uint32_t>(plan.kept.size());
      plan.kept.push_back(doc);
      plan.sizes.push_back(0);
    }
    plan.cluster_of[doc] = cluster;
    ++plan.sizes[cluster];
    // Lower rank wins; on a tie the earlier record (already kept) stays.
    if (docs.keep_rank(doc) < docs.keep_rank(plan.kept[cluster])) plan.kept[cluster] = doc;
  }
  for (uint32_t size : plan.sizes) plan.removed += size - 1;
  return plan;
}

}  // namespace winnow
