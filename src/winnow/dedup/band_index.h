#pragma once

// BandIndex: the (band key, document) pairs of every LSH band, and the documents that share a
// key. Pairs are kept in memory up to a budget; beyond it each band's pairs are sorted and spilled
// to an unlinked temporary file, and matching merges the sorted runs, so memory stays bounded for
// any number of documents (datatrove sorts per-band files the same way).
//
// Not thread-safe: one thread adds, then one thread matches (ForEachMatch sorts the bands on all
// cores itself).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct BandIndexOptions {
  size_t bands = 14;
  uint64_t memory_budget_bytes = uint64_t{2} << 30;  // pairs held in memory before spilling
  std::string temp_dir;                              // "" = $TMPDIR or /tmp
};

class BandIndex {
 public:
  explicit BandIndex(BandIndexOptions options);
  ~BandIndex();
  BandIndex(const BandIndex&) = delete;
  BandIndex& operator=(const BandIndex&) = delete;

  // Adds one document's `bands` keys.
  Status Add(uint32_t document, const uint64_t* keys);

  // For every group of documents sharing a key in some band, calls match(first, previous,
  // current) for each member after the first, in document order: `first` is the group's smallest
  // document, `previous` the member before `current`. Pairs repeat across bands.
  using MatchFn = std::function<void(uint32_t first, uint32_t previous, uint32_t current)>;
  Status ForEachMatch(const MatchFn& match);

  uint64_t spilled_runs() const { return runs_.size(); }
  uint64_t pair_count() const { return pair_count_; }

  struct Entry {
    uint64_t key;
    uint32_t document;
    bool operator<(const Entry& other) const {
      return key != other.key ? key < other.key : document < other.document;
    }
  };

 private:
  struct Run;
  Status Spill();
  Status MatchBand(size_t band, const MatchFn& match);

  BandIndexOptions options_;
  std::vector<std::vector<Entry>> memory_;  // per band
  std::vector<std::unique_ptr<Run>> runs_;
  uint64_t pair_count_ = 0;
  uint64_t held_ = 0;
};

}  // namespace winnow
