#include "winnow/text/word_splitter.h"

namespace winnow {

void WordSplitter::Split(std::string_view text, std::vector<std::string_view>* words) {
  words->clear();
  sentence_splitter_.Split(text, &sentences_);
  // NLTK's tokens never hold whitespace, so datatrove's strip-and-drop-empty changes nothing.
  for (std::string_view sentence : sentences_) tokenizer_.Tokenize(sentence, words);
}

void WordSplitter::Split(std::string_view text, std::vector<std::string_view>* words,
                         std::vector<size_t>* sentence_ends) {
  words->clear();
  sentence_ends->clear();
  sentence_splitter_.Split(text, &sentences_);
  for (std::string_view sentence : sentences_) {
    tokenizer_.Tokenize(sentence, words);
    sentence_ends->push_back(words->size());
  }
}

}  // namespace winnow
