#include "winnow/embed/embedder_factory.h"

#include "winnow/embed/cached_embedder.h"
#include "winnow/embed/hashing_embedder.h"
#include "winnow/embed/openai_embedder.h"

namespace winnow {
namespace {

Result<std::unique_ptr<Embedder>> CreateUncached(const EmbedderOptions& options) {
  if (options.kind == "hashing") {
    HashingEmbedderOptions hashing;
    if (options.dimension > 0) hashing.dimension = options.dimension;
    WINNOW_ASSIGN_OR_RETURN(auto embedder, HashingEmbedder::Create(hashing));
    return std::unique_ptr<Embedder>(std::move(embedder));
  }
  if (options.kind == "openai") {
    OpenAiEmbedderOptions openai;
    openai.base_url = options.url;
    openai.model = options.model;
    openai.api_key_env = options.api_key_env;
    openai.dimensions = options.dimension;
    openai.batch_size = options.batch_size;
    openai.max_concurrency = options.concurrency;
    openai.timeout_seconds = options.timeout_seconds;
    openai.max_attempts = options.max_attempts;
    WINNOW_ASSIGN_OR_RETURN(auto embedder, OpenAiEmbedder::Create(openai));
    return std::unique_ptr<Embedder>(std::move(embedder));
  }
  return Error(Status::InvalidArgument("unknown embedder kind \"" + options.kind +
                                       "\" (expected \"hashing\" or \"openai\")"));
}

}  // namespace

Result<std::unique_ptr<Embedder>> CreateEmbedder(const EmbedderOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Embedder> embedder, CreateUncached(options));
  if (options.cache_path.empty()) return embedder;
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<EmbeddingCache> cache,
                          EmbeddingCache::Open(options.cache_path));
  return std::unique_ptr<Embedder>(
      std::make_unique<CachedEmbedder>(std::move(embedder), std::move(cache)));
}

}  // namespace winnow
