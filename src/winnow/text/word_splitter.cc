#include "winnow/text/word_splitter.h"

#include "winnow/text/python_str.h"

namespace winnow {

// Placeholder until the NLTK-compatible tokenizer lands: whitespace words, one sentence per line.
void WordSplitter::Split(std::string_view text, std::vector<std::string_view>* words) {
  PythonSplitWhitespace(text, words);
}

void WordSplitter::SplitSentences(std::string_view text, std::vector<std::string_view>* sentences) {
  PythonSplitLines(text, sentences);
}

size_t WordSplitter::CountSentences(std::string_view text) {
  PythonSplitLines(text, &sentences_);
  return sentences_.size();
}

}  // namespace winnow
