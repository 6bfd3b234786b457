#pragma once

// TestLlmServer: an OpenAI-compatible LLM server on 127.0.0.1 for tests and benchmarks, with
// deterministic or scripted answers, every structured-output dialect, fault injection, simulated
// latency, a hold switch and a request log. Started by the constructor (port 0: an ephemeral
// port), stopped by the destructor, which wakes sleeping and held requests and closes idle
// keep-alive connections, so it returns within ~100 ms.
// Routes:
//   POST /v1/chat/completions, /v1/completions   OpenAI bodies, answered as OpenAI does
//   POST /v1/embeddings   {"model", "input": text | [texts], "dimensions"?}: the unit vectors
//                         TestEmbeddingServer::ExpectedEmbedding(text, dimensions or 8)
//   GET  /v1/models       the models of set_models ({"test-model"} by default)
//   GET  /health          {"status":"ok"}
// Each answer of a completion is the first of: the responder's; the script's first matching
// rule's; for a structured-output request, a choice picked by the answer variant, "regex",
// "grammar", "{}" for json_object, or for a JSON schema the schema answerer's (else "{}");
// otherwise DefaultAnswer() (llm_answers.h). An answer of more than max_tokens words is cut to
// max_tokens words with finish_reason "length". With "n" > 1 each answer has its own variant.
// A chat, completion or embeddings request gets the next queued fault (AddFault, first in first
// out) or, when the queue is empty, one drawn from the fault rates; embeddings act on the HTTP
// faults (429, 5xx, 400, slow, timeout, drop, malformed) and answer normally for the others.
// Latency and holds delay every POST.
// Thread-safety: every method may be called from any thread while requests are served.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llm/llm_faults.h"
#include "llm/llm_request_info.h"
#include "llm/llm_request_log.h"
#include "llm/llm_script.h"
#include "winnow/common/status.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace winnow::testutil {

class StoppableHttpServer;

struct TestLlmServerOptions {
  int port = 0;  // 0: an ephemeral port
  // Connections served at once, one thread each, started on demand; a client's keep-alive
  // connections each hold one, so this bounds the concurrency the server can show.
  size_t max_threads = 512;
};

// Rate-limit headers sent with every 200 and 429 completion answer; empty values are not sent.
struct RateLimitHeaders {
  std::string remaining_requests;  // x-ratelimit-remaining-requests, e.g. "0"
  std::string reset_requests;      // x-ratelimit-reset-requests, e.g. "1s", "20ms"
  std::string remaining_tokens;    // x-ratelimit-remaining-tokens
  std::string reset_tokens;        // x-ratelimit-reset-tokens
};

class TestLlmServer {
 public:
  // Returns the answer for info.choice, or nullopt to fall through to the script and defaults.
  using Responder = std::function<std::optional<std::string>(const RequestInfo& info)>;
  // Returns an answer valid against `schema_json`, varied by `variant`, or nullopt for "{}".
  using SchemaAnswerer =
      std::function<std::optional<std::string>(std::string_view schema_json, uint64_t variant)>;

  explicit TestLlmServer(TestLlmServerOptions options = {});
  ~TestLlmServer();
  TestLlmServer(const TestLlmServer&) = delete;
  TestLlmServer& operator=(const TestLlmServer&) = delete;

  // Stops serving: wakes sleeping and held requests (they go unanswered), closes every
  // connection and joins the threads. The log stays readable. Idempotent; the destructor calls it.
  void Stop();

  int port() const { return port_; }  // -1 when the port could not be bound
  std::string base_url() const;       // "http://127.0.0.1:<port>"

  // Answers. Errors name the rule at fault (see LlmScript).
  Status SetScript(std::vector<LlmScriptRule> rules);
  Status LoadScript(std::string_view json);
  void set_responder(Responder responder);
  void set_schema_answerer(SchemaAnswerer answerer);
  void set_models(std::vector<std::string> models);

