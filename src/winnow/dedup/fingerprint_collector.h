#pragma once

// FingerprintCollector: gathers what the parallel fingerprint step computes per batch, in stream
// order. Workers finish batches out of order; the collector holds a finished batch until every
// earlier one has arrived (at most the runner's batches in flight), then numbers its records
// 0, 1, 2, ... and hands them to the band index and the doc table. Thread-safe.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/dedup/band_index.h"
#include "winnow/dedup/doc_table.h"

namespace winnow {

// One batch's fingerprints.
struct FingerprintChunk {
  uint64_t sequence = 0;
  std::vector<uint64_t> keys;              // keys_per_record per record with a fingerprint
  std::vector<uint8_t> has_fingerprint;    // per record
  std::vector<double> keep_ranks;          // per record
  std::string ids;                         // per record, concatenated
  std::vector<uint32_t> id_ends;           // per record
};

class FingerprintCollector {
 public:
  FingerprintCollector(size_t keys_per_record, BandIndexOptions index_options);

  Status Add(FingerprintChunk chunk);
  // Fails when a batch never arrived (a runner bug) or a spill failed.
  Status Finish();

  size_t keys_per_record() const { return keys_per_record_; }
  DocTable& docs() { return docs_; }
  BandIndex& index() { return index_; }
  uint64_t records_without_fingerprint() const { return without_fingerprint_; }

 private:
  Status Seal(const FingerprintChunk& chunk);

  const size_t keys_per_record_;
  std::mutex mutex_;
  std::map<uint64_t, FingerprintChunk> waiting_;
  uint64_t next_sequence_ = 0;
  DocTable docs_;
  BandIndex index_;
  uint64_t without_fingerprint_ = 0;
  Status error_;
};

}  // namespace winnow
