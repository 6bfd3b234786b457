#pragma once

// Endpoints: where the LLM engine sends a model's requests. One named endpoint is one model
// served by one or more replicas (several vLLM/TGI/llama.cpp/Ollama servers, or a hosted API);
// the engine spreads load over the replicas by weight and keeps each one's window of in-flight
// requests full. Rate limits (requests and tokens per minute) apply to the endpoint as a whole,
// as hosted APIs count them per key and model.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/net/http_message.h"
#include "winnow/net/retry_policy.h"

namespace winnow::llm {

// How a server spells structured outputs (shared/specs/llm-pipelines.md).
enum class Dialect {
  kOpenAi,    // response_format json_schema (strict) / json_object; no regex or choice
  kVllm,      // structured_outputs {json|regex|choice} (vLLM >= 0.12)
  kVllmOld,   // guided_json / guided_regex / guided_choice (vLLM before 0.12)
  kLlamaCpp,  // json_schema, or grammar for regex/choice (never both)
  kTgi,       // grammar {type: json|regex, value}
  kOllama,    // format: <schema> (its OpenAI layer takes response_format too; we use format)
  kPrompt,    // no server support: the constraint is described in the prompt
};

std::string_view DialectName(Dialect dialect);
Result<Dialect> ParseDialect(std::string_view name);

struct ReplicaOptions {
  // Server root, with or without "/v1": "http://gpu1:8000", "https://api.openai.com/v1".
  std::string base_url;
  // Share of the endpoint's requests this replica gets, relative to the others; > 0.
  double weight = 1;
  // Requests in flight at once on this replica (the sliding window); >= 1.
  size_t max_in_flight = 32;
};

struct EndpointOptions {
  std::string name;   // how pipeline steps refer to it ("judge", "small")
  std::string model;  // sent as "model"; also the response cache's model key
  std::vector<ReplicaOptions> replicas;
  Dialect dialect = Dialect::kOpenAi;
  // Name of the environment variable holding the API key ("Authorization: Bearer ..."); empty
  // for none. Read once when the engine starts; an unset variable is an error then.
  std::string api_key_env;
  double timeout_seconds = 120;  // per HTTP request, connect to last byte; > 0
  int max_attempts = 6;          // tries per request, first included, for retryable failures
  BackoffOptions backoff;
  // Token buckets; 0 = unlimited. Tokens are estimated (prompt bytes / 4 + max_tokens) before a
  // request and corrected with the server's usage after it.
  double requests_per_minute = 0;
  double tokens_per_minute = 0;
  // US dollars per million tokens; 0 = free (local servers). Used for accounting and budgets.
  double input_price_per_mtok = 0;
  double output_price_per_mtok = 0;
  HttpVersion http_version = HttpVersion::kDefault;
  // Certificate authorities to trust for https replicas (PEM); empty for the system store.
  std::string ca_file;
};

// Checks ranges and required fields; the message names the endpoint and the option.
Status ValidateEndpoint(const EndpointOptions& options);

}  // namespace winnow::llm
