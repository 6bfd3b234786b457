#include "winnow/embed/openai_embedder.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>
#include <thread>

#include "winnow/common/utf8.h"
#include "winnow/net/api_url.h"
#include "winnow/net/retry_policy.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

constexpr size_t kExcerptCodePoints = 200;
constexpr size_t kMaxIdleClients = 16;

}  // namespace

struct OpenAiEmbedder::Batch {
  size_t first = 0;  // position of the batch's first text in the Embed call
  size_t count = 0;
  size_t attempts = 0;
  double retry_after = -1;  // seconds the server asked for before the next try
  std::vector<float> vectors;
  std::string last_error;
};

Result<std::unique_ptr<OpenAiEmbedder>> OpenAiEmbedder::Create(
    const OpenAiEmbedderOptions& options) {
  auto invalid = [](std::string message) {
    return Error(Status::InvalidArgument("openai embedder: " + std::move(message)));
  };
  if (options.base_url.empty()) return invalid("base_url is required");
  if (options.model.empty()) return invalid("model is required");
  if (options.batch_size == 0) return invalid("batch_size must be >= 1");
  if (options.max_concurrency == 0) return invalid("max_concurrency must be >= 1");
  if (options.max_attempts == 0) return invalid("max_attempts must be >= 1");
  if (!(options.timeout_seconds > 0)) return invalid("timeout_seconds must be > 0");
  if (!(options.initial_backoff_seconds >= 0) ||
      !(options.max_backoff_seconds >= options.initial_backoff_seconds)) {
    return invalid("need 0 <= initial_backoff_seconds <= max_backoff_seconds");
  }
  std::unique_ptr<OpenAiEmbedder> embedder(new OpenAiEmbedder(options));
  if (!options.api_key_env.empty()) {
    const char* key = std::getenv(options.api_key_env.c_str());
    if (key == nullptr || *key == '\0') {
      return invalid(fmt::format("environment variable {} (api_key_env) is not set or empty",
                                 options.api_key_env));
    }
    embedder->authorization_ = fmt::format("Authorization: Bearer {}", key);
  }
  return embedder;
}

OpenAiEmbedder::OpenAiEmbedder(const OpenAiEmbedderOptions& options)
    : options_(options), url_(ApiUrl(options.base_url, "embeddings")) {
  name_ = "openai:" + options.model;
  if (options.dimensions > 0) name_ += fmt::format("@{}", options.dimensions);
}

std::unique_ptr<HttpClient> OpenAiEmbedder::BorrowClient() {
  std::lock_guard<std::mutex> lock(clients_mutex_);
  if (idle_clients_.empty()) return std::make_unique<HttpClient>();
  std::unique_ptr<HttpClient> client = std::move(idle_clients_.back());
  idle_clients_.pop_back();
  return client;
}

void OpenAiEmbedder::ReturnClient(std::unique_ptr<HttpClient> client) {
  std::lock_guard<std::mutex> lock(clients_mutex_);
  if (idle_clients_.size() < kMaxIdleClients) idle_clients_.push_back(std::move(client));
}

HttpRequest OpenAiEmbedder::MakeRequest(std::span<const std::string_view> texts) const {
  HttpRequest request;
  request.url = url_;
  request.timeout_seconds = options_.timeout_seconds;
  request.headers.push_back("Content-Type: application/json");
  if (!authorization_.empty()) request.headers.push_back(authorization_);
  std::string& body = request.body;
  body = "{\"model\":";
  AppendJsonString(options_.model, &body);
  if (options_.dimensions > 0) body += fmt::format(",\"dimensions\":{}", options_.dimensions);
  body += ",\"input\":[";
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) body += ',';
    AppendJsonString(texts[i], &body);
  }
  body += "]}";
  return request;
}

Status OpenAiEmbedder::CheckDimension(size_t got, size_t text_index) {
  size_t expected = options_.dimensions;
  const char* source = "the dimensions option";
  if (expected == 0) {
    size_t unset = 0;
    dimension_.compare_exchange_strong(unset, got);  // the first response decides
    expected = dimension_.load();
    source = "earlier responses";
  } else {
    dimension_.store(expected);
  }
  if (got == expected && got > 0) return Status::OK();
  return Status::InvalidInput(
      fmt::format("POST {}: embedding for text {} has {} dimensions, expected {} (from {})", url_,
                  text_index, got, expected, source));
}

