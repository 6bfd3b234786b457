#pragma once

// Punkt sentence splitting as NLTK 3.8's PunktSentenceTokenizer.tokenize() does it, the split
// behind datatrove's sentence counts and word_tokenize, reproduced sentence for sentence for the
// same parameters (winnow ships its own English ones, see punkt_parameters.h).
//
// Punkt finds each ".", "?" or "!" followed by punctuation or by whitespace and a token, takes the
// word before it and the token after it as context, and decides on that context alone: the mark
// ends a sentence unless the word is a known abbreviation, an initial or a number followed by a
// word that looks sentence-internal. Boundaries then move past closing quotes and brackets.
// Whitespace and word characters are Unicode as in Python; invalid UTF-8 bytes count one
// character each, neither word nor space.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/punkt_parameters.h"

namespace winnow {

// Not thread-safe: use one per worker (scratch buffers are reused, so splitting allocates nothing
// once they have grown). Borrows `parameters`, which must outlive it.
class SentenceSplitter {
 public:
  explicit SentenceSplitter(const PunktParameters& parameters = EnglishPunktParameters())
      : parameters_(&parameters) {}
  explicit SentenceSplitter(PunktParameters&& parameters) = delete;  // would dangle

  // Replaces *sentences with the sentences of `text`, in order: views of `text`, never empty.
  // As in NLTK, none ends with whitespace, and only the first can start with some.
  void Split(std::string_view text, std::vector<std::string_view>* sentences);

  // The number of sentences Split would return.
  size_t Count(std::string_view text);

 private:
  struct Span {
    size_t begin;
    size_t end;
  };
  // A word of Punkt's own tokenisation of a context, with its annotations.
  struct Token {
    std::string_view text;
    bool sentence_break = false;
    bool abbreviation = false;
    bool ellipsis = false;
  };

  void FindSlices(std::string_view text);
  void Realign(std::string_view text, std::vector<std::string_view>* sentences);
  bool ContainsSentenceBreak(std::string_view context);
  void FirstPass(Token* token);
  void SecondPass(Token* token, const Token& next);
  bool IsAbbreviation(std::string_view token);
  bool IsSentenceStarter(const Token& token);

  const PunktParameters* parameters_;
  std::vector<Span> slices_;
  std::vector<Token> tokens_;
  std::vector<std::string_view> counted_;
  std::string lower_;
};

}  // namespace winnow
