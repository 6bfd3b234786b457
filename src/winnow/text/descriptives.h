#pragma once

// Text descriptives (specs/descriptives.md, after TextDescriptives v2.8 and the Gopher/C4
// quality signals): counts, sentence and word lengths, syllables, readability formulas and
// repetition/quality ratios of one text.
//
// Definitions used throughout:
//   tokens     NLTK-style word tokens (WordSplitter), punctuation tokens included
//   words      tokens with at least one character outside the punctuation set
//   sentences  Punkt sentences (WordSplitter::SplitSentences); a text with words has at least 1
//   syllables  SyllableCounter (hyphenation dictionary, or the stated vowel-group fallback)
//   hard words words of 3 or more syllables; long words: more than 6 characters
//   chars      len(text) in code points for the repetition fractions; letters-and-digits of the
//              words (sum of word lengths) for the readability formulas, as TextDescriptives
// Undefined values (a ratio over zero words, SMOG below 3 sentences) are NaN and become null
// columns.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/text/duplicate_table.h"
#include "winnow/text/ngram_text.h"
#include "winnow/text/syllables.h"
#include "winnow/text/unigram_model.h"
#include "winnow/text/word_splitter.h"

namespace winnow {

// Metric groups, selectable with --groups.
enum DescriptiveGroup : uint32_t {
  kDescriptiveStats = 1u << 0,  // n_characters, n_tokens, n_unique_tokens, sentences, lengths
  kReadability = 1u << 1,       // flesch..., smog, gunning_fog, ari, coleman_liau, lix, rix
  kQuality = 1u << 2,           // alpha_ratio, symbols, bullets, ellipsis, duplicate fractions
  kAllTextGroups = kDescriptiveStats | kReadability | kQuality,
  // entropy and perplexity under the dataset's unigram model (unigram_model.h): needs a first
  // pass over the data, so it is asked for by name, not part of "all".
  kEntropy = 1u << 3,
};

// "descriptive_stats,readability" -> bits; "all" is the three text groups, "entropy" adds the
// unigram measures. Unknown names are an error.
Result<uint32_t> ParseDescriptiveGroups(std::string_view text);

struct Descriptives {
  // (name, value) in a fixed order per group selection; names are string literals.
  std::vector<std::pair<const char*, double>> values;
  void Clear() { values.clear(); }
  void Add(const char* name, double value) { values.emplace_back(name, value); }
};

class DescriptivesCalculator {
 public:
  explicit DescriptivesCalculator(uint32_t groups,
                                  const std::string& hyphen_dictionary = kDefaultHyphenDictionary)
      : groups_(groups), syllables_(hyphen_dictionary) {}

  bool uses_hyphenation_dictionary() const { return syllables_.uses_dictionary(); }

  // Replaces *out with the metrics of `text`. With kEntropy, `unigram` must be the dataset's model.
  void Compute(std::string_view text, Descriptives* out, const UnigramModel* unigram = nullptr);

  // The words of the last Compute (for dataset-level measures such as distinct-n).
  const std::vector<std::string_view>& last_words() const { return words_; }

 private:
  void AddDescriptiveStats(std::string_view text, Descriptives* out);
  void AddReadability(Descriptives* out);
  void AddQuality(std::string_view text, Descriptives* out);

  uint32_t groups_;
  WordSplitter splitter_;
  SyllableCounter syllables_;
  std::vector<std::string_view> tokens_;
  std::vector<std::string_view> words_;
  std::vector<size_t> sentence_ends_;
  std::vector<std::string_view> pieces_;
  std::vector<double> scratch_;
  std::string lowered_buffer_;
  std::vector<std::string_view> lowered_views_;
  std::string lowered_word_;
  std::vector<double> syllables_per_word_;
  DuplicateTable table_;
  NGramText ngrams_;
  // Shared between groups within one Compute.
  double n_words_ = 0, n_sentences_ = 0, word_chars_ = 0, syllables_total_ = 0, hard_words_ = 0,
         long_words_ = 0;
};

}  // namespace winnow
