// Fuzzes what winnow reads from LLM servers: completion, chat and embedding bodies, Retry-After and
// the x-ratelimit-* headers. Any input must parse or fail with a message, never crash; parsed
// values must keep the parsers' promises (an embedding is a JSON array of finite numbers, waits are
// finite and not negative).

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/llm/completion_parse.h"
#include "winnow/llm/rate_limit_headers.h"
#include "winnow/net/retry_policy.h"

namespace {

void CheckEmbeddingText(const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::dom::array vector;
  if (parser.parse(text).get_array().get(vector) || vector.size() == 0) __builtin_trap();
  for (simdjson::dom::element value : vector) {
    double number = 0;
    if (value.get_double().get(number) || !std::isfinite(number)) __builtin_trap();
  }
}

void FuzzBodies(std::string_view body) {
  simdjson::dom::parser parser;
  for (winnow::llm::RequestKind kind :
       {winnow::llm::RequestKind::kChat, winnow::llm::RequestKind::kCompletion,
        winnow::llm::RequestKind::kEmbedding}) {
    auto parsed = winnow::llm::ParseCompletionBody(body, kind, parser);
    if (!parsed.has_value()) {
      if (parsed.error().message().empty()) __builtin_trap();
      continue;
    }
    if (kind == winnow::llm::RequestKind::kEmbedding) CheckEmbeddingText(parsed->text);
  }
}

void CheckWait(double seconds, bool may_be_unreadable) {
  if (may_be_unreadable && seconds == -1) return;
  if (!std::isfinite(seconds) || seconds < 0) __builtin_trap();
}

// Lines "name: value" as response headers.
void FuzzHeaders(std::string_view text) {
  winnow::HttpResponse response;
  response.status = 429;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      response.headers.emplace_back(std::string(line.substr(0, colon)),
                                    std::string(line.substr(colon + 1)));
    }
    CheckWait(winnow::ParseRetryAfter(line), true);
    CheckWait(winnow::llm::ParseResetDuration(line), true);
    start = end + 1;
  }
  CheckWait(winnow::llm::ReadRateLimitHeaders(response).seconds, false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  FuzzBodies(text);
  FuzzHeaders(text);
  return 0;
}
