#pragma once

// Builds an Embedder from user-facing options (YAML and CLI flags are parsed into these).

#include <memory>
#include <string>

#include "winnow/embed/embedder.h"

namespace winnow {

struct EmbedderOptions {
  // "hashing" (built in, no model) or "openai" (any OpenAI-compatible /v1/embeddings server).
  std::string kind = "hashing";
  // hashing: output floats per vector (0 means the default, 256). openai: sent as the
  // "dimensions" request parameter when > 0; 0 keeps the model's own size.
  size_t dimension = 0;
  // openai only: server root (with or without "/v1"), model name, and the name of the
  // environment variable that holds the API key (empty: no key).
  std::string url;
  std::string model;
  std::string api_key_env;
  // openai only: texts per request (>= 1), requests in flight (>= 1), per-request timeout in
  // seconds (> 0), tries per request (>= 1).
  size_t batch_size = 64;
  size_t concurrency = 8;
  double timeout_seconds = 60;
  size_t max_attempts = 5;
  // When non-empty, an SQLite file caching vectors by (embedder name, text); created if absent.
  std::string cache_path;
};

// InvalidArgument for an unknown kind or a bad option (the message names it); IoError when the
// cache file cannot be opened.
Result<std::unique_ptr<Embedder>> CreateEmbedder(const EmbedderOptions& options);

}  // namespace winnow
