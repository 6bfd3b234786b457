#include "llm/test_llm_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include "llm/llm_answers.h"
#include "llm/llm_response_json.h"
#include "llm/stoppable_http_server.h"
#include "winnow/common/assert.h"
#include "winnow/common/hash.h"
#include "winnow/llm/json_schema.h"
#include "winnow/llm/json_schema_example.h"

namespace winnow::testutil {

struct TestLlmServer::Config {
  // Shared by successive configs: a script is immutable and may be large.
  std::shared_ptr<const LlmScript> script;
  Responder responder;
  SchemaAnswerer schema_answerer;
  std::vector<std::string> models = {"test-model"};
  FaultRates rates;
  std::string retry_after = "1";
  RateLimitHeaders rate_limit;
  double slow_seconds = 0.2;
  double timeout_seconds = 30;
  double latency_median = 0;
  double latency_sigma = 0;
  uint64_t latency_seed = 0;
};

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kDefaultEmbeddingDimension = 8;

// Counts a POST as in flight for as long as its handler runs.
class InFlight {
 public:
  explicit InFlight(LlmRequestLog* log) : log_(log) { log_->Enter(); }
  ~InFlight() { log_->Leave(); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  LlmRequestLog* log_;
};

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void SetJson(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "application/json");
}

// Sends the headers and the first `sent` bytes of `body`, then fails the write, so cpp-httplib
// closes the connection and the client sees a transfer cut short rather than an answer.
void CutShort(std::string body, size_t sent, httplib::Response& res) {
  const size_t size = body.size();
  res.set_content_provider(size, "application/json",
                           [body = std::move(body), sent](size_t, size_t, httplib::DataSink& sink) {
                             if (sent > 0) sink.write(body.data(), sent);
                             return false;
                           });
}

void SetRateLimitHeaders(const RateLimitHeaders& headers, httplib::Response& res) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"x-ratelimit-remaining-requests", &headers.remaining_requests},
      {"x-ratelimit-reset-requests", &headers.reset_requests},
      {"x-ratelimit-remaining-tokens", &headers.remaining_tokens},
      {"x-ratelimit-reset-tokens", &headers.reset_tokens}};
  for (const auto& [name, value] : fields) {
    if (!value->empty()) res.set_header(name, *value);
  }
}

struct EmbeddingRequest {
  std::string model;
  std::vector<std::string> inputs;
  size_t dimension = kDefaultEmbeddingDimension;
};

Result<EmbeddingRequest> ParseEmbeddingRequest(std::string_view body) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(body.data(), body.size()).get_object().get(root)) {
    return Error(Status::InvalidInput("request body: expected a JSON object"));
  }
  EmbeddingRequest request;
  std::string_view text;
  if (root.at_key("model").get_string().get(text) == simdjson::SUCCESS) request.model = text;
  simdjson::dom::element input;
  simdjson::dom::array items;
  if (root.at_key("input").get(input)) return Error(Status::InvalidInput("input: missing"));
  if (input.get_string().get(text) == simdjson::SUCCESS) {
    request.inputs.emplace_back(text);
  } else if (input.get_array().get(items) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : items) {
      if (item.get_string().get(text)) {
        return Error(Status::InvalidInput("input: expected a string or an array of strings"));
      }
      request.inputs.emplace_back(text);
    }
  } else {
    return Error(Status::InvalidInput("input: expected a string or an array of strings"));
  }
  int64_t dimensions = 0;
  if (root.at_key("dimensions").get_int64().get(dimensions) == simdjson::SUCCESS) {
    if (dimensions < 1 || dimensions > 8192) {
      return Error(Status::InvalidInput("dimensions: expected 1..8192"));
    }
    request.dimension = static_cast<size_t>(dimensions);
  }
  return request;
}

std::string StructuredDefault(const StructuredOutputRequest& request,
                              const TestLlmServer::SchemaAnswerer& answerer, uint64_t variant) {
  switch (request.kind) {
    case StructuredKind::kChoice:
      return request.choices[variant % request.choices.size()];
    case StructuredKind::kRegex:
      return "regex";
    case StructuredKind::kGrammar:
      return "grammar";
    case StructuredKind::kJsonObject:
      return "{}";
    case StructuredKind::kJsonSchema:
      if (answerer) {
        if (std::optional<std::string> answer = answerer(request.schema_json, variant)) {
          return *answer;
        }
      }
      return "{}";
  }
  return "{}";
}

}  // namespace

