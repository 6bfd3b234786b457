#pragma once

// DuplicateTable: an open-addressing hash table of item indexes, reset per document and reused,
// for the repetition measures (duplicate lines and paragraphs, n-gram counts). The caller keeps the
// items; the table stores (hash, first index, count) and asks the caller whether two items are
// equal only when their 64-bit hashes match, so results are exact.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow {

class DuplicateTable {
 public:
  struct Entry {
    uint64_t hash = 0;
    uint32_t first = 0;  // index of the first item with this value
    uint32_t count = 0;
    uint32_t epoch = 0;  // the slot is in use when this equals the table's epoch
  };

  // Empties the table and sizes it for up to `items` distinct values.
  void Reset(size_t items);

  // Finds the entry equal to item `index` (same hash and equal(first, index)), or inserts one with
  // count 0. The caller increments count. Pointers stay valid until the next Reset.
  template <typename Equal>
  Entry* FindOrInsert(uint64_t hash, uint32_t index, Equal&& equal) {
    size_t slot = hash & mask_;
    while (true) {
      Entry& entry = slots_[slot];
      if (entry.epoch != epoch_) {
        entry = Entry{hash, index, 0, epoch_};
        return &entry;
      }
      if (entry.hash == hash && equal(entry.first, index)) return &entry;
      slot = (slot + 1) & mask_;
    }
  }

  // Visits every used entry (in slot order, not insertion order).
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Entry& entry : slots_) {
      if (entry.epoch == epoch_) fn(entry);
    }
  }

 private:
  std::vector<Entry> slots_;
  size_t mask_ = 0;
  // Reset() starts a new epoch instead of clearing every slot: documents are small and many.
  uint32_t epoch_ = 0;
};

// datatrove's find_duplicates over views: walking the list, an element already seen adds 1 to
// the count and its length in code points to the characters.
struct Duplicates {
  size_t elements = 0;
  size_t chars = 0;
};
Duplicates FindDuplicates(const std::vector<std::string_view>& elements, DuplicateTable* table);

}  // namespace winnow
