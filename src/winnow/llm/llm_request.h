#pragma once

// LlmRequest / LlmResult: one call to an OpenAI-compatible model, in a form independent of the
// server it goes to. The engine turns a request into the server's dialect (chat completions or
// completions, structured outputs as vLLM, llama.cpp, TGI or OpenAI spell them), and the response
// cache keys on this neutral form, so replicas of one model share cached answers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::llm {

// One chat turn. `role` is system, user or assistant.
struct Message {
  std::string role;
  std::string content;
};

enum class RequestKind {
  kChat,        // POST /v1/chat/completions with `messages`
  kCompletion,  // POST /v1/completions with `prompt`
  kEmbedding,   // POST /v1/embeddings with `prompt` as the input; the answer is a JSON array
};

// What the answer must look like. The engine asks the server for it in the server's own dialect
// (or, for servers with none, describes it in the prompt) and always checks the answer locally.
struct OutputConstraint {
  enum class Kind {
    kNone,
    kJsonSchema,  // the answer is JSON valid against `schema_json` (draft 2020-12 subset)
    kJsonObject,  // the answer is any JSON object
    kRegex,       // the whole answer matches `regex` (RE2 syntax)
    kChoice,      // the answer is exactly one of `choices`
  };
  Kind kind = Kind::kNone;
  std::string schema_json;
  std::string schema_name = "output";  // OpenAI's json_schema.name
  std::string regex;
  std::vector<std::string> choices;
};

// Sampling parameters; unset optionals are not sent (the server's default applies).
struct SamplingParams {
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<double> frequency_penalty;
  std::optional<double> presence_penalty;
  // Always sent: a server default (distilabel's 128) silently truncates. Must be >= 1.
  int64_t max_tokens = 1024;
  // Sent as `seed`; the pipeline derives one per row from its own seed, so a re-run asks the same
  // questions and server-side caches can hit.
  std::optional<uint64_t> seed;
  std::vector<std::string> stop;
};

struct LlmRequest {
  RequestKind kind = RequestKind::kChat;
  std::vector<Message> messages;  // kChat
  std::string prompt;             // kCompletion; the text to embed for kEmbedding
  SamplingParams sampling;
  OutputConstraint output;
};

// Why a request failed for good (after retries). Stable names (FailureClassName) appear in
// failure records and counters.
enum class FailureClass {
  kNone,
  kRateLimited,        // 429 after every attempt
  kServerError,        // 5xx after every attempt
  kTimeout,            // the user's timeout, every attempt
  kConnection,         // refused, reset, dropped mid-response
  kClientError,        // a 4xx other than 429 (bad request, auth): not retried
  kMalformedResponse,  // a 2xx whose body is not a completion (bad JSON, no choices)
  kTruncated,          // finish_reason "length": the answer was cut off
  kInvalidOutput,      // the answer broke its OutputConstraint or the task's parser, every re-ask
  kBudget,             // not sent: the run's budget was spent
  kCancelled,          // not sent or abandoned: the run was stopped
};

std::string_view FailureClassName(FailureClass failure);

struct TokenUsage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

struct LlmResult {
  bool ok() const { return failure == FailureClass::kNone; }

  // The answer (also kept on failures where one arrived). For kEmbedding, the vector as a JSON
  // array of numbers: "[0.12,-0.5,...]".
  std::string text;
  std::string finish_reason;  // "stop", "length", ... as the server said
  TokenUsage usage;
  FailureClass failure = FailureClass::kNone;
  std::string error;     // one line for people: "HTTP 500 from http://...: upstream down"
  long http_status = 0;  // the last HTTP status (0: none arrived)
  int attempts = 0;      // HTTP requests sent for this call (0 for a cache hit)
  bool from_cache = false;
  std::string model;     // the served model name
  std::string endpoint;  // the replica's base URL that answered (empty for a cache hit)
  double seconds = 0;    // wall time from submission to result
};

}  // namespace winnow::llm
