// Fuzzes NLTK-compatible word and sentence splitting (any bytes, invalid UTF-8 included). Beyond
// not crashing, checks the contracts callers rely on: sentences are non-empty, ordered,
// non-overlapping views of the text; tokens are non-empty views of it in order, or the static
// "``" and "''"; no token holds whitespace or a double quote (NLTK rewrites every one).

#include <cstdint>
#include <string_view>
#include <vector>

#include "winnow/text/sentence_splitter.h"
#include "winnow/text/word_splitter.h"
#include "winnow/text/word_tokenizer.h"

namespace {

bool Inside(std::string_view part, std::string_view text) {
  return part.data() >= text.data() && part.data() + part.size() <= text.data() + text.size();
}

// Tokens in order within `text`, or rewritten quotes; none empty, with whitespace or with '"'.
void CheckTokens(std::string_view text, const std::vector<std::string_view>& tokens) {
  const char* end = text.data();
  for (std::string_view token : tokens) {
    if (token.empty()) __builtin_trap();
    if (!Inside(token, text)) {
      if (token != "``" && token != "''") __builtin_trap();
      continue;
    }
    if (token.data() < end) __builtin_trap();
    end = token.data() + token.size();
    for (char c : token) {
      if (c == '"' || c == ' ' || c == '\t' || c == '\n' || c == '\r') __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static winnow::SentenceSplitter sentence_splitter;
  static winnow::WordTokenizer tokenizer;
  static winnow::WordSplitter word_splitter;

  std::vector<std::string_view> sentences;
  sentence_splitter.Split(text, &sentences);
  if (sentence_splitter.Count(text) != sentences.size()) __builtin_trap();
  const char* end = text.data();
  for (std::string_view sentence : sentences) {
    if (sentence.empty() || !Inside(sentence, text) || sentence.data() < end) __builtin_trap();
    end = sentence.data() + sentence.size();
  }

  std::vector<std::string_view> tokens;
  tokenizer.Tokenize(text, &tokens);
  CheckTokens(text, tokens);

  std::vector<std::string_view> words;
  word_splitter.Split(text, &words);
  CheckTokens(text, words);
  tokens.clear();
  for (std::string_view sentence : sentences) tokenizer.Tokenize(sentence, &tokens);
  if (tokens != words) __builtin_trap();
  return 0;
}