TestLlmServer::TestLlmServer(TestLlmServerOptions options)
    : http_(std::make_unique<StoppableHttpServer>(std::max<size_t>(1, options.max_threads))),
      config_(std::make_shared<const Config>()) {
  // Structured requests get a valid example of their schema unless a test says otherwise.
  set_schema_answerer(
      [](std::string_view schema_json, uint64_t variant) -> std::optional<std::string> {
        auto schema = llm::JsonSchema::Compile(schema_json);
        if (!schema.has_value()) return std::nullopt;
        auto example = llm::MakeExampleInstance(*schema, variant);
        if (!example.has_value()) return std::nullopt;
        return *example;
      });
  Route();
  port_ = http_->Bind(options.port);
  if (port_ > 0) http_->Start();
}

TestLlmServer::~TestLlmServer() { Stop(); }

void TestLlmServer::Stop() {
  {
    std::lock_guard<std::mutex> lock(wait_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  http_->Stop();
}

std::string TestLlmServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

uint64_t TestLlmServer::BodyHash(std::string_view body) { return Hash64(body); }

std::shared_ptr<const TestLlmServer::Config> TestLlmServer::config() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_;
}

void TestLlmServer::UpdateConfig(const std::function<void(Config&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = std::make_shared<Config>(*config_);
  change(*next);
  config_ = std::move(next);
}

Status TestLlmServer::SetScript(std::vector<LlmScriptRule> rules) {
  WINNOW_ASSIGN_OR_RETURN(LlmScript script, LlmScript::Create(std::move(rules)));
  auto shared = std::make_shared<const LlmScript>(std::move(script));
  UpdateConfig([&](Config& config) { config.script = shared; });
  return Status::OK();
}

Status TestLlmServer::LoadScript(std::string_view json) {
  WINNOW_ASSIGN_OR_RETURN(LlmScript script, LlmScript::Parse(json));
  auto shared = std::make_shared<const LlmScript>(std::move(script));
  UpdateConfig([&](Config& config) { config.script = shared; });
  return Status::OK();
}

void TestLlmServer::set_responder(Responder responder) {
  UpdateConfig([&](Config& config) { config.responder = std::move(responder); });
}
void TestLlmServer::set_schema_answerer(SchemaAnswerer answerer) {
  UpdateConfig([&](Config& config) { config.schema_answerer = std::move(answerer); });
}
void TestLlmServer::set_models(std::vector<std::string> models) {
  UpdateConfig([&](Config& config) { config.models = std::move(models); });
}
void TestLlmServer::set_fault_rates(const FaultRates& rates) {
  WINNOW_ASSERT(ValidateFaultRates(rates).ok());
  UpdateConfig([&](Config& config) { config.rates = rates; });
}
void TestLlmServer::set_retry_after(std::string seconds) {
  UpdateConfig([&](Config& config) { config.retry_after = std::move(seconds); });
}
void TestLlmServer::set_rate_limit_headers(RateLimitHeaders headers) {
  UpdateConfig([&](Config& config) { config.rate_limit = std::move(headers); });
}
void TestLlmServer::set_slow_seconds(double seconds) {
  UpdateConfig([&](Config& config) { config.slow_seconds = seconds; });
}
void TestLlmServer::set_timeout_seconds(double seconds) {
  UpdateConfig([&](Config& config) { config.timeout_seconds = seconds; });
}
void TestLlmServer::set_latency(double median_seconds, double sigma, uint64_t seed) {
  UpdateConfig([&](Config& config) {
    config.latency_median = median_seconds;
    config.latency_sigma = sigma;
    config.latency_seed = seed;
  });
}

void TestLlmServer::AddFault(LlmFault fault, int count, FaultParams params) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < count; ++i) faults_.push_back({fault, params});
}

void TestLlmServer::ClearFaults() {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.clear();
}

LlmFault TestLlmServer::NextFault(const Config& config, uint64_t body_hash, uint64_t seen_before,
                                  FaultParams* params) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!faults_.empty()) {
      QueuedFault next = std::move(faults_.front());
      faults_.pop_front();
      *params = std::move(next.params);
      return next.fault;
    }
  }
  return DrawFault(config.rates, body_hash, seen_before);
}

void TestLlmServer::HoldResponses(bool hold) {
  {
    std::lock_guard<std::mutex> lock(wait_mutex_);
    held_ = hold;
  }
  wake_.notify_all();
}

