#pragma once

// DedupApplyStep: the last pass of a dedup run. Numbers records in stream order as the first
// pass did and, following the decisions, either drops every duplicate (to the reject sink, with
// the cluster id and the id of the record kept) or, in annotate mode, keeps everything and adds
// cluster_id, cluster_size and duplicate_of. It also collects the sample clusters a report shows
// side by side.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "winnow/dedup/dedup_decisions.h"
#include "winnow/dedup/dedup_key.h"
#include "winnow/pipeline/step.h"

namespace winnow {

struct ClusterSampleMember {
  std::string id;
  std::string text;  // the key text, cut to a snippet
  bool kept = false;
};

struct ClusterSample {
  uint64_t cluster = 0;
  uint64_t size = 0;
  std::vector<ClusterSampleMember> members;
};

struct DedupApplyOptions {
  bool annotate = false;          // keep every record and add the cluster columns instead
  size_t members_per_sample = 4;  // members shown per sample cluster (the kept one included)
  size_t snippet_chars = 400;
};

// The clusters a report shows: the `largest` biggest, then `random` others drawn with `seed`.
std::vector<ClusterSample> PickSampleClusters(const DedupPlan& plan, size_t largest, size_t random,
                                              uint64_t seed);

class DedupApplyStep final : public Step {
 public:
  // `decisions` and `key` must outlive the step; `key` may be null (samples then show the
  // record's JSON text). `samples` lists the clusters whose members to collect.
  DedupApplyStep(std::string name, const DedupDecisions& decisions, const DedupKey* key,
                 DedupApplyOptions options, std::vector<ClusterSample> samples = {});

  std::string_view name() const override { return name_; }
  Status Process(Batch& batch, StepContext& ctx) override;
  // Fails when the input had fewer records than the decisions cover (it changed in between).
  Status Finish(Batch& out, StepContext& ctx) override;

  // Sample clusters in the order given, with their members filled in.
  std::vector<ClusterSample> TakeSamples();

 private:
  void MaybeSample(uint32_t doc, const DuplicateDecision& decision, Record& record,
                   simdjson::dom::parser& parser);
  Status Annotate(Record& record, const DuplicateDecision& decision,
                  simdjson::dom::parser& parser) const;

  std::string name_;
  const DedupDecisions& decisions_;
  const DedupKey* key_;
  DedupApplyOptions options_;
  uint32_t next_doc_ = 0;
  std::vector<ClusterSample> samples_;
  std::map<uint64_t, size_t> sample_index_;  // cluster id -> position in samples_
};

}  // namespace winnow
