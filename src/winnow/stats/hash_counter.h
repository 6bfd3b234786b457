#pragma once

// HashCounter: counts occurrences of 64-bit hashes and remembers the first row of each, in a flat
// open-addressing table (16 bytes per distinct value). The basis of exact-duplicate counts in
// `inspect`; mergeable across workers.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace winnow {

class HashCounter {
 public:
  struct Entry {
    uint64_t hash = 0;  // 0 marks an empty slot (hash 0 is stored as 1)
    uint32_t count = 0;
    uint32_t first_row = 0;  // saturates at UINT32_MAX
  };

  // Adds one occurrence; returns the count after adding.
  uint32_t Add(uint64_t hash, uint64_t row);
  // Adds another counter's entries (counts summed, earliest first row kept).
  void Merge(const HashCounter& other);

  uint64_t distinct() const { return size_; }
  uint64_t total() const { return total_; }
  // Entries with count >= 2, most repeated first (ties: earliest row first), at most `limit`.
  std::vector<Entry> TopRepeated(size_t limit) const;

 private:
  void Insert(uint64_t hash, uint32_t count, uint32_t first_row);
  void Grow();
  std::vector<Entry> slots_;
  uint64_t size_ = 0;
  uint64_t total_ = 0;
};

}  // namespace winnow