bool TestLlmServer::WaitForInFlight(size_t count, double timeout_seconds) const {
  const auto deadline = Clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (log_.in_flight() < count) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

bool TestLlmServer::SleepFor(double seconds) const {
  std::unique_lock<std::mutex> lock(wait_mutex_);
  if (seconds <= 0) return !stopping_;
  return !wake_.wait_for(lock, std::chrono::duration<double>(seconds),
                         [this] { return stopping_; });
}

bool TestLlmServer::WaitWhileHeld() const {
  std::unique_lock<std::mutex> lock(wait_mutex_);
  wake_.wait(lock, [this] { return stopping_ || !held_; });
  return !stopping_;
}

Status TestLlmServer::WriteLog(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << LogJsonl();
  out.close();
  if (!out) return Status::IoError(path + ": cannot write the request log");
  return Status::OK();
}

std::string TestLlmServer::AnswerText(const Config& config, const RequestInfo& info,
                                      uint64_t variant) const {
  if (config.responder) {
    if (std::optional<std::string> answer = config.responder(info)) return *answer;
  }
  if (config.script) {
    if (std::optional<std::string> answer = config.script->Match(info, variant)) return *answer;
  }
  if (const StructuredOutputRequest* structured = info.structured_output()) {
    return StructuredDefault(*structured, config.schema_answerer, variant);
  }
  return DefaultAnswer(info, variant);
}

bool TestLlmServer::Delay(const Config& config, const LlmLogEntry& entry,
                          const FaultParams& params) const {
  const double latency =
      DrawLatencySeconds(config.latency_median, config.latency_sigma, config.latency_seed,
                         entry.body_hash, entry.seen_before);
  if (!SleepFor(latency) || !WaitWhileHeld()) return false;
  if (entry.fault == LlmFault::kSlow) {
    return SleepFor(params.seconds >= 0 ? params.seconds : config.slow_seconds);
  }
  if (entry.fault == LlmFault::kTimeout) {
    SleepFor(params.seconds >= 0 ? params.seconds : config.timeout_seconds);
    return false;
  }
  return true;
}

bool TestLlmServer::RespondWithError(const Config& config, const FaultParams& params,
                                     LlmLogEntry* entry, httplib::Response& res) const {
  switch (entry->fault) {
    case LlmFault::kRateLimited: {
      const std::string& retry_after =
          params.retry_after.empty() ? config.retry_after : params.retry_after;
      if (!retry_after.empty()) res.set_header("Retry-After", retry_after);
      SetRateLimitHeaders(config.rate_limit, res);
      SetJson(res, 429, ErrorJson("Rate limit reached; retry later", "rate_limit_exceeded"));
      break;
    }
    case LlmFault::kServerError:
      SetJson(res, 500,
              ErrorJson("The server had an error processing your request", "server_error"));
      break;
    case LlmFault::kUnavailable:
      SetJson(res, 503, ErrorJson("The model is overloaded; retry later", "server_error"));
      break;
    case LlmFault::kBadRequest:
      SetJson(res, 400, ErrorJson("Injected bad request", "invalid_request_error"));
      break;
    default:
      return false;
  }
  entry->status = res.status;
  return true;
}

void TestLlmServer::RespondWithCompletion(const Config& config, RequestInfo& info,
                                          LlmLogEntry* entry, httplib::Response& res) const {
  const uint64_t key = AnswerKey(info);
  std::vector<CompletionAnswer> answers;
  for (int choice = 0; choice < info.n; ++choice) {
    info.choice = choice;
    CompletionAnswer answer{AnswerText(config, info, AnswerVariant(key, choice))};
    if (info.max_tokens && CountWords(answer.text) > static_cast<size_t>(*info.max_tokens)) {
      answer.text = FirstWords(answer.text, static_cast<size_t>(*info.max_tokens));
      answer.finish_reason = "length";
    }
    answers.push_back(std::move(answer));
  }
  const LlmFault fault = entry->fault;
  for (CompletionAnswer& answer : answers) {
    if (fault == LlmFault::kLength) {
      answer.text = FirstWords(answer.text, CountWords(answer.text) / 2);
      answer.finish_reason = "length";
    } else if (fault == LlmFault::kInvalidJson) {
      answer.text = "{\"oops\":";
    }
  }
  if (fault == LlmFault::kEmptyChoices) answers.clear();
  std::string body = CompletionJson(info, answers, key);
  if (fault == LlmFault::kDrop) {
    const size_t half = body.size() / 2;
    CutShort(std::move(body), half, res);
    return;  // status 0: no complete response
  }
  if (fault == LlmFault::kMalformed) body.resize(body.size() / 2);
  SetRateLimitHeaders(config.rate_limit, res);
  SetJson(res, 200, std::move(body));
  entry->status = 200;
  entry->success = (fault == LlmFault::kNone || fault == LlmFault::kSlow) && !answers.empty() &&
                   std::all_of(answers.begin(), answers.end(), [](const CompletionAnswer& answer) {
                     return answer.finish_reason == "stop";
                   });
}

LlmLogEntry TestLlmServer::Arrive(const httplib::Request& req) {
  LlmLogEntry entry;
  entry.route = req.path;
  entry.body_hash = BodyHash(req.body);
  const LlmRequestLog::Arrival arrival = log_.Arrive(entry.route, entry.body_hash);
  entry.sequence = arrival.sequence;
  entry.seen_before = arrival.seen_before;
  return entry;
}

void TestLlmServer::HandleCompletion(const httplib::Request& req, httplib::Response& res,
                                     LlmEndpoint endpoint) {
  const Clock::time_point start = Clock::now();
  InFlight in_flight(&log_);
  LlmLogEntry entry = Arrive(req);
  const std::shared_ptr<const Config> snapshot = config();
  Result<RequestInfo> info = ParseLlmRequest(req.body, endpoint);
  if (!info) {
    SetJson(res, 400, ErrorJson(info.error().message(), "invalid_request_error"));
    entry.status = 400;
  } else {
    entry.model = info->model;
    entry.structured = info->StructuredDialects();
    FaultParams params;
    entry.fault = NextFault(*snapshot, entry.body_hash, entry.seen_before, &params);
    if (entry.fault != LlmFault::kNone) log_.CountFault(entry.fault);
    if (!Delay(*snapshot, entry, params)) {
      StoppableHttpServer::AbortCurrentResponse();  // timed out, or stopping: no answer
    } else if (!RespondWithError(*snapshot, params, &entry, res)) {
      RespondWithCompletion(*snapshot, *info, &entry, res);
    }
  }
  entry.latency_seconds = SecondsSince(start);
  log_.Record(std::move(entry));
}

void TestLlmServer::HandleEmbeddings(const httplib::Request& req, httplib::Response& res) {
  const Clock::time_point start = Clock::now();
  InFlight in_flight(&log_);
  LlmLogEntry entry = Arrive(req);
  const std::shared_ptr<const Config> snapshot = config();
  Result<EmbeddingRequest> request = ParseEmbeddingRequest(req.body);
  if (!request) {
    SetJson(res, 400, ErrorJson(request.error().message(), "invalid_request_error"));
    entry.status = 400;
  } else {
    entry.model = request->model;
    // The same faults as completions, where they mean something for a vector.
    FaultParams params;
    entry.fault = NextFault(*snapshot, entry.body_hash, entry.seen_before, &params);
    if (entry.fault != LlmFault::kNone) log_.CountFault(entry.fault);
    if (!Delay(*snapshot, entry, params)) {
      StoppableHttpServer::AbortCurrentResponse();
    } else if (!RespondWithError(*snapshot, params, &entry, res)) {
      std::string body = EmbeddingsJson(request->inputs, request->dimension, request->model);
      if (entry.fault == LlmFault::kDrop) {
        const size_t half = body.size() / 2;
        CutShort(std::move(body), half, res);
      } else {
        if (entry.fault == LlmFault::kMalformed) body.resize(body.size() / 2);
        SetJson(res, 200, std::move(body));
        entry.status = 200;
        entry.success = entry.fault != LlmFault::kMalformed;
      }
    }
  }
  entry.latency_seconds = SecondsSince(start);
  log_.Record(std::move(entry));
}

void TestLlmServer::Route() {
  http_->Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
    HandleCompletion(req, res, LlmEndpoint::kChatCompletions);
  });
  http_->Post("/v1/completions", [this](const httplib::Request& req, httplib::Response& res) {
    HandleCompletion(req, res, LlmEndpoint::kCompletions);
  });
  http_->Post("/v1/embeddings", [this](const httplib::Request& req, httplib::Response& res) {
    HandleEmbeddings(req, res);
  });
  auto get = [this](const httplib::Request& req, httplib::Response& res, std::string body) {
    LlmLogEntry entry = Arrive(req);
    SetJson(res, 200, std::move(body));
    entry.status = 200;
    entry.success = true;
    log_.Record(std::move(entry));
  };
  http_->Get("/v1/models", [this, get](const httplib::Request& req, httplib::Response& res) {
    get(req, res, ModelsJson(config()->models));
  });
  http_->Get("/health", [get](const httplib::Request& req, httplib::Response& res) {
    get(req, res, "{\"status\":\"ok\"}");
  });
}

}  // namespace winnow::testutil
