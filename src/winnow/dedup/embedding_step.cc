#include "winnow/dedup/embedding_step.h"

namespace winnow {

Status EmbeddingCollector::Add(Chunk chunk) {
  std::lock_guard<std::mutex> lock(mutex_);
  const uint64_t sequence = chunk.sequence;
  waiting_.emplace(sequence, std::move(chunk));
  for (auto it = waiting_.find(next_sequence_); it != waiting_.end();
       it = waiting_.find(next_sequence_)) {
    Seal(it->second);
    waiting_.erase(it);
    ++next_sequence_;
  }
  return Status::OK();
}

void EmbeddingCollector::Seal(const Chunk& chunk) {
  size_t with = 0;
  for (uint8_t has : chunk.has_vector) with += has;
  if (with > 0 && dimension_ == 0) dimension_ = chunk.vectors.size() / with;
  int64_t row = static_cast<int64_t>(vectors_.size() / (dimension_ ? dimension_ : 1));
  vectors_.insert(vectors_.end(), chunk.vectors.begin(), chunk.vectors.end());
  uint32_t id_begin = 0;
  for (size_t i = 0; i < chunk.has_vector.size(); ++i) {
    const bool has = chunk.has_vector[i] != 0;
    row_of_record_.push_back(has ? row++ : -1);
    without_vector_ += has ? 0 : 1;
    docs_.Add(0, std::string_view(chunk.ids).substr(id_begin, chunk.id_ends[i] - id_begin), has);
    id_begin = chunk.id_ends[i];
  }
}

Status EmbeddingCollector::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!waiting_.empty()) {
    return Status::Internal("semantic dedup: batch " + std::to_string(next_sequence_) +
                            " never reached the embedding step");
  }
  return Status::OK();
}

Status EmbedStep::Process(Batch& batch, StepContext& ctx) {
  EmbeddingCollector::Chunk chunk;
  chunk.sequence = batch.sequence;
  std::vector<std::string> texts;
  std::string scratch;
  for (const Record& record : batch.records) {
    const std::string_view text = key_.RawText(record, &scratch);
    const bool has = !text.empty();
    chunk.has_vector.push_back(has);
    if (has) texts.emplace_back(text);
    identity_.Append(record, &chunk.ids);
    chunk.id_ends.push_back(static_cast<uint32_t>(chunk.ids.size()));
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  if (!views.empty()) WINNOW_RETURN_IF_ERROR(embedder_.Embed(views, &chunk.vectors));
  ctx.counters->Add("embedded", views.size());
  return collector_.Add(std::move(chunk));
}

}  // namespace winnow
