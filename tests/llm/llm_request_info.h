#pragma once

// RequestInfo: what the test LLM server understood of one OpenAI-style request body: the model,
// the conversation or prompt, the sampling parameters and the structured output asked for, in
// whichever server's dialect it was spelled. Tests read it in responders and in the request log
// to check what the engine sent.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llm/llm_structured_output.h"
#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::testutil {

enum class LlmEndpoint { kChatCompletions, kCompletions };

struct RequestInfo {
  LlmEndpoint endpoint = LlmEndpoint::kChatCompletions;
  std::string model;
  // kChatCompletions: the messages; a content given as an array of parts is the concatenation of
  // its text parts (joined by '\n'), a null content is empty.
  std::vector<llm::Message> messages;
  std::string prompt;  // kCompletions
  // Sampling parameters as sent; unset when absent.
  std::optional<uint64_t> seed;  // negative seeds are kept as their two's complement
  std::optional<double> temperature;
  std::optional<int64_t> max_tokens;  // max_tokens, or chat's max_completion_tokens
  int n = 1;                          // answers asked for (1..128)
  // Every structured-output request found, in the order of StructuredDialect; a well-behaved
  // client sends at most one.
  std::vector<StructuredOutputRequest> structured;
  // Which of the n answers is being asked for (0-based): set by the server before each call to a
  // responder.
  int choice = 0;

  // The last user message (chat) or the prompt (completions): what script rules match.
  std::string_view LastUserText() const;
  // The first structured-output request, or nullptr.
  const StructuredOutputRequest* structured_output() const {
    return structured.empty() ? nullptr : &structured.front();
  }
  // Dialect names joined by '+', "none" when there are none.
  std::string StructuredDialects() const;
};

// Parses a /v1/chat/completions or /v1/completions body. An error is what the server answers
// with HTTP 400: it names the field and the rule, e.g. "messages[1].content: expected a string,
// an array of parts or null", and rejects a strict OpenAI schema that OpenAI would reject.
Result<RequestInfo> ParseLlmRequest(std::string_view body, LlmEndpoint endpoint);

}  // namespace winnow::testutil
