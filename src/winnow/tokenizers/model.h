#pragma once

// Model: turns one pre-tokenized word into token ids (BPE, WordPiece, Unigram), as the Hugging Face
// library's models do.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/tokenizers/json_reader.h"

namespace winnow::tokenizers {

// Immutable and thread-safe.
class Model {
 public:
  virtual ~Model() = default;
  // Appends the ids of `word` (valid UTF-8, not empty). Characters the vocabulary cannot
  // represent become the unknown token; a model without one drops them (the library raises an
  // error instead, which a token counter has no use for).
  virtual void Tokenize(std::string_view word, std::vector<int32_t>* ids) const = 0;
  // "BPE", "WordPiece" or "Unigram".
  virtual std::string_view type_name() const = 0;
};

// Hashing that lets a std::string-keyed map be searched with a string_view.
struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Token text -> id.
using Vocab = std::unordered_map<std::string, int32_t, TransparentStringHash, std::equal_to<>>;

// A vocabulary object {"token": id, ...} (BPE, WordPiece). Ids must be integers in [0, 2^31).
Result<Vocab> ParseVocabObject(simdjson::dom::element element, const std::string& path);

// The `<0xNN>` tokens byte_fallback uses, by byte; -1 where the vocabulary lacks one.
std::vector<int32_t> FindByteFallbackIds(const Vocab& vocab);

}  // namespace winnow::tokenizers
