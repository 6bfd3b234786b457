#include "winnow/dedup/fingerprint_collector.h"

#include <limits>

namespace winnow {

FingerprintCollector::FingerprintCollector(size_t keys_per_record, BandIndexOptions index_options)
    : keys_per_record_(keys_per_record), index_([&] {
        index_options.bands = keys_per_record;
        return index_options;
      }()) {}

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
    if (docs_.size() >= std::numeric_limits<uint32_t>::max()) {
      return Status::Unsupported("dedup handles at most 4294967294 records per run; use --shard");
    }
    const auto doc = static_cast<uint32_t>(docs_.size());
    const bool has = chunk.has_fingerprint[i] != 0;
    const std::string_view id =
        std::string_view(chunk.ids).substr(id_begin, chunk.id_ends[i] - id_begin);
    id_begin = chunk.id_ends[i];
    docs_.Add(chunk.keep_ranks[i], id, has);
    if (!has) {
      ++without_fingerprint_;
      continue;
    }
    WINNOW_RETURN_IF_ERROR(index_.Add(doc, chunk.keys.data() + key_offset));
    key_offset += keys_per_record_;
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
