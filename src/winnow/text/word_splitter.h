#pragma once

// Words as datatrove v0.3.0 counts them for English (split_into_words): NLTK's word_tokenize,
// i.e. Punkt sentences (sentence_splitter.h) each split by NLTK's word tokenizer
// (word_tokenizer.h), every token stripped of whitespace and empty ones dropped.

#include <string_view>
#include <vector>

#include "winnow/text/punkt_parameters.h"
#include "winnow/text/sentence_splitter.h"
#include "winnow/text/word_tokenizer.h"

namespace winnow {

// Not thread-safe: use one per worker; it reuses its buffers across texts. Borrows `parameters`,
// which must outlive it.
class WordSplitter {
 public:
  explicit WordSplitter(const PunktParameters& parameters = EnglishPunktParameters())
      : sentence_splitter_(parameters) {}
  explicit WordSplitter(PunktParameters&& parameters) = delete;  // would dangle

  // Replaces *words with the words of `text`, in order. Each views `text` (valid while it is),
  // except the "``" and "''" NLTK writes for double quotes, which view static storage.
  void Split(std::string_view text, std::vector<std::string_view>* words);
  // Same, also giving for each sentence the number of words up to its end (words of sentence k
  // are (*sentence_ends)[k-1] .. (*sentence_ends)[k]); the sentences are last_sentences().
  void Split(std::string_view text, std::vector<std::string_view>* words,
             std::vector<size_t>* sentence_ends);
  const std::vector<std::string_view>& last_sentences() const { return sentences_; }

  // sent_tokenize(text): replaces *sentences (views of `text`), and the count alone (C4's rule).
  void SplitSentences(std::string_view text, std::vector<std::string_view>* sentences) {
    sentence_splitter_.Split(text, sentences);
  }
  size_t CountSentences(std::string_view text) { return sentence_splitter_.Count(text); }

 private:
  SentenceSplitter sentence_splitter_;
  WordTokenizer tokenizer_;
  std::vector<std::string_view> sentences_;
};

}  // namespace winnow
