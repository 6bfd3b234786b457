#pragma once

// The JSON bodies the engine sends, one per server dialect, and the neutral form the response
// cache keys on.

#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/llm/endpoint.h"
#include "winnow/llm/llm_request.h"

namespace winnow::llm {

// The route the request goes to under the server root: "chat/completions", "completions" or
// "embeddings".
std::string_view RequestRoute(const LlmRequest& request);

// The body for `model` on a server speaking `dialect`. Constraints a dialect cannot express
// (regex on OpenAI, say) are described in the prompt instead; the engine checks every answer
// locally whatever the server promised.
std::string BuildRequestBody(const LlmRequest& request, std::string_view model, Dialect dialect);

// The request in a dialect-free canonical JSON form: the same question to the same model gives
// the same text whichever replica or dialect serves it.
std::string CanonicalRequestJson(const LlmRequest& request, std::string_view model);

// The response cache key: XXH3-128 of the canonical form, as 32 hex digits.
std::string RequestCacheKey(const LlmRequest& request, std::string_view model);

// What the prompt fallback adds to the last user turn (or the completion prompt) to ask for the
// constraint; empty for kNone.
std::string ConstraintInstructions(const OutputConstraint& output);

}  // namespace winnow::llm
