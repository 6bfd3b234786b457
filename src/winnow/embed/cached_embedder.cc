#include "winnow/embed/cached_embedder.h"

#include <fmt/format.h>

#include <cstring>

namespace winnow {

CachedEmbedder::CachedEmbedder(std::unique_ptr<Embedder> inner,
                               std::unique_ptr<EmbeddingCache> cache)
    : inner_(std::move(inner)), cache_(std::move(cache)) {}

size_t CachedEmbedder::dimension() const {
  size_t dim = inner_->dimension();
  return dim != 0 ? dim : cached_dimension_.load();
}

Status CachedEmbedder::EmbedMisses(std::span<const std::string_view> texts,
                                   std::span<const size_t> indices,
                                   std::vector<std::vector<float>>* vectors) {
  if (indices.empty()) return Status::OK();
  std::vector<std::string_view> missing;
  missing.reserve(indices.size());
  for (size_t i : indices) missing.push_back(texts[i]);
  std::vector<float> fresh;
  WINNOW_RETURN_IF_ERROR(inner_->Embed(missing, &fresh));
  const size_t dim = fresh.size() / missing.size();
  WINNOW_RETURN_IF_ERROR(cache_->Insert(inner_->name(), missing, fresh, dim));
  for (size_t k = 0; k < indices.size(); ++k) {
    (*vectors)[indices[k]].assign(fresh.begin() + k * dim, fresh.begin() + (k + 1) * dim);
  }
  return Status::OK();
}

Status CachedEmbedder::Embed(std::span<const std::string_view> texts, std::vector<float>* out) {
  if (texts.empty()) return Status::OK();
  std::vector<std::vector<float>> vectors;
  WINNOW_RETURN_IF_ERROR(cache_->Lookup(inner_->name(), texts, &vectors));
  size_t dim = inner_->dimension();
  std::vector<size_t> misses;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (vectors[i].empty() || (dim != 0 && vectors[i].size() != dim)) misses.push_back(i);
  }
  WINNOW_RETURN_IF_ERROR(EmbedMisses(texts, misses, &vectors));
  // With the dimension unknown before this call, hits that disagree with the embedder's
  // answer (or with one another) are stale: embed them again.
  if (dim == 0) {
    dim = misses.empty() ? vectors[0].size() : vectors[misses[0]].size();
    misses.clear();
    for (size_t i = 0; i < texts.size(); ++i) {
      if (vectors[i].size() != dim) misses.push_back(i);
    }
    WINNOW_RETURN_IF_ERROR(EmbedMisses(texts, misses, &vectors));
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    if (vectors[i].size() != dim) {
      return Status::InvalidInput(fmt::format(
          "embedder {} returned {} floats for text {} but {} for others; delete the cache file "
          "if the model changed",
          inner_->name(), vectors[i].size(), i, dim));
    }
  }
  cached_dimension_.store(dim);
  const size_t start = out->size();
  out->resize(start + texts.size() * dim);
  for (size_t i = 0; i < texts.size(); ++i) {
    std::memcpy(out->data() + start + i * dim, vectors[i].data(), dim * sizeof(float));
  }
  return Status::OK();
}

}  // namespace winnow
