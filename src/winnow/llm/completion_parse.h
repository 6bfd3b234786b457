#pragma once

// Reading an OpenAI-compatible completion body: the answer text, why generation stopped, and the
// token counts.

#include <simdjson.h>

#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::llm {

struct ParsedCompletion {
  std::string text;
  std::string finish_reason;
  TokenUsage usage;
};

// Parses a 2xx body from chat/completions (choices[0].message.content), completions
// (choices[0].text) or embeddings (data[0].embedding, returned as a compact JSON array).
// InvalidInput says what is wrong ("no choices", "content is not a string", "the model refused:
// ..."); the engine treats it as a malformed response and retries.
Result<ParsedCompletion> ParseCompletionBody(std::string_view body, RequestKind kind,
                                             simdjson::dom::parser& parser);

}  // namespace winnow::llm
