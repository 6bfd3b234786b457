#pragma once

// PieceTrie: a byte trie over a set of strings, answering "which of them start at this position of
// the text" (Unigram's lattice, added-token matching). Nodes are numbered; edges live in one hash
// map keyed by (node, byte), which keeps memory proportional to the vocabulary and needs no
// per-node child arrays.

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::tokenizers {

// Immutable after construction, so lookups are thread-safe.
class PieceTrie {
 public:
  PieceTrie() : values_(1, -1) {}

  // Adds `key` (non-empty) with `value` (>= 0); a key added twice keeps the later value.
  void Insert(std::string_view key, int32_t value);

  // Calls visit(length, value) for every key that is a prefix of `text`, shortest first.
  template <typename Visit>
  void ForEachPrefix(std::string_view text, Visit&& visit) const {
    uint32_t node = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      auto edge = edges_.find(EdgeKey(node, static_cast<unsigned char>(text[i])));
      if (edge == edges_.end()) return;
      node = edge->second;
      if (values_[node] >= 0) visit(i + 1, values_[node]);
    }
  }

  // Length of the longest key that is a prefix of `text` (0 when none) and its value.
  size_t LongestPrefix(std::string_view text, int32_t* value) const;

  bool empty() const { return values_.size() == 1; }

 private:
  static uint64_t EdgeKey(uint32_t node, unsigned char byte) {
    return (static_cast<uint64_t>(node) << 8) | byte;
  }

  std::vector<int32_t> values_;  // per node; -1 where no key ends
  std::unordered_map<uint64_t, uint32_t> edges_;
};

}  // namespace winnow::tokenizers
