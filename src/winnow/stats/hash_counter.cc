#include "winnow/stats/hash_counter.h"

#include <algorithm>

namespace winnow {

void HashCounter::Grow() {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Entry{});
  size_ = 0;
  for (const Entry& entry : old) {
    if (entry.hash != 0) Insert(entry.hash, entry.count, entry.first_row);
  }
}

void HashCounter::Insert(uint64_t hash, uint32_t count, uint32_t first_row) {
  if ((size_ + 1) * 4 > slots_.size() * 3) Grow();  // load factor <= 0.75
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Entry& slot = slots_[i];
    if (slot.hash == 0) {
      slot = {hash, count, first_row};
      ++size_;
      return;
    }
    if (slot.hash == hash) {
      slot.count += count;
      slot.first_row = std::min(slot.first_row, first_row);
      return;
    }
  }
}

uint32_t HashCounter::Add(uint64_t hash, uint64_t row) {
  if (hash == 0) hash = 1;
  ++total_;
  if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Entry& slot = slots_[i];
    if (slot.hash == hash) return ++slot.count;
    if (slot.hash == 0) {
      slot = {hash, 1, static_cast<uint32_t>(std::min<uint64_t>(row, UINT32_MAX))};
      ++size_;
      return 1;
    }
  }
}

void HashCounter::Merge(const HashCounter& other) {
  total_ += other.total_;
  for (const Entry& entry : other.slots_) {
    if (entry.hash != 0) Insert(entry.hash, entry.count, entry.first_row);
  }
}

std::vector<HashCounter::Entry> HashCounter::TopRepeated(size_t limit) const {
  std::vector<Entry> repeated;
  for (const Entry& entry : slots_) {
    if (entry.count >= 2) repeated.push_back(entry);
  }
  auto better = [](const Entry& a, const Entry& b) {
    return a.count != b.count ? a.count > b.count : a.first_row < b.first_row;
  };
  if (repeated.size() > limit) {
    std::partial_sort(repeated.begin(), repeated.begin() + limit, repeated.end(), better);
    repeated.resize(limit);
  } else {
    std::sort(repeated.begin(), repeated.end(), better);
  }
  return repeated;
}

}  // namespace winnow
