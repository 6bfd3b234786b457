#include "winnow/llm/completion_parse.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "winnow/common/utf8.h"

namespace winnow::llm {
namespace {

Status Malformed(std::string_view what) { return Status::InvalidInput(std::string(what)); }

int64_t IntOr(simdjson::dom::element object, std::string_view key) {
  int64_t value = 0;
  if (object[key].get_int64().get(value)) return 0;
  return value;
}

// data[0].embedding as a compact JSON array. Every value must be a finite number: a vector with
// a hole or a NaN would poison every distance computed from it.
Result<ParsedCompletion> ParseEmbedding(simdjson::dom::element root) {
  simdjson::dom::array data;
  if (root["data"].get_array().get(data) || data.size() == 0) {
    return Error(Malformed("no data in the embeddings response"));
  }
  if (data.size() != 1) {
    return Error(Malformed(fmt::format("{} embeddings for one input", data.size())));
  }
  simdjson::dom::array vector;
  if (data.at(0)["embedding"].get_array().get(vector)) {
    return Error(Malformed("data[0].embedding is not an array (was encoding_format ignored?)"));
  }
  if (vector.size() == 0) return Error(Malformed("data[0].embedding is empty"));
  ParsedCompletion parsed;
  parsed.text.reserve(vector.size() * 12);
  parsed.text += '[';
  size_t i = 0;
  for (simdjson::dom::element value : vector) {
    double number = 0;
    if (value.get_double().get(number) || !std::isfinite(number)) {
      return Error(Malformed(fmt::format("data[0].embedding[{}] is not a finite number", i)));
    }
    if (i++ > 0) parsed.text += ',';
    fmt::format_to(std::back_inserter(parsed.text), "{}", number);  // shortest round-trip form
  }
  parsed.text += ']';
  parsed.finish_reason = "stop";
  simdjson::dom::element usage;
  if (!root["usage"].get(usage) && usage.is_object()) {
    parsed.usage.prompt_tokens = IntOr(usage, "prompt_tokens");
  }
  return parsed;
}

}  // namespace

Result<ParsedCompletion> ParseCompletionBody(std::string_view body, RequestKind kind,
                                             simdjson::dom::parser& parser) {
  simdjson::padded_string padded(body);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root)) {
    return Error(Malformed(fmt::format("not JSON ({})", simdjson::error_message(error))));
  }
  if (kind == RequestKind::kEmbedding) return ParseEmbedding(root);
  simdjson::dom::array choices;
  if (root["choices"].get_array().get(choices) || choices.size() == 0) {
    return Error(Malformed("no choices in the response"));
  }
  simdjson::dom::element choice = choices.at(0).value_unsafe();
  ParsedCompletion parsed;
  std::string_view text;
  if (kind == RequestKind::kChat) {
    simdjson::dom::element message;
    if (choice["message"].get(message)) return Error(Malformed("choices[0] has no message"));
    if (message["content"].get_string().get(text)) {
      std::string_view refusal;
      if (!message["refusal"].get_string().get(refusal)) {
        return Error(Malformed(fmt::format("the model refused: {}", Snippet(refusal, 200))));
      }
      return Error(Malformed("choices[0].message.content is not a string"));
    }
  } else if (choice["text"].get_string().get(text)) {
    return Error(Malformed("choices[0].text is not a string"));
  }
  parsed.text = std::string(text);
  std::string_view finish;
  if (!choice["finish_reason"].get_string().get(finish)) parsed.finish_reason = std::string(finish);
  simdjson::dom::element usage;
  if (!root["usage"].get(usage) && usage.is_object()) {
    parsed.usage.prompt_tokens = IntOr(usage, "prompt_tokens");
    parsed.usage.completion_tokens = IntOr(usage, "completion_tokens");
  }
  return parsed;
}

}  // namespace winnow::llm
