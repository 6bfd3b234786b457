#pragma once

// LlmEngine: sends LLM calls to OpenAI-compatible endpoints the way shared/specs/llm-pipelines.md
// asks, on one background thread:
//   - per-request scheduling: each replica keeps a sliding window of in-flight requests full
//     (never waiting for a batch's slowest request); load spreads over replicas by weight;
//   - token buckets for requests/min and tokens/min per endpoint, and pauses on Retry-After or
//     an exhausted x-ratelimit-remaining-* header;
//   - retries with exponential backoff and jitter on 429, 5xx, timeouts, dropped connections and
//     malformed bodies, up to the endpoint's max_attempts; other 4xx fail at once;
//   - the response cache: a call whose request was answered before is served from it, and every
//     new answer is stored as it arrives;
//   - answers are checked locally (the OutputConstraint, then the caller's own check) and
//     re-asked a bounded number of times, showing the model its answer and what was wrong;
//   - finish_reason "length" is a failure (kTruncated), never a silently cut answer;
//   - a budget in US dollars: once spent, nothing more is sent and calls fail with kBudget;
//   - every call ends in exactly one LlmResult: the answer, or a failure with its class, HTTP
//     status, attempts and any raw text.
//
// Thread-safety: Submit and Stats may be called from any thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/endpoint.h"
#include "winnow/llm/llm_backend.h"
#include "winnow/llm/llm_request.h"
#include "winnow/llm/response_cache.h"

namespace winnow::llm {

struct EngineOptions {
  std::vector<EndpointOptions> endpoints;
  // Where answers are cached; null for none. Borrowed: must outlive the engine.
  ResponseCache* cache = nullptr;
  // Stop sending once this much (US dollars, from the endpoints' prices) is spent; 0 = no cap.
  double budget_usd = 0;
  uint64_t seed = 0;  // seeds the retry jitter
};

struct EndpointStats {
  std::string name;
  std::string model;
  uint64_t calls = 0;         // calls finished (ok or failed)
  uint64_t ok = 0;            // calls that ended with an answer
  uint64_t failed = 0;        // calls that ended in a failure
  uint64_t requests = 0;      // HTTP requests sent (retries and re-asks included)
  uint64_t retries = 0;       // requests that were retries of a failed attempt
  uint64_t reasks = 0;        // requests that re-asked after an answer failed a check
  uint64_t cache_hits = 0;    // requests answered from the cache
  uint64_t in_flight = 0;     // requests on the wire now
  uint64_t queued = 0;        // calls waiting for a window slot, the rate limiter or a retry
  int64_t prompt_tokens = 0;  // from the servers' usage (cache hits included)
  int64_t completion_tokens = 0;
  double cost_usd = 0;                       // tokens actually paid for (cache hits are free)
  double latency_seconds = 0;                // summed over answered HTTP requests
  std::map<std::string, uint64_t> failures;  // by FailureClassName
};

class LlmEngine final : public LlmBackend {
 public:
  // Validates the endpoints, reads API keys from the environment and starts the engine thread.
  static Result<std::unique_ptr<LlmEngine>> Start(EngineOptions options);
  // Stops the thread; calls still pending finish with kCancelled.
  ~LlmEngine();
  LlmEngine(const LlmEngine&) = delete;
  LlmEngine& operator=(const LlmEngine&) = delete;

  void Submit(LlmCall call, CallDone done) override;

  // Fails every queued call with kCancelled and sends nothing more; in-flight requests are
  // abandoned. For a clean stop on interrupt.
  void Cancel();

  bool HasEndpoint(std::string_view name) const;
  const EndpointOptions* FindEndpoint(std::string_view name) const;
  std::vector<EndpointStats> Stats() const;
  double spent_usd() const;

  struct State;  // the engine thread's state (llm_engine.cc)

 private:
  explicit LlmEngine(std::unique_ptr<State> state);
  void Run();

  std::unique_ptr<State> state_;
  std::thread thread_;
};

// Cost in US dollars of `usage` at `endpoint`'s prices.
double CostUsd(const EndpointOptions& endpoint, const TokenUsage& usage);

}  // namespace winnow::llm
