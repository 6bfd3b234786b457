#pragma once

// language_id: tags every text with its language and a confidence (CLD2, see
// text/language_detect.h for the codes and the score) and drops texts outside a list of languages
// or below a score. Rules, in order (the first failing one is the reject reason):
//   empty            blank text                                  "empty: no text"
//   language         the top language is not in `keep`            "language: fr not in [en]"
//   language_score   the score is below `min_score`               "language_score 0.42 < 0.65"
// Columns on kept records (and, with annotate, on every record): `language` ("en", "zh-Hant",
// "un") and `language_score`; with `top3`, `<language column>_top3` lists up to three languages
// with their shares of the text ([{"language":"en","share":0.8}, ...]).

#include <string>
#include <vector>

#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"
#include "winnow/text/language_detect.h"

namespace winnow {

struct LanguageIdOptions {
  // Languages to keep (canonical codes, see CanonicalLanguageCode); a code also keeps its subtags
  // ("zh" keeps "zh-Hant"). Empty keeps every language.
  std::vector<std::string> keep;
  Threshold min_score{0.65, false};  // drop below this score; off by default
  LanguageDetectorOptions detector;  // plain_text, hint
  std::string language_column = "language";
  std::string score_column = "language_score";
  bool top3 = false;  // add <language_column>_top3
};

class LanguageIdFilter : public Filter {
 public:
  // Fails on an unknown code in `keep` or `detector.hint`, or an empty column name.
  static Result<std::unique_ptr<Filter>> Create(LanguageIdOptions options);

  std::string_view name() const override { return "language_id"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  LanguageIdFilter(LanguageIdOptions options, LanguageDetector detector);
  void TagColumns(const LanguageGuess& guess, FilterResult* result) const;
  bool Kept(std::string_view language) const;

  LanguageIdOptions options_;
  LanguageDetector detector_;
  std::string keep_list_;  // "[en, fr]" for reasons
  std::string top3_column_;
};

}  // namespace winnow
