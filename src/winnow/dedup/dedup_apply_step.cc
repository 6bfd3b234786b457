#include "winnow/dedup/dedup_apply_step.h"

#include <algorithm>
#include <random>

#include "winnow/common/utf8.h"
#include "winnow/record/json_builder.h"

namespace winnow {

DedupApplyStep::DedupApplyStep(std::string name, const DedupPlan& plan, const DocTable& docs,
                               const DedupKey* key, DedupApplyOptions options)
    : name_(std::move(name)), plan_(plan), docs_(docs), key_(key), options_(options) {
  PickSamples();
}

void DedupApplyStep::PickSamples() {
  std::vector<uint32_t> clusters(plan_.cluster_count());
  for (uint32_t i = 0; i < clusters.size(); ++i) clusters[i] = i;
  std::stable_sort(clusters.begin(), clusters.end(),
                   [&](uint32_t a, uint32_t b) { return plan_.sizes[a] > plan_.sizes[b]; });
  const size_t largest = std::min(options_.largest_clusters, clusters.size());
  sample_order_.assign(clusters.begin(), clusters.begin() + largest);
  std::vector<uint32_t> rest(clusters.begin() + largest, clusters.end());
  std::sort(rest.begin(), rest.end());
  std::mt19937_64 random(options_.seed);
  for (size_t i = 0; i < options_.random_clusters && !rest.empty(); ++i) {
    std::uniform_int_distribution<size_t> pick(0, rest.size() - 1);
    const size_t at = pick(random);
    sample_order_.push_back(rest[at]);
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(at));
  }
  for (uint32_t cluster : sample_order_) {
    samples_[cluster] = ClusterSample{cluster, plan_.sizes[cluster], {}};
  }
}

void DedupApplyStep::MaybeSample(uint32_t doc, const Record& record) {
  auto it = samples_.find(plan_.cluster_of[doc]);
  if (it == samples_.end()) return;
  ClusterSample& sample = it->second;
  const bool kept = plan_.kept[sample.cluster] == doc;
  // Leave one place for the kept record, whenever it comes.
  const size_t limit = options_.members_per_sample;
  const bool has_kept = std::any_of(sample.members.begin(), sample.members.end(),
                                    [](const ClusterSampleMember& m) { return m.kept; });
  if (!kept && sample.members.size() + (has_kept ? 0 : 1) >= limit) return;
  std::string scratch;
  std::string_view text =
      key_ && record.parsed() ? key_->RawText(record, &scratch) : record.text();
  sample.members.push_back({std::string(docs_.id(doc)),
                            Snippet(text, options_.snippet_chars), kept});
}

std::string DedupApplyStep::DuplicateDetails(uint32_t doc) const {
  const uint32_t cluster = plan_.cluster_of[doc];
  JsonBuilder json;
  json.BeginObject()
      .Key("cluster_id")
      .Int(cluster)
      .Key("cluster_size")
      .Int(plan_.sizes[cluster])
      .Field("duplicate_of", docs_.id(plan_.kept[cluster]))
      .Field("id", docs_.id(doc))
      .EndObject();
  return json.Take();
}

Status DedupApplyStep::Annotate(Record& record, uint32_t doc,
                                simdjson::dom::parser& parser) const {
  if (!plan_.InCluster(doc)) {
    WINNOW_RETURN_IF_ERROR(record.Set("cluster_id", "null", parser));
    WINNOW_RETURN_IF_ERROR(record.SetInt("cluster_size", 1, parser));
    return record.Set("duplicate_of", "null", parser);
  }
  const uint32_t cluster = plan_.cluster_of[doc];
  WINNOW_RETURN_IF_ERROR(record.SetInt("cluster_id", cluster, parser));
  WINNOW_RETURN_IF_ERROR(record.SetInt("cluster_size", plan_.sizes[cluster], parser));
  if (plan_.kept[cluster] == doc) return record.Set("duplicate_of", "null", parser);
  return record.SetString("duplicate_of", docs_.id(plan_.kept[cluster]), parser);
}

Status DedupApplyStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t removed = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const uint32_t doc = next_doc_++;
    if (doc >= plan_.cluster_of.size()) {
      return Status::Internal("dedup: the input has more records than when it was first read (" +
                              std::to_string(plan_.cluster_of.size()) +
                              "); did it change during the run?");
    }
    if (!plan_.InCluster(doc)) {
      if (options_.annotate) WINNOW_RETURN_IF_ERROR(Annotate(batch.records[i], doc, *ctx.parser));
      continue;
    }
    MaybeSample(doc, batch.records[i]);
    if (options_.annotate) {
      WINNOW_RETURN_IF_ERROR(Annotate(batch.records[i], doc, *ctx.parser));
      continue;
    }
    if (!plan_.IsRemoved(doc)) continue;
    const uint32_t cluster = plan_.cluster_of[doc];
    std::string reason = "duplicate of " + std::string(docs_.id(plan_.kept[cluster])) +
                         " (cluster " + std::to_string(cluster) + ", " +
                         std::to_string(plan_.sizes[cluster]) + " records)";
    batch.Reject(i, name_, std::move(reason), DuplicateDetails(doc));
    ++removed;
  }
  if (removed > 0) batch.Compact();
  ctx.counters->Add("removed", removed);
  return Status::OK();
}

std::vector<ClusterSample> DedupApplyStep::TakeSamples() {
  std::vector<ClusterSample> out;
  for (uint32_t cluster : sample_order_) out.push_back(std::move(samples_[cluster]));
  return out;
}

}  // namespace winnow
