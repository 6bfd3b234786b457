#include "winnow/llm/llm_engine.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <queue>
#include <random>
#include <unordered_map>

#include "winnow/common/utf8.h"
#include "winnow/llm/completion_parse.h"
#include "winnow/llm/output_check.h"
#include "winnow/llm/rate_limit_headers.h"
#include "winnow/llm/rate_limiter.h"
#include "winnow/llm/request_body.h"
#include "winnow/net/api_url.h"
#include "winnow/net/async_http_client.h"

namespace winnow::llm {
namespace {

constexpr size_t kExcerpt = 200;

struct Replica {
  ReplicaOptions options;
  size_t in_flight = 0;
};

struct Endpoint {
  explicit Endpoint(EndpointOptions o)
      : options(std::move(o)), limiter(options.requests_per_minute, options.tokens_per_minute) {}
  EndpointOptions options;
  std::vector<Replica> replicas;
  std::vector<std::string> headers;
  RateLimiter limiter;
  std::deque<uint64_t> queue;  // calls ready to send, retries at the front
  double wake_at = 0;          // when the rate limiter lets the next request go
};

// One call's progress through asks, attempts and re-asks.
struct Call {
  uint64_t id = 0;
  size_t endpoint = 0;
  LlmCall call;
  CallDone done;
  std::string key;        // cache key of the current ask
  std::string canonical;  // its canonical JSON
  std::string body;       // built on first send of the current ask
  int attempts = 0;       // HTTP attempts of the current ask
  int requests = 0;       // HTTP requests over the whole call
  int reasks = 0;
  bool from_cache = false;
  double submitted = 0;
  double sent_at = 0;
  double estimated_tokens = 0;
  double reserved_usd = 0;
  size_t replica = 0;
  LlmResult last;  // the latest failure's facts, reported if the call fails for good
};

struct Timer {
  double at;
  uint64_t id;
  bool operator>(const Timer& other) const { return at > other.at; }
};

}  // namespace

struct LlmEngine::State {
  // Shared with submitting threads.
  std::mutex inbox_mutex;
  std::deque<std::pair<LlmCall, CallDone>> inbox;
  bool stopping = false;
  std::atomic<bool> cancelled{false};
  AsyncHttpClient http;  // Wakeup is the only member other threads touch

  // Read-only after Start.
  std::vector<Endpoint> endpoints;
  std::map<std::string, size_t, std::less<>> by_name;
  ResponseCache* cache = nullptr;
  double budget_usd = 0;

  // Stats, guarded by stats_mutex (written by the engine thread, read by anyone).
  mutable std::mutex stats_mutex;
  std::vector<EndpointStats> stats;
  double spent_usd = 0;

