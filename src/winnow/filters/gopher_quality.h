#pragma once

// gopher_quality: Gopher's document quality rules (Rae et al. 2021) as datatrove v0.3.0's
// GopherQualityFilter applies them, first failing rule wins (specs/filters.md):
//   gopher_short_doc / gopher_long_doc       non-symbol words < 50 / > 100000
//   gopher_below/above_avg_threshold         mean length of non-symbol words < 3 / > 10
//   gopher_too_many_hashes / _ellipsis       '#' or ('...' + '…') per word > 0.1
//   gopher_too_many_bullets                  lines starting with '•' or '-' > 0.9
//   gopher_too_many_end_ellipsis             lines ending with '...' or '…' > 0.3
//   gopher_below_alpha_threshold             words with an alphabetic char < 0.8
//   gopher_enough_stop_words                 stop-word tokens (not distinct) < 2
// "Words" are NLTK-style tokens; a non-symbol word has a character outside the punctuation set.

#include <string>
#include <vector>

#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"

namespace winnow {

struct GopherQualityOptions {
  Threshold min_doc_words{50};
  Threshold max_doc_words{100000};
  Threshold min_avg_word_length{3};
  Threshold max_avg_word_length{10};
  Threshold max_symbol_word_ratio{0.1};
  Threshold max_bullet_lines_ratio{0.9};
  Threshold max_ellipsis_lines_ratio{0.3};
  Threshold max_non_alpha_words_ratio{0.8};  // the minimum share of words with a letter
  Threshold min_stop_words{2};
  std::vector<std::string> stop_words = {"the", "be", "to", "of", "and", "that", "have", "with"};
};

class GopherQualityFilter : public Filter {
 public:
  explicit GopherQualityFilter(GopherQualityOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "gopher_quality"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  bool IsStopWord(std::string_view word) const;
  GopherQualityOptions options_;
};

}  // namespace winnow
