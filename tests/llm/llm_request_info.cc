#include "llm/llm_request_info.h"

#include <fmt/format.h>
#include <simdjson.h>

namespace winnow::testutil {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Status Invalid(std::string_view field, std::string_view rule) {
  return Status::InvalidInput(fmt::format("{}: {}", field, rule));
}

// A message content: a string, null, or OpenAI's array of parts ({"type": "text", "text"}).
Status ReadContent(element content, std::string_view field, std::string* out) {
  std::string_view text;
  if (content.get_string().get(text) == simdjson::SUCCESS) {
    *out = std::string(text);
    return Status::OK();
  }
  if (content.is_null()) return Status::OK();
  array parts;
  if (content.get_array().get(parts) != simdjson::SUCCESS) {
    return Invalid(field, "expected a string, an array of parts or null");
  }
  for (element part : parts) {
    if (part.at_key("text").get_string().get(text) != simdjson::SUCCESS) continue;
    if (!out->empty()) out->push_back('\n');
    out->append(text);
  }
  return Status::OK();
}

Status ReadMessages(object body, RequestInfo* info) {
  array messages;
  if (body.at_key("messages").get_array().get(messages) != simdjson::SUCCESS) {
    return Invalid("messages", "missing (an array of {role, content})");
  }
  size_t i = 0;
  for (element message : messages) {
    const std::string field = fmt::format("messages[{}]", i++);
    std::string_view role;
    if (message.at_key("role").get_string().get(role) != simdjson::SUCCESS) {
      return Invalid(field + ".role", "missing (a string)");
    }
    llm::Message parsed{std::string(role), ""};
    element content;
    if (message.at_key("content").get(content) == simdjson::SUCCESS) {
      WINNOW_RETURN_IF_ERROR(ReadContent(content, field + ".content", &parsed.content));
    }
    info->messages.push_back(std::move(parsed));
  }
  if (info->messages.empty()) return Invalid("messages", "expected at least one message");
  return Status::OK();
}

Status ReadSampling(object body, RequestInfo* info) {
  element value;
  if (body.at_key("seed").get(value) == simdjson::SUCCESS && !value.is_null()) {
    uint64_t seed = 0;
    int64_t signed_seed = 0;
    if (value.get_uint64().get(seed) == simdjson::SUCCESS) {
      info->seed = seed;
    } else if (value.get_int64().get(signed_seed) == simdjson::SUCCESS) {
      info->seed = static_cast<uint64_t>(signed_seed);
    } else {
      return Invalid("seed", "expected an integer");
    }
  }
  if (body.at_key("temperature").get(value) == simdjson::SUCCESS && !value.is_null()) {
    double temperature = 0;
    if (value.get_double().get(temperature)) return Invalid("temperature", "expected a number");
    info->temperature = temperature;
  }
  for (std::string_view key : {"max_completion_tokens", "max_tokens"}) {
    if (body.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) continue;
    int64_t max_tokens = 0;
    if (value.get_int64().get(max_tokens) || max_tokens < 1) {
      return Invalid(key, "expected an integer >= 1");
    }
    info->max_tokens = max_tokens;
    break;
  }
  if (body.at_key("n").get(value) == simdjson::SUCCESS && !value.is_null()) {
    int64_t n = 0;
    if (value.get_int64().get(n) || n < 1 || n > 128) return Invalid("n", "expected 1..128");
    info->n = static_cast<int>(n);
  }
  bool stream = false;
  if (body.at_key("stream").get_bool().get(stream) == simdjson::SUCCESS && stream) {
    return Invalid("stream", "the test server does not stream; send \"stream\": false");
  }
  return Status::OK();
}

}  // namespace

std::string_view RequestInfo::LastUserText() const {
  if (endpoint == LlmEndpoint::kCompletions) return prompt;
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == "user") return it->content;
  }
  return {};
}

std::string RequestInfo::StructuredDialects() const {
  if (structured.empty()) return "none";
  std::string names;
  for (const StructuredOutputRequest& request : structured) {
    if (!names.empty()) names += '+';
    names += StructuredDialectName(request.dialect);
  }
  return names;
}

Result<RequestInfo> ParseLlmRequest(std::string_view body, LlmEndpoint endpoint) {
  // One parser per handler thread: parsers keep their buffers between requests.
  thread_local simdjson::dom::parser parser;
  object root;
  if (auto error = parser.parse(body.data(), body.size()).get_object().get(root)) {
    return Error(Status::InvalidInput(
        fmt::format("request body: expected a JSON object ({})", simdjson::error_message(error))));
  }
  RequestInfo info;
  info.endpoint = endpoint;
  std::string_view model;
  if (root.at_key("model").get_string().get(model) != simdjson::SUCCESS) {
    return Error(Invalid("model", "missing (a string)"));
  }
  info.model = std::string(model);
  if (endpoint == LlmEndpoint::kChatCompletions) {
    WINNOW_RETURN_IF_ERROR(ReadMessages(root, &info));
  } else {
    std::string_view prompt;
    if (root.at_key("prompt").get_string().get(prompt) != simdjson::SUCCESS) {
      return Error(Invalid("prompt", "missing (a string; the test server takes one prompt)"));
    }
    info.prompt = std::string(prompt);
  }
  WINNOW_RETURN_IF_ERROR(ReadSampling(root, &info));
  WINNOW_RETURN_IF_ERROR(ParseStructuredOutputs(root, &info.structured));
  return info;
}

}  // namespace winnow::testutil
