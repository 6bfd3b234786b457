#pragma once

// The JSON bodies the test LLM server answers with, shaped exactly as OpenAI's.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "llm/llm_request_info.h"

namespace winnow::testutil {

struct CompletionAnswer {
  std::string text;
  std::string finish_reason = "stop";
};

// A chat.completion (choices[].message) or text_completion (choices[].text) answering `info`;
// `answers` may be empty (the empty-choices fault). Usage counts words (see CountWords).
// Deterministic: the id comes from `id`, "created" is a fixed time.
std::string CompletionJson(const RequestInfo& info, const std::vector<CompletionAnswer>& answers,
                           uint64_t id);

// {"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}: unit
// vectors from TestEmbeddingServer::ExpectedEmbedding.
std::string EmbeddingsJson(const std::vector<std::string>& inputs, size_t dimension,
                           std::string_view model);

// {"object":"list","data":[{"id","object":"model","created","owned_by"}]}.
std::string ModelsJson(const std::vector<std::string>& models);

// {"error":{"message","type","param":null,"code":null}}, as OpenAI reports errors.
std::string ErrorJson(std::string_view message, std::string_view type);

}  // namespace winnow::testutil
