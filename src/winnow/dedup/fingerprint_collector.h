#pragma once

// FingerprintCollector: gathers what the parallel fingerprint step computes per batch, in stream
// order. Workers finish batches out of order; the collector holds a finished batch until every
// earlier one has arrived (at most the runner's batches in flight), then numbers its records
// 0, 1, 2, ... and hands them to a FingerprintSink: the in-memory index of a one-machine run, or a
// signature file of one shard (signature_file.h). Thread-safe.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/dedup/band_index.h"
#include "winnow/dedup/doc_table.h"

namespace winnow {

// One batch's fingerprints.
struct FingerprintChunk {
  uint64_t sequence = 0;
  std::vector<uint64_t> keys;            // keys_per_record per record with a fingerprint
  std::vector<uint8_t> has_fingerprint;  // per record
  std::vector<double> keep_ranks;        // per record
  std::string ids;                       // per record, concatenated
  std::vector<uint32_t> id_ends;         // per record
};

// Where numbered records go. `keys` is null when the record has no fingerprint.
class FingerprintSink {
 public:
  virtual ~FingerprintSink() = default;
  virtual Status Add(uint32_t doc, double keep_rank, std::string_view id, const uint64_t* keys) = 0;
};

// The one-machine sink: the doc table and the band index.
class IndexingSink final : public FingerprintSink {
 public:
  explicit IndexingSink(BandIndexOptions options) : index_(std::move(options)) {}
  Status Add(uint32_t doc, double keep_rank, std::string_view id, const uint64_t* keys) override;

  DocTable& docs() { return docs_; }
  BandIndex& index() { return index_; }
  uint64_t records_without_fingerprint() const { return without_fingerprint_; }

 private:
  DocTable docs_;
  BandIndex index_;
  uint64_t without_fingerprint_ = 0;
};

class FingerprintCollector {
 public:
  // `sink` must outlive the collector.
  FingerprintCollector(size_t keys_per_record, FingerprintSink& sink)
      : keys_per_record_(keys_per_record), sink_(sink) {}

  Status Add(FingerprintChunk chunk);
  // Fails when a batch never arrived (a runner bug) or the sink failed.
  Status Finish();

  size_t keys_per_record() const { return keys_per_record_; }
  uint64_t record_count() const { return next_doc_; }

 private:
  Status Seal(const FingerprintChunk& chunk);

  const size_t keys_per_record_;
  FingerprintSink& sink_;
  std::mutex mutex_;
  std::map<uint64_t, FingerprintChunk> waiting_;
  uint64_t next_sequence_ = 0;
  uint64_t next_doc_ = 0;
  Status error_;
};

}  // namespace winnow
