#include "winnow/dedup/fingerprint_collector.h"

#include <limits>

namespace winnow {

Status IndexingSink::Add(uint32_t doc, double keep_rank, std::string_view id,
                         const uint64_t* keys) {
  docs_.Add(keep_rank, id, keys != nullptr);
  if (!keys) {
    ++without_fingerprint_;
    return Status::OK();
  }
  return index_.Add(doc, keys);
}

Status FingerprintCollector::Add(FingerprintChunk chunk) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!error_.ok()) return error_;
  const uint64_t sequence = chunk.sequence;
  waiting_.emplace(sequence, std::move(chunk));
  for (auto it = waiting_.find(next_sequence_); it != waiting_.end();
       it = waiting_.find(next_sequence_)) {
    error_ = Seal(it->second);
    waiting_.erase(it);
    ++next_sequence_;
    if (!error_.ok()) return error_;
  }
  return Status::OK();
}

Status FingerprintCollector::Seal(const FingerprintChunk& chunk) {
  size_t key_offset = 0;
  uint32_t id_begin = 0;
  for (size_t i = 0; i < chunk.has_fingerprint.size(); ++i) {
    if (next_doc_ >= std::numeric_limits<uint32_t>::max()) {
      return Status::Unsupported("dedup handles at most 4294967294 records per run; use --shard");
    }
    const std::string_view id =
        std::string_view(chunk.ids).substr(id_begin, chunk.id_ends[i] - id_begin);
    id_begin = chunk.id_ends[i];
    const uint64_t* keys = nullptr;
    if (chunk.has_fingerprint[i]) {
      keys = chunk.keys.data() + key_offset;
      key_offset += keys_per_record_;
    }
    WINNOW_RETURN_IF_ERROR(
        sink_.Add(static_cast<uint32_t>(next_doc_++), chunk.keep_ranks[i], id, keys));
  }
  return Status::OK();
}

Status FingerprintCollector::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!error_.ok()) return error_;
  if (!waiting_.empty()) {
    return Status::Internal("dedup: batch " + std::to_string(next_sequence_) +
                            " never reached the fingerprint step");
  }
  return Status::OK();
}

}  // namespace winnow
