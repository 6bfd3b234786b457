#include "winnow/dedup/dedup_decisions.h"

#include "winnow/record/json_builder.h"

namespace winnow {

void DescribeDuplicate(std::string_view id, std::string_view kept_id, uint64_t cluster_id,
                       uint64_t cluster_size, DuplicateDecision* decision) {
  decision->duplicate_of = std::string(kept_id);
  decision->reason = "duplicate of " + std::string(kept_id) + " (cluster " +
                     std::to_string(cluster_id) + ", " + std::to_string(cluster_size) + " records)";
  JsonBuilder json;
  json.BeginObject()
      .Key("cluster_id")
      .Int(static_cast<int64_t>(cluster_id))
      .Key("cluster_size")
      .Int(static_cast<int64_t>(cluster_size))
      .Field("duplicate_of", kept_id)
      .Field("id", id)
      .EndObject();
  decision->details = json.Take();
}

DuplicateDecision PlanDecisions::Get(uint32_t doc) const {
  DuplicateDecision decision;
  if (!plan_.InCluster(doc)) return decision;
  const uint32_t cluster = plan_.cluster_of[doc];
  decision.in_cluster = true;
  decision.cluster_id = cluster;
  decision.cluster_size = plan_.sizes[cluster];
  const uint32_t kept = plan_.kept[cluster];
  if (kept == doc) return decision;
  decision.removed = true;
  DescribeDuplicate(docs_.id(doc), docs_.id(kept), cluster, decision.cluster_size, &decision);
  return decision;
}

}  // namespace winnow
