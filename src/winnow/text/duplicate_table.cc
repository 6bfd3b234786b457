#include "winnow/text/duplicate_table.h"

#include <xxhash.h>

#include <algorithm>

#include "winnow/common/utf8.h"

namespace winnow {

void DuplicateTable::Reset(size_t items) {
  size_t want = 16;
  while (want < items * 2) want <<= 1;
  // Grow, never shrink: a smaller table uses the first `want` slots of the larger one.
  if (slots_.size() < want || ++epoch_ == 0) {
    slots_.assign(std::max(want, slots_.size()), Entry{});
    epoch_ = 1;
  }
  mask_ = want - 1;
}

Duplicates FindDuplicates(const std::vector<std::string_view>& elements, DuplicateTable* table) {
  Duplicates out;
  table->Reset(elements.size());
  for (size_t i = 0; i < elements.size(); ++i) {
    std::string_view element = elements[i];
    uint64_t hash = XXH3_64bits(element.data(), element.size());
    auto* entry = table->FindOrInsert(hash, static_cast<uint32_t>(i), [&](uint32_t a, uint32_t b) {
      return elements[a] == elements[b];
    });
    if (entry->count++ > 0) {
      ++out.elements;
      out.chars += CountCodePoints(element);
    }
  }
  return out;
}

}  // namespace winnow
