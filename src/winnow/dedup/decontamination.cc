#include "winnow/dedup/decontamination.h"

#include <xxhash.h>

#include <algorithm>

#include "winnow/dedup/fingerprint_step.h"
#include "winnow/dedup/shingles.h"
#include "winnow/exec/linear_runner.h"
#include "winnow/formats/dataset_reader.h"
#include "winnow/io/input_set.h"
#include "winnow/record/json_builder.h"

namespace winnow {
namespace {
constexpr size_t kItemsReported = 5;
}  // namespace

void EvalIndex::Add(std::string_view text, EvalItem item) {
  std::string normalized, scratch;
  NormalizeText(text, normalization_, &normalized);
  const auto index = static_cast<uint32_t>(items_.size());
  const size_t before = entries_.size();
  ForEachWordNgram(normalized, ngram_, &scratch, [&](std::string_view ngram) {
    entries_.push_back({XXH64(ngram.data(), ngram.size(), 0), index});
  });
  if (entries_.size() == before) ++too_short_;
  items_.push_back(std::move(item));
}

void EvalIndex::Finish() {
  // By hash, then item: the first eval item that has an n-gram is the one reported.
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.item < b.item;
  });
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const Entry& a, const Entry& b) { return a.hash == b.hash; }),
                 entries_.end());
}

int64_t EvalIndex::Find(uint64_t ngram_hash) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), ngram_hash,
                             [](const Entry& entry, uint64_t hash) { return entry.hash < hash; });
  if (it == entries_.end() || it->hash != ngram_hash) return -1;
  return static_cast<int64_t>(it->item);
}

DecontaminateStep::DecontaminateStep(DedupKey key, const EvalIndex& index,
                                     DecontaminateOptions options)
    : key_(std::move(key)), index_(index), options_(options) {}

DecontaminateStep::DecontaminateStep(DedupKey key, std::unique_ptr<EvalIndex> index,
                                     DecontaminateOptions options)
    : key_(std::move(key)),
      owned_index_(std::move(index)),
      index_(*owned_index_),
      options_(options) {}

namespace {

// Adds each eval record's text to the index, in stream order (a sequential step).
class EvalCollectStep final : public Step {
 public:
  EvalCollectStep(const DedupKey& key, RecordIdentity identity, EvalIndex& index)
      : key_(key), identity_(std::move(identity)), index_(index) {}
  std::string_view name() const override { return "eval_index"; }
  Status Process(Batch& batch, StepContext& ctx) override {
    (void)ctx;
    std::string scratch;
    for (const Record& record : batch.records) {
      EvalItem item;
      identity_.Append(record, &item.id);
      item.source = record.origin().source ? *record.origin().source : "-";
      index_.Add(key_.RawText(record, &scratch), std::move(item));
    }
    return Status::OK();
  }

 private:
  const DedupKey& key_;
  RecordIdentity identity_;
  EvalIndex& index_;
};

}  // namespace

Status BuildEvalIndex(FileSystem& fs, const std::vector<std::string>& eval_files,
                      const DedupKey& key, const std::optional<FieldPath>& id_field,
                      EvalIndex* index) {
  WINNOW_ASSIGN_OR_RETURN(auto files, ExpandInputs(fs, eval_files));
  WINNOW_ASSIGN_OR_RETURN(auto reader,
                          DatasetReader::Open(fs, std::move(files), ShardSpec{}, ReaderOptions{}));
  EvalCollectStep step(key, RecordIdentity(id_field), *index);
  auto result = RunLinear(*reader, {&step}, nullptr, nullptr, RunOptions{});
  if (!result) return result.error();
  index->Finish();
  return Status::OK();
}

Status DecontaminateStep::Open(size_t worker_count) {
  per_worker_.assign(worker_count, ContaminationCounts{});
  for (auto& counts : per_worker_) counts.records_per_item.assign(index_.items().size(), 0);
  return Status::OK();
}

DecontaminateStep::Hit DecontaminateStep::Check(std::string_view raw_text) const {
  thread_local std::string normalized, scratch;
  NormalizeText(raw_text, index_.normalization(), &normalized);
  Hit hit;
  ForEachWordNgram(normalized, index_.ngram(), &scratch, [&](std::string_view ngram) {
    const int64_t item = index_.Find(XXH64(ngram.data(), ngram.size(), 0));
    if (item < 0) return;
    if (hit.matches++ == 0) hit.first_ngram = std::string(ngram);
    const auto found = static_cast<uint32_t>(item);
    if (std::find(hit.items.begin(), hit.items.end(), found) == hit.items.end()) {
      hit.items.push_back(found);
    }
  });
  return hit;
}

std::string DecontaminateStep::Details(const Hit& hit) const {
  JsonBuilder json;
  json.BeginObject().Key("matches").Int(static_cast<int64_t>(hit.matches)).Key("eval_items");
  json.BeginArray();
  for (size_t i = 0; i < hit.items.size() && i < kItemsReported; ++i) {
    const EvalItem& item = index_.items()[hit.items[i]];
    json.BeginObject().Field("id", item.id).Field("source", item.source).EndObject();
  }
  json.EndArray()
      .Key("eval_items_hit")
      .Int(static_cast<int64_t>(hit.items.size()))
      .Field("ngram", hit.first_ngram)
      .EndObject();
  return json.Take();
}

Status DecontaminateStep::Process(Batch& batch, StepContext& ctx) {
  ContaminationCounts& counts = per_worker_[ctx.worker_index];
  std::string key_scratch;
  uint64_t dropped = 0, marked = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Record& record = batch.records[i];
    const Hit hit = Check(key_.RawText(record, &key_scratch));
    ++counts.checked;
    const bool contaminated = hit.matches >= options_.min_matches && hit.matches > 0;
    if (contaminated) {
      ++counts.contaminated;
      for (uint32_t item : hit.items) ++counts.records_per_item[item];
    }
    if (options_.annotate) {
      WINNOW_RETURN_IF_ERROR(
          record.Set("contamination", contaminated ? Details(hit) : "null", *ctx.parser));
      marked += contaminated ? 1 : 0;
      continue;
    }
    if (!contaminated) continue;
    const EvalItem& first = index_.items()[hit.items.front()];
    std::string reason = "shares " + std::to_string(index_.ngram()) + "-gram \"" + hit.first_ngram +
                         "\" with eval item " + first.id + " (" + first.source + ")";
    if (hit.matches > 1 || hit.items.size() > 1) {
      reason += "; " + std::to_string(hit.matches) + " shared n-grams, " +
                std::to_string(hit.items.size()) + " eval items";
    }
    batch.Reject(i, std::string(name()), std::move(reason), Details(hit));
    ++dropped;
  }
  if (dropped > 0) batch.Compact();
  ctx.counters->Add(options_.annotate ? "marked" : "dropped", options_.annotate ? marked : dropped);
  return Status::OK();
}

ContaminationCounts DecontaminateStep::Counts() const {
  ContaminationCounts total;
  total.records_per_item.assign(index_.items().size(), 0);
  for (const auto& counts : per_worker_) {
    total.contaminated += counts.contaminated;
    total.checked += counts.checked;
    for (size_t i = 0; i < counts.records_per_item.size(); ++i) {
      total.records_per_item[i] += counts.records_per_item[i];
    }
  }
  return total;
}

}  // namespace winnow
