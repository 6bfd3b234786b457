#pragma once

// gopher_repetition: Gopher's repetition rules (table A1 of Rae et al. 2021) as datatrove v0.3.0's
// GopherRepetitionFilter applies them, first failing rule wins (specs/filters.md). Character
// fractions divide by len(text) of the whole text.
//   dup_para_frac / dup_para_char_frac    paragraphs (re.split(r"\n{2,}", text.strip())) >
//   0.30/0.20 dup_line_frac / dup_line_char_frac    lines (re.split(r"\n+", text)) > 0.30 / 0.20
//   top_{2,3,4}_gram                      len(most common " "-joined n-gram) * count > .20/.18/.16
//   duplicated_{5..10}_n_grams            chars of repeated ""-joined n-grams > .15 ... .10

#include <string>
#include <utility>
#include <vector>

#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"
#include "winnow/text/duplicate_table.h"

namespace winnow {

struct GopherRepetitionOptions {
  Threshold dup_para_frac{0.3};
  Threshold dup_para_char_frac{0.2};
  Threshold dup_line_frac{0.3};
  Threshold dup_line_char_frac{0.2};
  // (n, fraction) pairs; n from 1 to 20.
  std::vector<std::pair<int, Threshold>> top_n_grams = {{2, {0.2}}, {3, {0.18}}, {4, {0.16}}};
  std::vector<std::pair<int, Threshold>> dup_n_grams = {{5, {0.15}}, {6, {0.14}}, {7, {0.13}},
                                                        {8, {0.12}}, {9, {0.11}}, {10, {0.10}}};
};

class GopherRepetitionFilter : public Filter {
 public:
  explicit GopherRepetitionFilter(GopherRepetitionOptions options);
  std::string_view name() const override { return "gopher_repetition"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  // Rule and measure names for each n ("top_2_gram", "duplicated_5_n_grams"), kept here so
  // measurements can point at them.
  std::vector<std::string> top_names_;
  std::vector<std::string> dup_names_;
  GopherRepetitionOptions options_;
};

}  // namespace winnow
