#include "winnow/filters/gopher_quality.h"

#include <cmath>
#include <limits>

#include "winnow/common/utf8.h"
#include "winnow/text/punctuation.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

// True when some code point of `word` is outside the punctuation set.
bool IsNonSymbolWord(std::string_view word) {
  for (size_t pos = 0; pos < word.size();) {
    if (!IsPunctuation(DecodeUtf8(word, &pos))) return true;
  }
  return false;
}

bool StartsWithBullet(std::string_view line) {
  std::string_view stripped = PythonLStrip(line);
  return stripped.starts_with("\u2022") || stripped.starts_with("-");
}

bool EndsWithEllipsis(std::string_view line) {
  std::string_view stripped = PythonRStrip(line);
  return stripped.ends_with("...") || stripped.ends_with("\u2026");
}

double Ratio(double part, double whole) { return whole == 0 ? 0.0 : part / whole; }

}  // namespace

bool GopherQualityFilter::IsStopWord(std::string_view word) const {
  for (const std::string& stop : options_.stop_words) {
    if (word == stop) return true;
  }
  return false;
}

void GopherQualityFilter::Check(FilterDocument& doc, FilterResult* out) const {
  if (doc.blank() && out->Fail("empty", "no text")) return;
  const GopherQualityOptions& o = options_;
  const std::vector<std::string_view>& words = doc.words();
  size_t non_symbol = 0;
  size_t non_symbol_chars = 0;
  size_t alpha_words = 0;
  size_t stop_words = 0;
  for (std::string_view word : words) {
    if (IsNonSymbolWord(word)) {
      ++non_symbol;
      non_symbol_chars += CountCodePoints(word);
    }
    if (HasPythonAlpha(word)) ++alpha_words;
    if (IsStopWord(word)) ++stop_words;
  }
  const double n_words = static_cast<double>(words.size());
  if (out->Check("gopher_short_doc", "non_symbol_words", non_symbol, Comparison::kLess,
                 o.min_doc_words.value, o.min_doc_words.enabled) ||
      out->Check("gopher_long_doc", "non_symbol_words", non_symbol, Comparison::kGreater,
                 o.max_doc_words.value, o.max_doc_words.enabled)) {
    return;
  }
  // np.mean of no words is NaN, which fails no comparison: such a text passes both rules.
  const double avg = non_symbol == 0 ? std::numeric_limits<double>::quiet_NaN()
                                     : static_cast<double>(non_symbol_chars) / non_symbol;
  if (out->Check("gopher_below_avg_threshold", "avg_word_length", avg, Comparison::kLess,
                 o.min_avg_word_length.value, o.min_avg_word_length.enabled) ||
      out->Check("gopher_above_avg_threshold", "avg_word_length", avg, Comparison::kGreater,
                 o.max_avg_word_length.value, o.max_avg_word_length.enabled)) {
    return;
  }
  std::string_view text = doc.text();
  const double hashes = Ratio(CountOccurrences(text, "#"), n_words);
  if (out->Check("gopher_too_many_hashes", "hash_word_ratio", hashes, Comparison::kGreater,
                 o.max_symbol_word_ratio.value, o.max_symbol_word_ratio.enabled)) {
    return;
  }
  const double ellipses =
      Ratio(CountOccurrences(text, "...") + CountOccurrences(text, "\u2026"), n_words);
  if (out->Check("gopher_too_many_ellipsis", "ellipsis_word_ratio", ellipses, Comparison::kGreater,
                 o.max_symbol_word_ratio.value, o.max_symbol_word_ratio.enabled)) {
    return;
  }
  const std::vector<std::string_view>& lines = doc.lines();
  size_t bullets = 0;
  size_t end_ellipses = 0;
  for (std::string_view line : lines) {
    if (StartsWithBullet(line)) ++bullets;
    if (EndsWithEllipsis(line)) ++end_ellipses;
  }
  const double n_lines = static_cast<double>(lines.size());
  if (out->Check("gopher_too_many_bullets", "bullet_lines_ratio", Ratio(bullets, n_lines),
                 Comparison::kGreater, o.max_bullet_lines_ratio.value,
                 o.max_bullet_lines_ratio.enabled) ||
      out->Check("gopher_too_many_end_ellipsis", "end_ellipsis_lines_ratio",
                 Ratio(end_ellipses, n_lines), Comparison::kGreater,
                 o.max_ellipsis_lines_ratio.value, o.max_ellipsis_lines_ratio.enabled) ||
      out->Check("gopher_below_alpha_threshold", "alpha_words_ratio", Ratio(alpha_words, n_words),
                 Comparison::kLess, o.max_non_alpha_words_ratio.value,
                 o.max_non_alpha_words_ratio.enabled)) {
    return;
  }
  out->Check("gopher_enough_stop_words", "stop_words", stop_words, Comparison::kLess,
             o.min_stop_words.value, o.min_stop_words.enabled);
}

}  // namespace winnow
