#pragma once

// DedupApplyStep: the last pass of a dedup run. Numbers records in stream order as the first
// pass did and, following the plan, either drops every duplicate (to the reject sink, with the
// cluster id and the id of the record kept) or, in annotate mode, keeps everything and adds
// cluster_id, cluster_size and duplicate_of. It also collects the sample clusters a report shows
// side by side.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "winnow/dedup/dedup_key.h"
#include "winnow/dedup/dedup_plan.h"
#include "winnow/dedup/doc_table.h"
#include "winnow/pipeline/step.h"

namespace winnow {

struct ClusterSampleMember {
  std::string id;
  std::string text;  // the key text, cut to a snippet
  bool kept = false;
};

struct ClusterSample {
  uint32_t cluster = 0;
  uint32_t size = 0;
  std::vector<ClusterSampleMember> members;
};

struct DedupApplyOptions {
  bool annotate = false;          // keep every record and add the cluster columns instead
  size_t largest_clusters = 5;    // clusters shown in the report: the largest ...
  size_t random_clusters = 5;     // ... and a seeded random sample of the others
  size_t members_per_sample = 4;  // members shown per sample cluster (the kept one included)
  size_t snippet_chars = 400;
  uint64_t seed = 0;
};

class DedupApplyStep final : public Step {
 public:
  // `plan`, `docs` and `key` must outlive the step. `key` may be null (samples then show the
  // record's JSON text).
  DedupApplyStep(std::string name, const DedupPlan& plan, const DocTable& docs,
                 const DedupKey* key, DedupApplyOptions options);

  std::string_view name() const override { return name_; }
  Status Process(Batch& batch, StepContext& ctx) override;

  // Sample clusters in report order (largest first, then the random ones).
  std::vector<ClusterSample> TakeSamples();

 private:
  void PickSamples();
  void MaybeSample(uint32_t doc, const Record& record);
  Status Annotate(Record& record, uint32_t doc, simdjson::dom::parser& parser) const;
  std::string DuplicateDetails(uint32_t doc) const;

  std::string name_;
  const DedupPlan& plan_;
  const DocTable& docs_;
  const DedupKey* key_;
  DedupApplyOptions options_;
  uint32_t next_doc_ = 0;
  std::vector<uint32_t> sample_order_;               // clusters to show, in report order
  std::map<uint32_t, ClusterSample> samples_;        // by cluster
};

}  // namespace winnow
