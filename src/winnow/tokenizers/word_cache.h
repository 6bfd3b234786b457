#pragma once

// WordCache: remembers the token ids of recently seen words, as the library's BPE/Unigram caches
// do; running BPE merges on every occurrence of "the" would cost most of the encoding time.
//
// Thread safety without locks: each thread has its own tables (thread_local), one per cache it
// used lately, so Find and Insert never contend. Memory stays bounded: a table is kSets sets of
// two 64-byte slots (1 MiB), each holding a word of at most kMaxWordBytes bytes with at most
// kMaxIds ids, and a thread keeps tables for its kTablesPerThread most recently used caches,
// reusing the oldest table for a new cache. Each WordCache takes a distinct id from a
// process-wide atomic counter, so a table never serves a cache it was not filled for, even when
// a destroyed tokenizer's address is reused; that counter is the only state shared between
// threads.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow::tokenizers {

class WordCache {
 public:
  static constexpr size_t kMaxWordBytes = 32;  // longer words are not cached
  static constexpr size_t kMaxIds = 7;         // nor words of more tokens
  static constexpr size_t kSets = 8192;        // of two slots each
  static constexpr size_t kTablesPerThread = 4;

  WordCache();
  WordCache(const WordCache&) = delete;
  WordCache& operator=(const WordCache&) = delete;

  // Appends the ids stored for `word` in the calling thread's table and returns true, or returns
  // false when the word is not there.
  bool Find(std::string_view word, std::vector<int32_t>* ids) const;
  // Stores ids[0, count) for `word` (ignored beyond kMaxWordBytes or kMaxIds), evicting the less
  // recently used word of its set.
  void Insert(std::string_view word, const int32_t* ids, size_t count) const;

 private:
  uint64_t id_;
};

}  // namespace winnow::tokenizers