  // Engine thread only.
  std::unordered_map<uint64_t, std::unique_ptr<Call>> calls;
  // With a cache, identical requests in flight at once are sent once: the first ("leader") is
  // sent, the others wait for its answer (or share its failure). By cache key.
  std::unordered_map<std::string, uint64_t> leaders;
  std::unordered_map<std::string, std::vector<uint64_t>> followers;
  uint64_t next_id = 1;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers;
  double reserved_usd = 0;
  ConstraintChecker checker;
  simdjson::dom::parser parser;
  std::mt19937_64 rng;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  double Now() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  void Admit(std::unique_ptr<Call> call);
  void Deliver(Call& call, const CachedResponse& answer);
  std::vector<uint64_t> ReleaseLeader(const Call& call);
  void CountSharedAnswer(const Call& call, const TokenUsage& usage);
  void Finish(Call& call, LlmResult result);
  void Fail(Call& call, FailureClass failure, std::string error);
  void Retry(Call& call, FailureClass failure, std::string error, double retry_after);
  void Reask(Call& call, const std::string& answer, const Status& problem);
  void Dispatch(Endpoint& endpoint, size_t index, double now);
  void HandleResponse(uint64_t id, HttpResponse response);
  void CancelAll(FailureClass failure, std::string_view why);
  Status RunLoop();
};

double CostUsd(const EndpointOptions& endpoint, const TokenUsage& usage) {
  return (static_cast<double>(usage.prompt_tokens) * endpoint.input_price_per_mtok +
          static_cast<double>(usage.completion_tokens) * endpoint.output_price_per_mtok) /
         1e6;
}

Result<std::unique_ptr<LlmEngine>> LlmEngine::Start(EngineOptions options) {
  auto state = std::make_unique<State>();
  state->cache = options.cache;
  state->budget_usd = options.budget_usd;
  state->rng.seed(options.seed);
  for (EndpointOptions& endpoint : options.endpoints) {
    WINNOW_RETURN_IF_ERROR(ValidateEndpoint(endpoint));
    if (state->by_name.count(endpoint.name) > 0) {
      return Error(
          Status::InvalidArgument(fmt::format("endpoint '{}' is defined twice", endpoint.name)));
    }
    Endpoint entry(endpoint);
    entry.headers.push_back("Content-Type: application/json");
    if (!endpoint.api_key_env.empty()) {
      const char* key = std::getenv(endpoint.api_key_env.c_str());
      if (key == nullptr || *key == '\0') {
        return Error(Status::InvalidArgument(
            fmt::format("endpoint '{}': environment variable {} (api_key_env) is not set",
                        endpoint.name, endpoint.api_key_env)));
      }
      entry.headers.push_back(std::string("Authorization: Bearer ") + key);
    }
    for (const ReplicaOptions& replica : endpoint.replicas) entry.replicas.push_back({replica});
    state->by_name.emplace(endpoint.name, state->endpoints.size());
    EndpointStats stats;
    stats.name = endpoint.name;
    stats.model = endpoint.model;
    state->stats.push_back(std::move(stats));
    state->endpoints.push_back(std::move(entry));
  }
  std::unique_ptr<LlmEngine> engine(new LlmEngine(std::move(state)));
  engine->thread_ = std::thread([raw = engine.get()] { raw->Run(); });
  return engine;
}

LlmEngine::LlmEngine(std::unique_ptr<State> state) : state_(std::move(state)) {}

LlmEngine::~LlmEngine() {
  {
    std::lock_guard<std::mutex> lock(state_->inbox_mutex);
    state_->stopping = true;
  }
  state_->http.Wakeup();
  if (thread_.joinable()) thread_.join();
}

void LlmEngine::Submit(LlmCall call, CallDone done) {
  if (!HasEndpoint(call.endpoint)) {
    LlmResult result;
    result.failure = FailureClass::kClientError;
    result.error = fmt::format("unknown endpoint '{}'", call.endpoint);
    done(std::move(result));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(state_->inbox_mutex);
    state_->inbox.emplace_back(std::move(call), std::move(done));
  }
  state_->http.Wakeup();
}

void LlmEngine::Cancel() {
  state_->cancelled.store(true);
  state_->http.Wakeup();
}

bool LlmEngine::HasEndpoint(std::string_view name) const {
  return state_->by_name.find(name) != state_->by_name.end();
}

const EndpointOptions* LlmEngine::FindEndpoint(std::string_view name) const {
  auto it = state_->by_name.find(name);
  return it == state_->by_name.end() ? nullptr : &state_->endpoints[it->second].options;
}

std::vector<EndpointStats> LlmEngine::Stats() const {
  std::lock_guard<std::mutex> lock(state_->stats_mutex);
  return state_->stats;
}

double LlmEngine::spent_usd() const {
  std::lock_guard<std::mutex> lock(state_->stats_mutex);
  return state_->spent_usd;
}

void LlmEngine::Run() {
  Status status = state_->RunLoop();
  // A broken libcurl handle is the only way here with an error: fail what is left, loudly.
  if (!status.ok()) state_->CancelAll(FailureClass::kConnection, status.message());
}

void LlmEngine::State::Admit(std::unique_ptr<Call> owned) {
  Call& call = *owned;
  calls[call.id] = std::move(owned);
  const Endpoint& endpoint = endpoints[call.endpoint];
  call.canonical = CanonicalRequestJson(call.call.request, endpoint.options.model);
  call.key = RequestCacheKey(call.call.request, endpoint.options.model);
  call.body.clear();
  call.attempts = 0;
  // Embeddings generate nothing: their cost is the input alone.
  const bool generates = call.call.request.kind != RequestKind::kEmbedding;
  call.estimated_tokens =
      static_cast<double>(call.canonical.size()) / 4.0 +
      (generates ? static_cast<double>(call.call.request.sampling.max_tokens) : 0.0);
  if (cache != nullptr) {
    Result<std::optional<CachedResponse>> hit = cache->Lookup(call.key);
    if (!hit.has_value()) {
      Fail(call, FailureClass::kClientError, hit.error().message());
      return;
    }
    if (hit->has_value()) {
      CountSharedAnswer(call, (*hit)->usage);
      call.from_cache = true;
      Deliver(call, **hit);
      return;
    }
    auto [leader, first] = leaders.try_emplace(call.key, call.id);
    if (!first) {
      // The same request is already on its way: wait for its answer instead of paying twice.
      followers[call.key].push_back(call.id);
      return;
    }
  }
  call.from_cache = false;
  endpoints[call.endpoint].queue.push_back(call.id);
}

void LlmEngine::State::CountSharedAnswer(const Call& call, const TokenUsage& usage) {
  std::lock_guard<std::mutex> lock(stats_mutex);
  EndpointStats& s = stats[call.endpoint];
  ++s.cache_hits;
  s.prompt_tokens += usage.prompt_tokens;
  s.completion_tokens += usage.completion_tokens;
}

std::vector<uint64_t> LlmEngine::State::ReleaseLeader(const Call& call) {
  auto leader = leaders.find(call.key);
  if (leader == leaders.end() || leader->second != call.id) return {};
  leaders.erase(leader);
  std::vector<uint64_t> waiting;
  if (auto it = followers.find(call.key); it != followers.end()) {
    waiting = std::move(it->second);
    followers.erase(it);
  }
  return waiting;
}

void LlmEngine::State::Finish(Call& call, LlmResult result) {
  // A leader that ends without an answer (one arrived would have released it) hands its
  // failure to the calls that waited on the same request: they would have met the same fate.
  std::vector<uint64_t> waiting = ReleaseLeader(call);
  LlmResult shared;
  if (!waiting.empty()) {
    shared.failure = result.failure;
    shared.error = result.error;
    shared.http_status = result.http_status;
    shared.text = result.text;
  }
  const Endpoint& endpoint = endpoints[call.endpoint];
  result.attempts = call.requests;
  result.model = endpoint.options.model;
  if (result.endpoint.empty() && !call.from_cache) {
    result.endpoint = endpoint.replicas[call.replica].options.base_url;
  }
  result.from_cache = call.from_cache && call.requests == 0;
  result.seconds = Now() - call.submitted;
  {
    std::lock_guard<std::mutex> lock(stats_mutex);
    EndpointStats& s = stats[call.endpoint];
    ++s.calls;
    if (result.ok()) {
      ++s.ok;
    } else {
      ++s.failed;
      ++s.failures[std::string(FailureClassName(result.failure))];
    }
  }
  CallDone done = std::move(call.done);
  calls.erase(call.id);  // `call` dangles from here
  done(std::move(result));
  for (uint64_t id : waiting) {
    auto it = calls.find(id);
    if (it == calls.end()) continue;
    Call& follower = *it->second;
    follower.last = shared;
    Fail(follower, shared.failure, shared.error);
  }
}

void LlmEngine::State::Fail(Call& call, FailureClass failure, std::string error) {
  LlmResult result = std::move(call.last);
  result.failure = failure;
  result.error = std::move(error);
  Finish(call, std::move(result));
}

void LlmEngine::State::Deliver(Call& call, const CachedResponse& answer) {
  call.last.text = answer.text;
  call.last.finish_reason = answer.finish_reason;
  if (answer.finish_reason == "length") {
    Fail(call, FailureClass::kTruncated,
         fmt::format("the answer was cut off at max_tokens={} (finish_reason \"length\")",
                     call.call.request.sampling.max_tokens));
    return;
  }
  Status problem = checker.Check(call.call.request.output, answer.text);
  if (problem.code() == StatusCode::kInvalidArgument) {
    Fail(call, FailureClass::kClientError, problem.message());
    return;
  }
  if (problem.ok() && call.call.check) problem = call.call.check(answer.text);
  if (!problem.ok()) {
    Reask(call, answer.text, problem);
    return;
  }
  LlmResult result;
  result.text = answer.text;
  result.finish_reason = answer.finish_reason;
  result.usage = answer.usage;
  result.http_status = call.last.http_status;
  result.endpoint = call.last.endpoint;
  Finish(call, std::move(result));
}

void LlmEngine::State::Reask(Call& call, const std::string& answer, const Status& problem) {
  if (call.reasks >= call.call.max_reasks) {
    Fail(call, FailureClass::kInvalidOutput,
         fmt::format("the answer failed its check after {} re-asks: {}", call.reasks,
                     problem.message()));
    return;
  }
  ++call.reasks;
  {
    std::lock_guard<std::mutex> lock(stats_mutex);
    ++stats[call.endpoint].reasks;
  }
  LlmRequest& request = call.call.request;
  if (request.kind == RequestKind::kChat) {
    // Showing the model its answer and the problem fixes most format slips in one more turn.
    request.messages.push_back({"assistant", answer});
    request.messages.push_back(
        {"user", fmt::format("That answer cannot be used: {}\nAnswer again, following the "
                             "required format exactly.",
                             problem.message())});
  } else {
    // A completion cannot be told what went wrong; another sample is the best it can do.
    request.sampling.seed = request.sampling.seed.value_or(0) + 1;
  }
  std::unique_ptr<Call> owned = std::move(calls[call.id]);
  calls.erase(owned->id);
  Admit(std::move(owned));
}

void LlmEngine::State::Retry(Call& call, FailureClass failure, std::string error,
                             double retry_after) {
  call.last.failure = failure;
  call.last.error = error;
  const EndpointOptions& options = endpoints[call.endpoint].options;
  if (call.attempts >= options.max_attempts) {
    Fail(call, failure, fmt::format("{} (after {} attempts)", error, call.attempts));
    return;
  }
  double delay = BackoffSeconds(options.backoff, call.attempts, retry_after, rng);
  timers.push({Now() + delay, call.id});
}

void LlmEngine::State::Dispatch(Endpoint& endpoint, size_t index, double now) {
  while (!endpoint.queue.empty()) {
    Call& call = *calls.at(endpoint.queue.front());
    double estimated_cost =
        CostUsd(endpoint.options, {static_cast<int64_t>(call.estimated_tokens), 0});
    if (budget_usd > 0) {
      double spent;
      {
        std::lock_guard<std::mutex> lock(stats_mutex);
        spent = spent_usd;
      }
      if (spent + reserved_usd + estimated_cost > budget_usd) {
        endpoint.queue.pop_front();
        Fail(call, FailureClass::kBudget,
             fmt::format("not sent: the budget of ${:.2f} is spent (${:.4f} so far)", budget_usd,
                         spent));
        continue;
      }
    }
    // The replica with the most room for its weight.
    size_t best = endpoint.replicas.size();
    double best_load = 0;
    for (size_t r = 0; r < endpoint.replicas.size(); ++r) {
      const Replica& replica = endpoint.replicas[r];
      if (replica.in_flight >= replica.options.max_in_flight) continue;
      double load = static_cast<double>(replica.in_flight + 1) / replica.options.weight;
      if (best == endpoint.replicas.size() || load < best_load) {
        best = r;
        best_load = load;
      }
    }
    if (best == endpoint.replicas.size()) return;
    double wait = endpoint.limiter.WaitSeconds(now, call.estimated_tokens);
    if (wait > 0) {
      endpoint.wake_at = now + wait;
      return;
    }
    endpoint.queue.pop_front();
    Replica& replica = endpoint.replicas[best];
    if (call.body.empty()) {
      call.body =
          BuildRequestBody(call.call.request, endpoint.options.model, endpoint.options.dialect);
    }
    HttpRequest request;
    request.url = ApiUrl(replica.options.base_url, RequestRoute(call.call.request));
    request.body = call.body;
    request.headers = endpoint.headers;
    request.timeout_seconds = endpoint.options.timeout_seconds;
    request.version = endpoint.options.http_version;
    request.ca_file = endpoint.options.ca_file;
    Status started = http.Start(std::move(request), call.id);
    if (!started.ok()) {
      Fail(call, FailureClass::kConnection, started.message());
      continue;
    }
    endpoint.limiter.Acquire(now, call.estimated_tokens);
    call.replica = best;
    call.sent_at = now;
    call.reserved_usd = estimated_cost;
    reserved_usd += estimated_cost;
    ++replica.in_flight;
    std::lock_guard<std::mutex> lock(stats_mutex);
    EndpointStats& s = stats[index];
    ++s.requests;
    ++s.in_flight;
    if (call.attempts > 0) ++s.retries;
  }
}

void LlmEngine::State::HandleResponse(uint64_t id, HttpResponse response) {
  auto it = calls.find(id);
  if (it == calls.end()) return;  // cancelled while on the wire
  Call& call = *it->second;
  Endpoint& endpoint = endpoints[call.endpoint];
  Replica& replica = endpoint.replicas[call.replica];
  --replica.in_flight;
  reserved_usd -= call.reserved_usd;
  call.reserved_usd = 0;
  ++call.attempts;
  ++call.requests;
  double now = Now();
  {
    std::lock_guard<std::mutex> lock(stats_mutex);
    EndpointStats& s = stats[call.endpoint];
    --s.in_flight;
    s.latency_seconds += now - call.sent_at;
  }
  call.last.http_status = response.status;
  call.last.endpoint = replica.options.base_url;
  if (RateLimitPause pause = ReadRateLimitHeaders(response); pause.seconds > 0) {
    // Honoured up to the longest backoff, like Retry-After: a header cannot stall a run for ever.
    endpoint.limiter.PauseUntil(now +
                                std::min(pause.seconds, endpoint.options.backoff.max_seconds));
  }
  if (!response.transport_error.ok()) {
    Retry(call, response.timed_out ? FailureClass::kTimeout : FailureClass::kConnection,
          response.transport_error.message(), -1);
    return;
  }
  std::string excerpt = Snippet(response.body, kExcerpt);
  if (response.status < 200 || response.status >= 300) {
    std::string error =
        fmt::format("HTTP {} from {}: {}", response.status, replica.options.base_url, excerpt);
    if (!IsRetryableHttpStatus(response.status)) {
      Fail(call, FailureClass::kClientError, std::move(error));
      return;
    }
    double retry_after = ParseRetryAfter(response.Header("retry-after"));
    if (response.status == 429 && retry_after > 0) {
      // The server speaks for the whole endpoint: everyone waits, not just this call.
      endpoint.limiter.PauseUntil(now +
                                  std::min(retry_after, endpoint.options.backoff.max_seconds));
    }
    Retry(call, response.status == 429 ? FailureClass::kRateLimited : FailureClass::kServerError,
          std::move(error), retry_after);
    return;
  }
  Result<ParsedCompletion> parsed =
      ParseCompletionBody(response.body, call.call.request.kind, parser);
  if (!parsed.has_value()) {
    call.last.text = response.body;
    Retry(call, FailureClass::kMalformedResponse,
          fmt::format("malformed response from {}: {}: {}", replica.options.base_url,
                      parsed.error().message(), excerpt),
          -1);
    return;
  }
  CachedResponse answer{std::move(parsed->text), std::move(parsed->finish_reason), parsed->usage};
  endpoint.limiter.Settle(
      now, call.estimated_tokens,
      static_cast<double>(answer.usage.prompt_tokens + answer.usage.completion_tokens));
  {
    std::lock_guard<std::mutex> lock(stats_mutex);
    EndpointStats& s = stats[call.endpoint];
    double cost = CostUsd(endpoint.options, answer.usage);
    s.prompt_tokens += answer.usage.prompt_tokens;
    s.completion_tokens += answer.usage.completion_tokens;
    s.cost_usd += cost;
    spent_usd += cost;
  }
  if (cache != nullptr) {
    Status stored = cache->Insert(call.key, endpoint.options.model, call.canonical, answer);
    if (!stored.ok()) {
      Fail(call, FailureClass::kClientError, stored.message());
      return;
    }
  }
  // Calls waiting on this request get the answer as a cache hit; each checks it for itself.
  std::vector<uint64_t> waiting = ReleaseLeader(call);
  Deliver(call, answer);
  for (uint64_t waiting_id : waiting) {
    auto it = calls.find(waiting_id);
    if (it == calls.end()) continue;
    CountSharedAnswer(*it->second, answer.usage);
    it->second->from_cache = true;
    Deliver(*it->second, answer);
  }
}

void LlmEngine::State::CancelAll(FailureClass failure, std::string_view why) {
  std::vector<uint64_t> ids;
  ids.reserve(calls.size());
  for (const auto& [id, call] : calls) ids.push_back(id);
  std::sort(ids.begin(), ids.end());  // deterministic order of the callbacks
  for (uint64_t id : ids) {
    auto it = calls.find(id);
    if (it != calls.end()) Fail(*it->second, failure, std::string(why));
  }
  for (Endpoint& endpoint : endpoints) endpoint.queue.clear();
  leaders.clear();
  followers.clear();
  timers = {};
  std::deque<std::pair<LlmCall, CallDone>> inbox_left;
  {
    std::lock_guard<std::mutex> lock(inbox_mutex);
    inbox_left.swap(inbox);
  }
  for (auto& [call, done] : inbox_left) {
    LlmResult result;
    result.failure = failure;
    result.error = std::string(why);
    done(std::move(result));
  }
}

Status LlmEngine::State::RunLoop() {
  std::vector<std::pair<uint64_t, HttpResponse>> finished;
  std::deque<std::pair<LlmCall, CallDone>> arrived;
  while (true) {
    bool stop;
    {
      std::lock_guard<std::mutex> lock(inbox_mutex);
      arrived.swap(inbox);
      stop = stopping;
    }
    if (stop || cancelled.load()) {
      for (auto& entry : arrived) inbox.push_front(std::move(entry));
      CancelAll(FailureClass::kCancelled, "the run was stopped before this call finished");
      return Status::OK();
    }
    double now = Now();
    for (auto& [llm_call, done] : arrived) {
      auto call = std::make_unique<Call>();
      call->id = next_id++;
      call->endpoint = by_name.find(llm_call.endpoint)->second;
      call->call = std::move(llm_call);
      call->done = std::move(done);
      call->submitted = now;
      Admit(std::move(call));
    }
    arrived.clear();
    while (!timers.empty() && timers.top().at <= now) {
      uint64_t id = timers.top().id;
      timers.pop();
      auto it = calls.find(id);
      if (it != calls.end()) endpoints[it->second->endpoint].queue.push_front(id);
    }
    double next_wake = now + 0.1;
    if (!timers.empty()) next_wake = std::min(next_wake, timers.top().at);
    for (size_t i = 0; i < endpoints.size(); ++i) {
      Endpoint& endpoint = endpoints[i];
      endpoint.wake_at = 0;
      Dispatch(endpoint, i, now);
      if (endpoint.wake_at > 0) next_wake = std::min(next_wake, endpoint.wake_at);
      std::lock_guard<std::mutex> lock(stats_mutex);
      stats[i].queued = endpoint.queue.size();
    }
    int wait_ms = static_cast<int>(std::max(0.0, (next_wake - Now()) * 1000.0)) + 1;
    finished.clear();
    WINNOW_RETURN_IF_ERROR(http.Poll(wait_ms, &finished));
    for (auto& [id, response] : finished) HandleResponse(id, std::move(response));
  }
}

}  // namespace winnow::llm
