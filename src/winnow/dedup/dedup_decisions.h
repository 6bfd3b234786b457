#pragma once

// DedupDecisions: what the final pass of any dedup method needs to know about record number `doc`
// (in stream order): is it in a cluster, is it removed, and as a duplicate of what. One interface
// for a one-machine plan (PlanDecisions), a shard's decisions file (decisions_file.h) and the
// semantic method, so one apply step serves them all.

#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/dedup/dedup_plan.h"
#include "winnow/dedup/doc_table.h"

namespace winnow {

struct DuplicateDecision {
  bool in_cluster = false;  // in a cluster of two or more
  bool removed = false;
  uint64_t cluster_id = 0;
  uint64_t cluster_size = 1;
  std::string duplicate_of;  // id of the record it duplicates (removed records)
  std::string reason;        // one line, for the reject file (removed records)
  std::string details;       // JSON object for the reject file (removed records)
};

class DedupDecisions {
 public:
  virtual ~DedupDecisions() = default;
  // Records the decisions cover: the final pass must see exactly as many.
  virtual uint64_t record_count() const = 0;
  virtual DuplicateDecision Get(uint32_t doc) const = 0;
  // The record's display id where known ("" otherwise), for report samples.
  virtual std::string_view Id(uint32_t doc) const = 0;
};

// Decisions of a plan made on this machine.
class PlanDecisions final : public DedupDecisions {
 public:
  // `plan` and `docs` must outlive this object.
  PlanDecisions(const DedupPlan& plan, const DocTable& docs) : plan_(plan), docs_(docs) {}
  uint64_t record_count() const override { return plan_.cluster_of.size(); }
  DuplicateDecision Get(uint32_t doc) const override;
  std::string_view Id(uint32_t doc) const override { return docs_.id(doc); }

 private:
  const DedupPlan& plan_;
  const DocTable& docs_;
};

// The reason and details a removed duplicate gets (shared by every fingerprint method).
void DescribeDuplicate(std::string_view id, std::string_view kept_id, uint64_t cluster_id,
                       uint64_t cluster_size, DuplicateDecision* decision);

}  // namespace winnow
