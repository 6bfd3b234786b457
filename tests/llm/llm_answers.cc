#include "llm/llm_answers.h"

#include <fmt/format.h>

#include "winnow/common/hash.h"
#include "winnow/common/utf8.h"

namespace winnow::testutil {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Separators that cannot occur in UTF-8 text keep the fields of the key apart.
void AppendField(std::string_view field, std::string* key) {
  key->append(field);
  key->push_back('\xff');
}

}  // namespace

uint64_t AnswerKey(const RequestInfo& info) {
  std::string key;
  AppendField(info.endpoint == LlmEndpoint::kChatCompletions ? "chat" : "completion", &key);
  AppendField(info.model, &key);
  for (const llm::Message& message : info.messages) {
    AppendField(message.role, &key);
    AppendField(message.content, &key);
  }
  AppendField(info.prompt, &key);
  AppendField(info.seed ? fmt::format("{}", *info.seed) : "-", &key);
  AppendField(info.temperature ? fmt::format("{}", *info.temperature) : "-", &key);
  return Hash64(key);
}

uint64_t AnswerVariant(uint64_t answer_key, int choice) {
  if (choice == 0) return answer_key;
  return Hash64(std::string_view(reinterpret_cast<const char*>(&answer_key), sizeof(answer_key)),
                static_cast<uint64_t>(choice));
}

std::string DefaultAnswer(const RequestInfo& info, uint64_t variant) {
  return fmt::format("Answer {:08x} to: {}", variant >> 32, Snippet(info.LastUserText(), 60));
}

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    if (IsSpace(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

std::string FirstWords(std::string_view text, size_t words) {
  if (words == 0) return "";
  size_t seen = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsSpace(text[i])) {
      if (in_word && seen == words) return std::string(text.substr(0, i));
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++seen;
    }
  }
  return std::string(text);
}

}  // namespace winnow::testutil
