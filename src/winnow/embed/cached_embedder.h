#pragma once

// Puts an EmbeddingCache in front of any embedder: texts found in the cache are not embedded
// (or sent over the network) again.

#include <atomic>
#include <memory>

#include "winnow/embed/embedder.h"
#include "winnow/embed/embedding_cache.h"

namespace winnow {

// Cache entries are keyed by inner->name(), so embedders with different settings must have
// different names. An entry whose length differs from the embedder's dimension counts as a miss
// and is replaced.
// Thread-safety: as the wrapped embedder (the cache is internally synchronised).
class CachedEmbedder final : public Embedder {
 public:
  CachedEmbedder(std::unique_ptr<Embedder> inner, std::unique_ptr<EmbeddingCache> cache);

  std::string_view name() const override { return inner_->name(); }
  size_t dimension() const override;
  Status Embed(std::span<const std::string_view> texts, std::vector<float>* out) override;

 private:
  // Embeds texts[i] for every i in `indices`, stores them in the cache and in (*vectors)[i].
  Status EmbedMisses(std::span<const std::string_view> texts, std::span<const size_t> indices,
                     std::vector<std::vector<float>>* vectors);

  std::unique_ptr<Embedder> inner_;
  std::unique_ptr<EmbeddingCache> cache_;
  std::atomic<size_t> cached_dimension_{0};  // learned from cache hits while inner has none
};

}  // namespace winnow
