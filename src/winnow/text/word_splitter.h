#pragma once

// WordSplitter: the word and sentence splitting datatrove's English filters get from NLTK
// (word_tokenize = Punkt sentences, then the Treebank-style word tokenizer on each, tokens stripped
// and empty ones dropped; sent_tokenize for C4's sentence count). One per worker: it keeps scratch
// buffers. Tokens are views into the text, or into static storage for the quote tokens NLTK
// rewrites ("``", "''").

#include <cstddef>
#include <string_view>
#include <vector>

namespace winnow {

class WordSplitter {
 public:
  // Replaces *words with the words of `text`.
  void Split(std::string_view text, std::vector<std::string_view>* words);
  // Replaces *sentences with the sentences of `text` (sent_tokenize(text), stripped).
  void SplitSentences(std::string_view text, std::vector<std::string_view>* sentences);
  // Number of sentences in `text` (len(sent_tokenize(text))).
  size_t CountSentences(std::string_view text);

 private:
  std::vector<std::string_view> sentences_;
};

}  // namespace winnow
