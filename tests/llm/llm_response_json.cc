#include "llm/llm_response_json.h"

#include <fmt/format.h>

#include "embed/test_embedding_server.h"
#include "llm/llm_answers.h"
#include "winnow/record/json_builder.h"

namespace winnow::testutil {
namespace {

// A fixed "created" time keeps answers byte-identical across runs.
constexpr int64_t kCreated = 1700000000;

size_t PromptWords(const RequestInfo& info) {
  size_t words = CountWords(info.prompt);
  for (const llm::Message& message : info.messages) words += CountWords(message.content);
  return words;
}

void AppendUsage(size_t prompt_tokens, size_t completion_tokens, JsonBuilder* json) {
  json->Key("usage").BeginObject();
  json->Key("prompt_tokens").Int(static_cast<int64_t>(prompt_tokens));
  json->Key("completion_tokens").Int(static_cast<int64_t>(completion_tokens));
  json->Key("total_tokens").Int(static_cast<int64_t>(prompt_tokens + completion_tokens));
  json->EndObject();
}

}  // namespace

std::string CompletionJson(const RequestInfo& info, const std::vector<CompletionAnswer>& answers,
                           uint64_t id) {
  const bool chat = info.endpoint == LlmEndpoint::kChatCompletions;
  JsonBuilder json;
  json.BeginObject();
  json.Field("id", fmt::format("{}-{:016x}", chat ? "chatcmpl" : "cmpl", id));
  json.Field("object", chat ? "chat.completion" : "text_completion");
  json.Key("created").Int(kCreated);
  json.Field("model", info.model);
  json.Key("choices").BeginArray();
  size_t completion_tokens = 0;
  for (size_t i = 0; i < answers.size(); ++i) {
    json.BeginObject().Key("index").Int(static_cast<int64_t>(i));
    if (chat) {
      json.Key("message").BeginObject();
      json.Field("role", "assistant").Field("content", answers[i].text);
      json.EndObject();
    } else {
      json.Field("text", answers[i].text);
    }
    json.Key("logprobs").Null();
    json.Field("finish_reason", answers[i].finish_reason);
    json.EndObject();
    completion_tokens += CountWords(answers[i].text);
  }
  json.EndArray();
  AppendUsage(PromptWords(info), completion_tokens, &json);
  json.EndObject();
  return json.Take();
}

std::string EmbeddingsJson(const std::vector<std::string>& inputs, size_t dimension,
                           std::string_view model) {
  JsonBuilder json;
  json.BeginObject().Field("object", "list").Key("data").BeginArray();
  size_t words = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    json.BeginObject().Field("object", "embedding").Key("index").Int(static_cast<int64_t>(i));
    json.Key("embedding").BeginArray();
    for (float x : TestEmbeddingServer::ExpectedEmbedding(inputs[i], dimension)) json.Number(x);
    json.EndArray().EndObject();
    words += CountWords(inputs[i]);
  }
  json.EndArray().Field("model", model);
  json.Key("usage").BeginObject();
  json.Key("prompt_tokens").Int(static_cast<int64_t>(words));
  json.Key("total_tokens").Int(static_cast<int64_t>(words));
  json.EndObject().EndObject();
  return json.Take();
}

std::string ModelsJson(const std::vector<std::string>& models) {
  JsonBuilder json;
  json.BeginObject().Field("object", "list").Key("data").BeginArray();
  for (const std::string& model : models) {
    json.BeginObject().Field("id", model).Field("object", "model");
    json.Key("created").Int(kCreated).Field("owned_by", "winnow-test").EndObject();
  }
  json.EndArray().EndObject();
  return json.Take();
}

std::string ErrorJson(std::string_view message, std::string_view type) {
  JsonBuilder json;
  json.BeginObject().Key("error").BeginObject();
  json.Field("message", message).Field("type", type);
  json.Key("param").Null().Key("code").Null();
  json.EndObject().EndObject();
  return json.Take();
}

}  // namespace winnow::testutil
