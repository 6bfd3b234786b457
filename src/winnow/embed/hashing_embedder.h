#pragma once

// A model-free embedder: hashed word and character n-grams projected to a small dense vector.
// It measures lexical overlap (shared words, shared spelling), so it finds near-duplicates and
// light rewrites, not paraphrases that share no vocabulary. See docs/semantic-dedup.md.

#include <cstdint>
#include <memory>
#include <string>

#include "winnow/embed/embedder.h"

namespace winnow {

struct HashingEmbedderOptions {
  // Floats per output vector; 1..32768. Default 256.
  size_t dimension = 256;
  // Character n-gram lengths, in code points of the lowercased text with whitespace runs
  // collapsed to one space; 1 <= min <= max, or both 0 to turn character n-grams off.
  // Default 3..5.
  size_t char_ngram_min = 3;
  size_t char_ngram_max = 5;
  // Word features: a word is a run of letters, digits and combining marks. Default both on.
  bool word_unigrams = true;
  bool word_bigrams = true;
  // Weight of the word-feature vector relative to the character-feature vector; each group is
  // L2-normalised before they are mixed. >= 0; default 1.
  float word_weight = 1.0f;
  // Nonzero entries per hashed feature in the sparse random projection; 1..dimension. Default 2
  // (4 and 8 measured no better on near-duplicate vs unrelated pairs, and cost more time).
  size_t projection_nonzeros = 2;
  // Seeds the feature hashes and the projection; changing it changes every vector. Default 0.
  uint64_t seed = 0;
};

// Output: L2-normalised; deterministic across runs, machines and thread counts. A text with no
// features (empty or only whitespace) maps to one fixed unit vector, so empty texts are exact
// duplicates of one another and nearly orthogonal to everything else.
// Thread-safety: Embed is safe to call concurrently (no shared mutable state).
class HashingEmbedder final : public Embedder {
 public:
  // Returns InvalidArgument naming the field when an option is out of range.
  static Result<std::unique_ptr<HashingEmbedder>> Create(const HashingEmbedderOptions& options);

  std::string_view name() const override { return name_; }
  size_t dimension() const override { return options_.dimension; }
  Status Embed(std::span<const std::string_view> texts, std::vector<float>* out) override;

 private:
  explicit HashingEmbedder(const HashingEmbedderOptions& options);

  HashingEmbedderOptions options_;
  std::string name_;
};

}  // namespace winnow
