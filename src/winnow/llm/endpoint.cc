#include "winnow/llm/endpoint.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <system_error>
#include <utility>

#include "winnow/net/async_http_client.h"

namespace winnow::llm {
namespace {

constexpr std::array<std::pair<Dialect, std::string_view>, 7> kDialectNames = {{
    {Dialect::kOpenAi, "openai"},
    {Dialect::kVllm, "vllm"},
    {Dialect::kVllmOld, "vllm-guided"},
    {Dialect::kLlamaCpp, "llama.cpp"},
    {Dialect::kTgi, "tgi"},
    {Dialect::kOllama, "ollama"},
    {Dialect::kPrompt, "prompt"},
}};

}  // namespace

std::string_view DialectName(Dialect dialect) {
  for (const auto& [value, name] : kDialectNames) {
    if (value == dialect) return name;
  }
  return "openai";
}

Result<Dialect> ParseDialect(std::string_view name) {
  for (const auto& [value, spelled] : kDialectNames) {
    if (spelled == name) return value;
  }
  if (name == "llamacpp" || name == "llama-cpp") return Dialect::kLlamaCpp;
  return Error(Status::InvalidArgument(fmt::format(
      "unknown dialect '{}' (expected openai, vllm, vllm-guided, llama.cpp, tgi, ollama or prompt)",
      name)));
}

Status ValidateEndpoint(const EndpointOptions& options) {
  auto bad = [&](std::string_view what) {
    return Status::InvalidArgument(fmt::format("endpoint '{}': {}", options.name, what));
  };
  if (options.name.empty()) return Status::InvalidArgument("an endpoint needs a name");
  if (options.model.empty()) return bad("model is required");
  if (options.replicas.empty()) return bad("base_url (or replicas) is required");
  for (const ReplicaOptions& replica : options.replicas) {
    if (replica.base_url.empty()) return bad("a replica has no base_url");
    if (!replica.base_url.starts_with("http://") && !replica.base_url.starts_with("https://")) {
      return bad(
          fmt::format("base_url '{}' must start with http:// or https://", replica.base_url));
    }
    if (!(replica.weight > 0)) return bad("replica weight must be > 0");
    if (replica.max_in_flight == 0) return bad("max_in_flight must be >= 1");
  }
  if (!(options.timeout_seconds > 0)) return bad("timeout must be > 0 seconds");
  if (options.max_attempts < 1) return bad("max_attempts must be >= 1");
  if (!(options.backoff.initial_seconds >= 0) ||
      !(options.backoff.max_seconds >= options.backoff.initial_seconds)) {
    return bad("need 0 <= backoff_initial <= backoff_max");
  }
  if (!(options.requests_per_minute >= 0) || !(options.tokens_per_minute >= 0)) {
    return bad("rate limits must be >= 0");
  }
  if (!(options.input_price_per_mtok >= 0) || !(options.output_price_per_mtok >= 0)) {
    return bad("prices must be >= 0");
  }
  Status http = CheckHttpVersionSupport(options.http_version);
  if (!http.ok()) return bad(http.message());
  if (!options.ca_file.empty()) {
    // Checked here, once: a missing file would otherwise fail every request as a TLS error.
    std::error_code error;
    if (!std::filesystem::is_regular_file(options.ca_file, error)) {
      return bad(fmt::format("ca_file '{}' is not a readable file", options.ca_file));
    }
  }
  return Status::OK();
}

}  // namespace winnow::llm
