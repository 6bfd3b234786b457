#include "winnow/llm/completion_parse.h"

#include <fmt/format.h>

#include "winnow/common/utf8.h"

namespace winnow::llm {
namespace {

Status Malformed(std::string_view what) { return Status::InvalidInput(std::string(what)); }

int64_t IntOr(simdjson::dom::element object, std::string_view key) {
  int64_t value = 0;
  if (object[key].get_int64().get(value)) return 0;
  return value;
}

}  // namespace

Result<ParsedCompletion> ParseCompletionBody(std::string_view body, RequestKind kind,
                                             simdjson::dom::parser& parser) {
  simdjson::padded_string padded(body);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root)) {
    return Error(Malformed(fmt::format("not JSON ({})", simdjson::error_message(error))));
  }
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
