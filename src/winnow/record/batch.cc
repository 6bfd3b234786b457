#include "winnow/record/batch.h"

namespace winnow {

char* Batch::AddBuffer(size_t size) {
  buffers_.push_back(std::make_unique<simdjson::padded_string>(size));
  return buffers_.back()->data();
}

void Batch::Reject(size_t index, std::string step, std::string reason, std::string details) {
  if (dropped_.size() < records.size()) dropped_.resize(records.size(), false);
  if (dropped_[index]) return;
  dropped_[index] = true;
  rejects.push_back(
      {std::move(records[index]), std::move(step), std::move(reason), std::move(details)});
}

void Batch::Compact() {
  if (dropped_.empty()) return;
  size_t out = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (i < dropped_.size() && dropped_[i]) continue;
    if (out != i) records[out] = std::move(records[i]);
    ++out;
  }
  records.resize(out);
  dropped_.clear();
}

}  // namespace winnow
