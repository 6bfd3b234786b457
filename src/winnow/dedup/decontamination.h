#pragma once

// Decontamination: find training records that share a word n-gram (13 by default, the usual
// choice since GPT-3) with an evaluation set, and say which evaluation item each hit matches.
// The n-grams are the MinHash shingles (same normalisation, same words, XXH64), held in an exact
// index: a sorted array of (n-gram hash, eval item), about 12 bytes per eval n-gram.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/dedup/dedup_key.h"
#include "winnow/io/file_system.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/field_path.h"
#include "winnow/text/normalize.h"

namespace winnow {

struct EvalItem {
  std::string id;      // the eval record's id field, or file:line
  std::string source;  // the eval file
};

class EvalIndex {
 public:
  EvalIndex(size_t ngram, TextNormalization normalization)
      : ngram_(ngram), normalization_(normalization) {}

  // Adds one eval item's text. Items with fewer words than the n-gram size cannot match; they
  // are counted in too_short().
  void Add(std::string_view text, EvalItem item);
  // Sorts the index; call once after the last Add.
  void Finish();

  // The eval item that has the n-gram with this hash, or -1.
  int64_t Find(uint64_t ngram_hash) const;

  size_t ngram() const { return ngram_; }
  TextNormalization normalization() const { return normalization_; }
  const std::vector<EvalItem>& items() const { return items_; }
  uint64_t ngram_count() const { return entries_.size(); }
  uint64_t too_short() const { return too_short_; }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t item;
  };
  size_t ngram_;
  TextNormalization normalization_;
  std::vector<Entry> entries_;
  std::vector<EvalItem> items_;
  uint64_t too_short_ = 0;
};

// Reads eval files (any input format: paths, folders, globs) into `index`, in file order; an
// item's id is the `id_field` value, or file:line. Finishes the index.
Status BuildEvalIndex(FileSystem& fs, const std::vector<std::string>& eval_files,
                      const DedupKey& key, const std::optional<FieldPath>& id_field,
                      EvalIndex* index);

struct DecontaminateOptions {
  size_t min_matches = 1;  // shared n-grams a record needs to count as contaminated
  bool annotate = false;   // keep records and add a "contamination" column instead of dropping
};

// Per eval item: how many training records hit it (for the report).
struct ContaminationCounts {
  std::vector<uint64_t> records_per_item;
  uint64_t contaminated = 0;
  uint64_t checked = 0;
};

class DecontaminateStep final : public Step {
 public:
  // `index` must outlive the step.
  DecontaminateStep(DedupKey key, const EvalIndex& index, DecontaminateOptions options);
  // A step that owns its index (pipeline steps).
  DecontaminateStep(DedupKey key, std::unique_ptr<EvalIndex> index, DecontaminateOptions options);

  std::string_view name() const override { return "decontaminate"; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

  // Totals over all workers; call after the run.
  ContaminationCounts Counts() const;

 private:
  struct Hit {
    uint64_t matches = 0;
    std::vector<uint32_t> items;  // distinct, in order of first match (at most a few)
    std::string first_ngram;
  };
  Hit Check(std::string_view raw_text) const;
  std::string Details(const Hit& hit) const;

  DedupKey key_;
  std::unique_ptr<EvalIndex> owned_index_;
  const EvalIndex& index_;
  DecontaminateOptions options_;
  std::vector<ContaminationCounts> per_worker_;
};

}  // namespace winnow
