#pragma once

// Added tokens (tokenizer.json's "added_tokens": special tokens such as <|im_start|> and tokens
// added after training) are found in the text before the model sees it, as the library's
// AddedVocabulary does: leftmost match first, the longest token on ties (Aho-Corasick
// LeftmostLongest). `single_word` tokens only match between non-word characters; `lstrip`/`rstrip`
// tokens swallow the whitespace beside them. Tokens with `normalized: false` are matched in the
// raw text, the others in the normalised text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/tokenizers/piece_trie.h"

namespace winnow::tokenizers {

struct AddedToken {
  std::string content;
  int32_t id = 0;
  bool single_word = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = true;
  bool special = false;
};

// A stretch of text: an added token (id >= 0) or plain text (id < 0).
struct TextSegment {
  size_t begin = 0;
  size_t end = 0;
  int32_t id = -1;
};

// Matches one set of added tokens. Immutable and thread-safe after construction.
class AddedTokenMatcher {
 public:
  // `patterns[i]` is what to look for to find `tokens[i]` (its content, or its normalised content).
  void Add(const AddedToken& token, std::string_view pattern);
  bool empty() const { return tokens_.empty(); }

  // Cuts `text` into segments that cover it in order; empty plain segments are left out.
  void Split(std::string_view text, std::vector<TextSegment>* segments) const;

 private:
  std::vector<AddedToken> tokens_;
  PieceTrie trie_;                   // pattern -> index into tokens_
  bool first_bytes_[256] = {false};  // bytes some pattern starts with: a cheap pre-filter
};

}  // namespace winnow::tokenizers
