#include "winnow/dedup/dedup_apply_step.h"

#include <algorithm>
#include <random>

#include "winnow/common/utf8.h"

namespace winnow {

std::vector<ClusterSample> PickSampleClusters(const DedupPlan& plan, size_t largest, size_t random,
                                              uint64_t seed) {
  std::vector<uint32_t> clusters(plan.cluster_count());
  for (uint32_t i = 0; i < clusters.size(); ++i) clusters[i] = i;
  std::stable_sort(clusters.begin(), clusters.end(),
                   [&](uint32_t a, uint32_t b) { return plan.sizes[a] > plan.sizes[b]; });
  largest = std::min(largest, clusters.size());
  std::vector<uint32_t> chosen(clusters.begin(), clusters.begin() + largest);
  std::vector<uint32_t> rest(clusters.begin() + largest, clusters.end());
  std::sort(rest.begin(), rest.end());
  std::mt19937_64 generator(seed);
  for (size_t i = 0; i < random && !rest.empty(); ++i) {
    std::uniform_int_distribution<size_t> pick(0, rest.size() - 1);
    const size_t at = pick(generator);
    chosen.push_back(rest[at]);
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(at));
  }
  std::vector<ClusterSample> samples;
  for (uint32_t cluster : chosen) samples.push_back({cluster, plan.sizes[cluster], {}});
  return samples;
}

DedupApplyStep::DedupApplyStep(std::string name, const DedupDecisions& decisions,
                               const DedupKey* key, DedupApplyOptions options,
                               std::vector<ClusterSample> samples)
    : name_(std::move(name)),
      decisions_(decisions),
      key_(key),
      options_(options),
      samples_(std::move(samples)) {
  for (size_t i = 0; i < samples_.size(); ++i) sample_index_[samples_[i].cluster] = i;
}

void DedupApplyStep::MaybeSample(uint32_t doc, const DuplicateDecision& decision, Record& record,
                                 simdjson::dom::parser& parser) {
  auto it = sample_index_.find(decision.cluster_id);
  if (it == sample_index_.end()) return;
  ClusterSample& sample = samples_[it->second];
  const bool kept = !decision.removed;
  // Leave one place for the kept record, whenever it comes.
  const bool has_kept = std::any_of(sample.members.begin(), sample.members.end(),
                                    [](const ClusterSampleMember& m) { return m.kept; });
  if (!kept && sample.members.size() + (has_kept ? 0 : 1) >= options_.members_per_sample) return;
  // Records of a dropping run are not parsed (they are copied as they are); parse the few shown.
  if (!record.parsed() && key_) (void)record.Parse(parser);
  std::string scratch;
  const std::string_view text =
      key_ && record.parsed() ? key_->RawText(record, &scratch) : record.text();
  sample.members.push_back(
      {std::string(decisions_.Id(doc)), Snippet(text, options_.snippet_chars), kept});
}

Status DedupApplyStep::Annotate(Record& record, const DuplicateDecision& decision,
                                simdjson::dom::parser& parser) const {
  if (!decision.in_cluster) {
    WINNOW_RETURN_IF_ERROR(record.Set("cluster_id", "null", parser));
    WINNOW_RETURN_IF_ERROR(record.SetInt("cluster_size", 1, parser));
    return record.Set("duplicate_of", "null", parser);
  }
  WINNOW_RETURN_IF_ERROR(
      record.SetInt("cluster_id", static_cast<int64_t>(decision.cluster_id), parser));
  WINNOW_RETURN_IF_ERROR(
      record.SetInt("cluster_size", static_cast<int64_t>(decision.cluster_size), parser));
  // Records removed for another reason than duplicating one (topic-wise selection) have none.
  if (!decision.removed || decision.duplicate_of.empty()) {
    return record.Set("duplicate_of", "null", parser);
  }
  return record.SetString("duplicate_of", decision.duplicate_of, parser);
}

Status DedupApplyStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t removed = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const uint32_t doc = next_doc_++;
    if (doc >= decisions_.record_count()) {
      return Status::InvalidInput("the input has more records than when dedup first read it (" +
                                  std::to_string(decisions_.record_count()) +
                                  "); did it change during the run?");
    }
    DuplicateDecision decision = decisions_.Get(doc);
    if (decision.in_cluster) MaybeSample(doc, decision, batch.records[i], *ctx.parser);
    if (options_.annotate) {
      WINNOW_RETURN_IF_ERROR(Annotate(batch.records[i], decision, *ctx.parser));
      removed += decision.removed ? 1 : 0;
      continue;
    }
    if (!decision.removed) continue;
    // A dropping run copies records unparsed; parse the rejected ones so the reject file always
    // holds the record as an object (input that reached here parsed in the first pass).
    if (!batch.records[i].parsed()) (void)batch.records[i].Parse(*ctx.parser);
    batch.Reject(i, name_, std::move(decision.reason), std::move(decision.details));
    ++removed;
  }
  if (removed > 0 && !options_.annotate) batch.Compact();
  ctx.counters->Add(options_.annotate ? "marked" : "removed", removed);
  return Status::OK();
}

Status DedupApplyStep::Finish(Batch& out, StepContext& ctx) {
  (void)out;
  (void)ctx;
  if (next_doc_ != decisions_.record_count()) {
    return Status::InvalidInput("the input has " + std::to_string(next_doc_) + " records but had " +
                                std::to_string(decisions_.record_count()) +
                                " when dedup first read it; did it change during the run?");
  }
  return Status::OK();
}

std::vector<ClusterSample> DedupApplyStep::TakeSamples() { return std::move(samples_); }

}  // namespace winnow
