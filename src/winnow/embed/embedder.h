#pragma once

// The contract every text embedder meets (built-in hashing, OpenAI-compatible endpoints, caches).

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

// Thread-safety: Embed may be called from several threads at once on one instance.
class Embedder {
 public:
  virtual ~Embedder() = default;

  // Identifies the model and its settings in reports and cache keys, e.g. "hashing-256",
  // "openai:text-embedding-3-small". Two embedders with the same name must return the same
  // vectors for the same text.
  virtual std::string_view name() const = 0;

  // Floats per vector. May be 0 until the first successful Embed() when the model decides.
  virtual size_t dimension() const = 0;

  // Appends texts.size() * dimension() floats to *out: one L2-normalised vector per text, in
  // input order. On error *out is left as it was. The views need only live for the call.
  virtual Status Embed(std::span<const std::string_view> texts, std::vector<float>* out) = 0;
};

// Scales `vector` to unit L2 norm; an all-zero vector stays zero.
void L2Normalize(std::span<float> vector);

// Cosine similarity of two vectors of equal length (0 when either is all zeros).
float CosineSimilarity(std::span<const float> a, std::span<const float> b);

}  // namespace winnow
