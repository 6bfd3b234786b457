#include "winnow/tokenizers/word_cache.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <functional>
#include <memory>
#include <utility>

namespace winnow::tokenizers {
namespace {

// One cache line: no allocation per entry, and a lookup touches one line per way.
struct alignas(64) Slot {
  char word[WordCache::kMaxWordBytes];
  uint8_t word_length;  // 0: unused (words are never empty)
  uint8_t id_count;
  int32_t ids[WordCache::kMaxIds];

  bool Holds(std::string_view text) const {
    return word_length == text.size() && std::memcmp(word, text.data(), text.size()) == 0;
  }
};
static_assert(sizeof(Slot) == 64);

struct Set {
  Slot ways[2];  // ways[0] is the more recently used
};

struct Table {
  uint64_t owner = 0;  // WordCache id; 0 for none
  std::unique_ptr<Set[]> sets;
};

struct ThreadTables {
  std::array<Table, WordCache::kTablesPerThread> tables;
  size_t next_victim = 0;
};

static_assert((WordCache::kSets & (WordCache::kSets - 1)) == 0, "kSets is a power of two");

thread_local ThreadTables thread_tables;
std::atomic<uint64_t> next_cache_id{1};

// The calling thread's table for cache `owner`, or nullptr when it has none (and `create` is
// false).
Table* TableFor(uint64_t owner, bool create) {
  ThreadTables& local = thread_tables;
  for (Table& table : local.tables) {
    if (table.owner == owner) return &table;
  }
  if (!create) return nullptr;
  Table& victim = local.tables[local.next_victim];
  local.next_victim = (local.next_victim + 1) % local.tables.size();
  victim.owner = owner;
  if (victim.sets == nullptr) victim.sets = std::make_unique<Set[]>(WordCache::kSets);
  for (size_t i = 0; i < WordCache::kSets; ++i) {
    victim.sets[i].ways[0].word_length = 0;
    victim.sets[i].ways[1].word_length = 0;
  }
  return &victim;
}

Set& SetFor(Table& table, std::string_view word) {
  return table.sets[std::hash<std::string_view>{}(word) & (WordCache::kSets - 1)];
}

}  // namespace

WordCache::WordCache() : id_(next_cache_id.fetch_add(1, std::memory_order_relaxed)) {}

bool WordCache::Find(std::string_view word, std::vector<int32_t>* ids) const {
  if (word.empty() || word.size() > kMaxWordBytes) return false;
  Table* table = TableFor(id_, false);
  if (table == nullptr) return false;
  Set& set = SetFor(*table, word);
  if (!set.ways[0].Holds(word)) {
    if (!set.ways[1].Holds(word)) return false;
    std::swap(set.ways[0], set.ways[1]);
  }
  const Slot& slot = set.ways[0];
  ids->insert(ids->end(), slot.ids, slot.ids + slot.id_count);
  return true;
}

void WordCache::Insert(std::string_view word, const int32_t* ids, size_t count) const {
  if (word.empty() || word.size() > kMaxWordBytes || count > kMaxIds) return;
  Set& set = SetFor(*TableFor(id_, true), word);
  set.ways[1] = set.ways[0];
  Slot& slot = set.ways[0];
  std::memcpy(slot.word, word.data(), word.size());
  slot.word_length = static_cast<uint8_t>(word.size());
  slot.id_count = static_cast<uint8_t>(count);
  std::copy(ids, ids + count, slot.ids);
}

}  // namespace winnow::tokenizers
