#pragma once

// The first pass of semantic dedup: embed every record's key text (on all workers; an HTTP
// embedder keeps several requests in flight per call) and gather the vectors in stream order,
// as FingerprintCollector gathers fingerprints. Records with an empty key get no vector and are
// never compared.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "winnow/dedup/dedup_key.h"
#include "winnow/dedup/doc_table.h"
#include "winnow/dedup/fingerprint_step.h"
#include "winnow/embed/embedder.h"
#include "winnow/pipeline/step.h"

namespace winnow {

class EmbeddingCollector {
 public:
  struct Chunk {
    uint64_t sequence = 0;
    std::vector<float> vectors;       // one per record with text
    std::vector<uint8_t> has_vector;  // per record
    std::string ids;
    std::vector<uint32_t> id_ends;
  };

  Status Add(Chunk chunk);
  Status Finish();

  size_t dimension() const { return dimension_; }
  // Row-major vectors of the records that have one; rows() of them.
  const std::vector<float>& vectors() const { return vectors_; }
  size_t rows() const { return row_of_record_.size() - without_vector_; }
  // Per record: its row in vectors(), or -1.
  const std::vector<int64_t>& row_of_record() const { return row_of_record_; }
  const DocTable& docs() const { return docs_; }
  uint64_t without_vector() const { return without_vector_; }

 private:
  void Seal(const Chunk& chunk);

  std::mutex mutex_;
  std::map<uint64_t, Chunk> waiting_;
  uint64_t next_sequence_ = 0;
  size_t dimension_ = 0;
  std::vector<float> vectors_;
  std::vector<int64_t> row_of_record_;
  DocTable docs_;
  uint64_t without_vector_ = 0;
};

class EmbedStep final : public Step {
 public:
  // `embedder` and `collector` must outlive the step.
  EmbedStep(DedupKey key, RecordIdentity identity, Embedder& embedder,
            EmbeddingCollector& collector)
      : key_(std::move(key)),
        identity_(std::move(identity)),
        embedder_(embedder),
        collector_(collector) {}

  std::string_view name() const override { return "dedup_semantic"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  DedupKey key_;
  RecordIdentity identity_;
  Embedder& embedder_;
  EmbeddingCollector& collector_;
};

}  // namespace winnow