Status OpenAiEmbedder::ParseResponse(const std::string& body, Batch* batch,
                                     std::string* malformed) {
  simdjson::dom::parser parser;  // per response: cheap next to the HTTP round trip
  simdjson::dom::array data;
  if (auto error = parser.parse(body).get_object()["data"].get_array().get(data)) {
    *malformed = fmt::format("no \"data\" array ({})", simdjson::error_message(error));
    return Status::OK();
  }
  if (data.size() != batch->count) {
    *malformed = fmt::format("{} embeddings for {} texts", data.size(), batch->count);
    return Status::OK();
  }
  std::vector<bool> seen(batch->count, false);
  size_t dim = 0;
  for (simdjson::dom::element item : data) {
    int64_t index = -1;
    simdjson::dom::array embedding;
    if (item["index"].get_int64().get(index) || index < 0 ||
        static_cast<size_t>(index) >= batch->count || seen[index] ||
        item["embedding"].get_array().get(embedding)) {
      *malformed = "an item lacks a valid \"index\" or \"embedding\" array";
      return Status::OK();
    }
    seen[index] = true;
    WINNOW_RETURN_IF_ERROR(CheckDimension(embedding.size(), batch->first + index));
    dim = embedding.size();
    batch->vectors.resize(batch->count * dim);
    float* row = batch->vectors.data() + index * dim;
    for (simdjson::dom::element value : embedding) {
      double number = 0;
      if (value.get_double().get(number)) {
        *malformed = fmt::format("embedding {} holds a non-number", index);
        return Status::OK();
      }
      *row++ = static_cast<float>(number);
    }
  }
  for (size_t i = 0; i < batch->count; ++i) {
    L2Normalize(std::span<float>(batch->vectors.data() + i * dim, dim));
  }
  return Status::OK();
}

Status OpenAiEmbedder::HandleResponse(const HttpResponse& response, Batch* batch, bool* retry) {
  *retry = false;
  batch->retry_after = -1;
  if (!response.transport_error.ok()) {
    batch->last_error = response.transport_error.message();
    *retry = true;
    return Status::OK();
  }
  std::string excerpt = Snippet(response.body, kExcerptCodePoints);
  if (IsRetryableHttpStatus(response.status)) {
    batch->last_error = fmt::format("HTTP {}: {}", response.status, excerpt);
    batch->retry_after = ParseRetryAfter(response.Header("retry-after"));
    *retry = true;
    return Status::OK();
  }
  if (response.status < 200 || response.status >= 300) {
    return Status::IoError(
        fmt::format("POST {}: HTTP {} (not retried): {}", url_, response.status, excerpt));
  }
  std::string malformed;
  WINNOW_RETURN_IF_ERROR(ParseResponse(response.body, batch, &malformed));
  if (!malformed.empty()) {
    batch->vectors.clear();
    batch->last_error = fmt::format("malformed response: {}: {}", malformed, excerpt);
    *retry = true;
  }
  return Status::OK();
}

Status OpenAiEmbedder::RunBatches(std::span<const std::string_view> texts,
                                  std::vector<Batch>* batches) {
  std::mt19937_64 rng(options_.seed + 0x9e3779b97f4a7c15ULL * calls_.fetch_add(1));
  std::unique_ptr<HttpClient> client = BorrowClient();
  std::vector<size_t> pending(batches->size());
  for (size_t i = 0; i < pending.size(); ++i) pending[i] = i;
  std::vector<HttpRequest> requests;
  std::vector<HttpResponse> responses;
  while (!pending.empty()) {
    requests.clear();
    for (size_t b : pending) {
      const Batch& batch = (*batches)[b];
      requests.push_back(MakeRequest(texts.subspan(batch.first, batch.count)));
    }
    WINNOW_RETURN_IF_ERROR(client->PerformAll(requests, options_.max_concurrency, &responses));
    std::vector<size_t> again;
    double delay = 0;
    for (size_t k = 0; k < pending.size(); ++k) {
      Batch& batch = (*batches)[pending[k]];
      ++batch.attempts;
      bool retry = false;
      WINNOW_RETURN_IF_ERROR(HandleResponse(responses[k], &batch, &retry));
      if (!retry) continue;
      if (batch.attempts >= options_.max_attempts) {
        return Status::IoError(fmt::format("POST {} failed after {} attempts: {}", url_,
                                           batch.attempts, batch.last_error));
      }
      BackoffOptions backoff{options_.initial_backoff_seconds, options_.max_backoff_seconds};
      delay = std::max(
          delay, BackoffSeconds(backoff, static_cast<int>(batch.attempts), batch.retry_after, rng));
      again.push_back(pending[k]);
    }
    // Failed batches are retried together after the longest wait any of them needs.
    if (!again.empty()) std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    pending = std::move(again);
  }
  ReturnClient(std::move(client));
  return Status::OK();
}

Status OpenAiEmbedder::Embed(std::span<const std::string_view> texts, std::vector<float>* out) {
  if (texts.empty()) return Status::OK();
  std::vector<Batch> batches;
  for (size_t first = 0; first < texts.size(); first += options_.batch_size) {
    Batch batch;
    batch.first = first;
    batch.count = std::min(options_.batch_size, texts.size() - first);
    batches.push_back(std::move(batch));
  }
  WINNOW_RETURN_IF_ERROR(RunBatches(texts, &batches));
  const size_t start = out->size();
  for (const Batch& batch : batches)
    out->insert(out->end(), batch.vectors.begin(), batch.vectors.end());
  if (out->size() != start + texts.size() * dimension_.load()) {
    out->resize(start);
    return Status::Internal("openai embedder: vector count does not match the texts");
  }
  return Status::OK();
}

}  // namespace winnow