  // Faults. AddFault queues `count` faults for the next chat, completion or embeddings requests.
  void AddFault(LlmFault fault, int count = 1, FaultParams params = {});
  void ClearFaults();
  // `rates` must pass ValidateFaultRates (asserted).
  void set_fault_rates(const FaultRates& rates);
  // The default Retry-After of 429 answers, in seconds ("1"); empty: no Retry-After header.
  void set_retry_after(std::string seconds);
  void set_rate_limit_headers(RateLimitHeaders headers);
  void set_slow_seconds(double seconds);     // kSlow's default sleep (0.2 s)
  void set_timeout_seconds(double seconds);  // kTimeout's default sleep (30 s)
  // Lognormal latency for every POST; median <= 0 turns it off (the default).
  void set_latency(double median_seconds, double sigma, uint64_t seed);

  // While held, POST requests wait (after their latency) before answering; releasing answers
  // them all. Stop() (and the destructor) ends held requests unanswered.
  void HoldResponses(bool hold);
  // Waits until at least `count` POST requests are in flight; false after `timeout_seconds`.
  bool WaitForInFlight(size_t count, double timeout_seconds) const;

  // The request log. BodyHash is the hash the log and successes_for_body use (XXH3-64).
  static uint64_t BodyHash(std::string_view body);
  size_t requests() const { return log_.requests(); }  // every route
  size_t requests(std::string_view route) const { return log_.requests(route); }
  size_t successes_for_body(uint64_t body_hash) const { return log_.successes_for_body(body_hash); }
  size_t fault_count(LlmFault fault) const { return log_.fault_count(fault); }
  size_t in_flight() const { return log_.in_flight(); }
  size_t max_concurrent() const { return log_.max_concurrent(); }  // peak POSTs in flight
  // Answered requests in arrival order (a request still sleeping has no entry yet).
  std::vector<LlmLogEntry> log_snapshot() const { return log_.Snapshot(); }
  std::string LogJsonl() const { return log_.Jsonl(); }
  Status WriteLog(const std::string& path) const;
  // Off: keep counters only (for long benchmarks); on by default.
  void set_keep_log(bool keep) { log_.set_keep_entries(keep); }

 private:
  struct Config;
  struct QueuedFault {
    LlmFault fault;
    FaultParams params;
  };

  void Route();
  std::shared_ptr<const Config> config() const;
  void UpdateConfig(const std::function<void(Config&)>& change);
  LlmLogEntry Arrive(const httplib::Request& req);
  void HandleCompletion(const httplib::Request& req, httplib::Response& res, LlmEndpoint endpoint);
  void HandleEmbeddings(const httplib::Request& req, httplib::Response& res);
  LlmFault NextFault(const Config& config, uint64_t body_hash, uint64_t seen_before,
                     FaultParams* params);
  // Latency, hold and the sleep of kSlow or kTimeout: false when the request must go unanswered
  // (kTimeout, or the server is stopping).
  bool Delay(const Config& config, const LlmLogEntry& entry, const FaultParams& params) const;
  // The 4xx/5xx faults; false (nothing set) for the others.
  bool RespondWithError(const Config& config, const FaultParams& params, LlmLogEntry* entry,
                        httplib::Response& res) const;
  void RespondWithCompletion(const Config& config, RequestInfo& info, LlmLogEntry* entry,
                             httplib::Response& res) const;
  std::string AnswerText(const Config& config, const RequestInfo& info, uint64_t variant) const;
  // Sleeps, holds: false when the server is stopping.
  bool SleepFor(double seconds) const;
  bool WaitWhileHeld() const;

  std::unique_ptr<StoppableHttpServer> http_;
  int port_ = -1;
  LlmRequestLog log_;

  mutable std::mutex mutex_;  // guards config_ and faults_
  // Replaced whole by setters; each request keeps the snapshot it started with.
  std::shared_ptr<const Config> config_;
  std::deque<QueuedFault> faults_;

  mutable std::mutex wait_mutex_;  // guards held_ and stopping_
  mutable std::condition_variable wake_;
  bool held_ = false;
  bool stopping_ = false;
};

}  // namespace winnow::testutil
