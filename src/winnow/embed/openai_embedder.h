#pragma once

// Embeddings from any OpenAI-compatible /v1/embeddings endpoint (OpenAI, TEI, vLLM, Ollama,
// llama.cpp server), with batching, concurrent requests and retries.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "winnow/embed/embedder.h"
#include "winnow/net/http_client.h"

namespace winnow {

struct OpenAiEmbedderOptions {
  // Server root, with or without a trailing "/v1", e.g. "http://localhost:8080" or
  // "https://api.openai.com/v1". Required.
  std::string base_url;
  // Sent as "model". Required (servers that host one model ignore its value).
  std::string model;
  // Name of the environment variable holding the API key, sent as "Authorization: Bearer <key>".
  // Empty: no Authorization header. The variable is read once, by Create().
  std::string api_key_env;
  // When > 0, sent as "dimensions" (models that can shorten their vectors) and enforced.
  // Default 0: the model's own dimension, learned from the first response and then enforced.
  size_t dimensions = 0;
  // Texts per request; >= 1. Default 64.
  size_t batch_size = 64;
  // Requests in flight at once per Embed call; >= 1. Default 8.
  size_t max_concurrency = 8;
  // Per-request limit in seconds (connect to last byte); > 0. Default 60.
  double timeout_seconds = 60;
  // Tries per request, first one included, for 429, 5xx, timeouts, dropped connections and
  // malformed responses; >= 1. Default 5. Other 4xx answers fail at once.
  size_t max_attempts = 5;
  // Backoff before retry r (1-based) is initial * 2^(r-1), capped at max, times a jitter factor
  // in [0.5, 1]; a larger Retry-After from the server wins (capped at max). Seconds; defaults
  // 0.5 and 30.
  double initial_backoff_seconds = 0.5;
  double max_backoff_seconds = 30;
  // Seeds the jitter, so retry timing is reproducible.
  uint64_t seed = 42;
};

// Thread-safety: Embed may be called from several threads at once; each call borrows its own
// HttpClient from a small pool, so connections are reused across calls.
class OpenAiEmbedder final : public Embedder {
 public:
  // InvalidArgument for a missing base_url or model, an out-of-range option, or an api_key_env
  // that names an unset or empty variable.
  static Result<std::unique_ptr<OpenAiEmbedder>> Create(const OpenAiEmbedderOptions& options);

  // "openai:<model>", plus "@<dimensions>" when dimensions is set.
  std::string_view name() const override { return name_; }
  size_t dimension() const override { return dimension_.load(); }

  // Errors: IoError after max_attempts, or at once for a non-retryable 4xx, naming the URL, the
  // last HTTP status or transport error and a short body excerpt; InvalidInput when the server
  // answers a different dimension, naming the text's position in `texts`.
  Status Embed(std::span<const std::string_view> texts, std::vector<float>* out) override;

  // The full endpoint URL, e.g. "http://localhost:8080/v1/embeddings".
  const std::string& url() const { return url_; }

 private:
  struct Batch;
  explicit OpenAiEmbedder(const OpenAiEmbedderOptions& options);

  std::unique_ptr<HttpClient> BorrowClient();
  void ReturnClient(std::unique_ptr<HttpClient> client);
  HttpRequest MakeRequest(std::span<const std::string_view> texts) const;
  // Sends every batch, retrying failed ones, until all have vectors or one fails for good.
  Status RunBatches(std::span<const std::string_view> texts, std::vector<Batch>* batches);
  // Judges one response: OK and fills batch->vectors, or sets *retry (with *delay) and
  // batch->last_error, or returns the error that ends the call.
  Status HandleResponse(const HttpResponse& response, Batch* batch, bool* retry);
  Status ParseResponse(const std::string& body, Batch* batch, std::string* malformed);
  Status CheckDimension(size_t got, size_t text_index);

  OpenAiEmbedderOptions options_;
  std::string name_;
  std::string url_;
  std::string authorization_;  // full header line or empty
  std::atomic<size_t> dimension_{0};
  std::atomic<uint64_t> calls_{0};  // varies the jitter seed between calls
  std::mutex clients_mutex_;
  std::vector<std::unique_ptr<HttpClient>> idle_clients_;
};

}  // namespace winnow
