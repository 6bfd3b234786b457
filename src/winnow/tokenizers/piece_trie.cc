#include "winnow/tokenizers/piece_trie.h"

namespace winnow::tokenizers {

void PieceTrie::Insert(std::string_view key, int32_t value) {
  uint32_t node = 0;
  for (unsigned char byte : key) {
    auto [edge, inserted] = edges_.try_emplace(EdgeKey(node, byte), 0);
    if (inserted) {
      edge->second = static_cast<uint32_t>(values_.size());
      values_.push_back(-1);
    }
    node = edge->second;
  }
  if (node != 0) values_[node] = value;
}

size_t PieceTrie::LongestPrefix(std::string_view text, int32_t* value) const {
  size_t longest = 0;
  ForEachPrefix(text, [&](size_t length, int32_t found) {
    longest = length;
    *value = found;
  });
  return longest;
}

}  // namespace winnow::tokenizers
