#pragma once

// The files of a dedup run split over shards (datatrove's stages, one machine or many):
//   1. each shard fingerprints its records into  DIR/signatures-<i>-of-<N>.bin
//   2. the merge reads every shard's signatures, clusters, and writes  DIR/decisions-<i>-of-<N>.bin
//   3. each shard applies its decisions to its records.
// Files are written atomically and end with a trailer holding their record count, so a shard
// that died half-way is detected instead of silently losing records. Integers are little-endian.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/dedup/dedup_decisions.h"
#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/io/atomic_output.h"
#include "winnow/io/file_system.h"

namespace winnow {

struct ShardFileHeader {
  std::string settings;  // everything that changes fingerprints; shards must agree
  uint32_t keys_per_record = 0;
  uint32_t shard = 0;
  uint32_t shard_count = 1;
};

std::string SignatureFileName(const std::string& dir, uint32_t shard, uint32_t shard_count);
std::string DecisionsFileName(const std::string& dir, uint32_t shard, uint32_t shard_count);

// Stage 1's sink: writes one shard's fingerprints.
class SignatureFileWriter final : public FingerprintSink {
 public:
  static Result<std::unique_ptr<SignatureFileWriter>> Create(FileSystem& fs, std::string path,
                                                             ShardFileHeader header);
  Status Add(uint32_t doc, double keep_rank, std::string_view id, const uint64_t* keys) override;
  Status Commit();

 private:
  SignatureFileWriter(std::unique_ptr<AtomicOutput> output, ShardFileHeader header)
      : output_(std::move(output)), header_(std::move(header)) {}
  Status Flush();

  std::unique_ptr<AtomicOutput> output_;
  ShardFileHeader header_;
  std::string buffer_;
  uint64_t records_ = 0;
};

// The header of the first signature file in `dir`.
Result<ShardFileHeader> ReadSignatureHeader(FileSystem& fs, const std::string& dir);

// Stage 2: reads every shard's signatures (0..N-1 must all be there, with equal settings) into
// `sink`, numbering records across shards in shard order. `first_record` gets each shard's first
// global record number.
Status ReadSignatureFiles(FileSystem& fs, const std::string& dir, ShardFileHeader* header,
                          FingerprintSink& sink, std::vector<uint64_t>* first_record);

// Stage 2's output for one shard: the decisions of its clustered records.
Status WriteDecisionsFile(FileSystem& fs, const std::string& path, const ShardFileHeader& header,
                          const DedupDecisions& decisions, uint64_t first_record,
                          uint64_t record_count);

// Stage 3: one shard's decisions.
class ShardDecisions final : public DedupDecisions {
 public:
  static Result<std::unique_ptr<ShardDecisions>> Read(FileSystem& fs, const std::string& path);
  uint64_t record_count() const override { return record_count_; }
  DuplicateDecision Get(uint32_t doc) const override;
  std::string_view Id(uint32_t doc) const override;

 private:
  struct Entry {
    uint32_t doc;
    bool removed;
    uint64_t cluster_id;
    uint64_t cluster_size;
    std::string id;
    std::string kept_id;
  };
  const Entry* Find(uint32_t doc) const;

  uint64_t record_count_ = 0;
  std::vector<Entry> entries_;  // by doc
};

}  // namespace winnow
