#include "winnow/text/descriptives.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "winnow/common/utf8.h"
#include "winnow/text/punctuation.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double part, double whole) { return whole == 0 ? kNaN : part / whole; }

// Mean, median and population standard deviation (numpy's defaults, as TextDescriptives).
void AddSpread(const char* mean_name, const char* median_name, const char* std_name,
               std::vector<double>* values, Descriptives* out) {
  if (values->empty()) {
    out->Add(mean_name, kNaN);
    out->Add(median_name, kNaN);
    out->Add(std_name, kNaN);
    return;
  }
  double sum = 0;
  for (double v : *values) sum += v;
  const double mean = sum / values->size();
  double squares = 0;
  for (double v : *values) squares += (v - mean) * (v - mean);
  std::sort(values->begin(), values->end());
  const size_t n = values->size();
  const double median = n % 2 ? (*values)[n / 2] : ((*values)[n / 2 - 1] + (*values)[n / 2]) / 2;
  out->Add(mean_name, mean);
  out->Add(median_name, median);
  out->Add(std_name, std::sqrt(squares / n));
}

bool StartsWithBullet(std::string_view line) {
  std::string_view stripped = PythonLStrip(line);
  return stripped.starts_with("\u2022") || stripped.starts_with("-") || stripped.starts_with("*") ||
         stripped.starts_with("\u00b7");
}

bool EndsWithEllipsis(std::string_view line) {
  std::string_view stripped = PythonRStrip(line);
  return stripped.ends_with("...") || stripped.ends_with("\u2026");
}

// Σ len·(count − 1) over elements that repeat: every occurrence after the first.
double RepeatedChars(const std::vector<std::string_view>& elements, DuplicateTable* table) {
  return static_cast<double>(FindDuplicates(elements, table).chars);
}

}  // namespace

Result<uint32_t> ParseDescriptiveGroups(std::string_view text) {
  uint32_t groups = 0;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t comma = text.find(',', begin);
    std::string_view name = text.substr(
        begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin);
    if (name == "all") {
      groups |= kAllTextGroups;
    } else if (name == "descriptive_stats") {
      groups |= kDescriptiveStats;
    } else if (name == "readability") {
      groups |= kReadability;
    } else if (name == "quality") {
      groups |= kQuality;
    } else if (name == "entropy") {
      groups |= kEntropy;
    } else if (!name.empty()) {
      return Error(Status::InvalidArgument(
          "unknown descriptives group '" + std::string(name) +
          "' (groups: descriptive_stats, readability, quality, all, entropy)"));
    }
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  if (groups == 0) return Error(Status::InvalidArgument("no descriptives group given"));
  return groups;
}

void DescriptivesCalculator::Compute(std::string_view text, Descriptives* out,
                                     const UnigramModel* unigram) {
  out->Clear();
  splitter_.Split(text, &tokens_, &sentence_ends_);
  words_.clear();
  for (std::string_view token : tokens_) {
    if (IsDescriptiveWord(token)) words_.push_back(token);
  }
  n_words_ = static_cast<double>(words_.size());
  word_chars_ = syllables_total_ = hard_words_ = long_words_ = 0;
  scratch_.clear();
  for (std::string_view word : words_) {
    const double length = static_cast<double>(CountCodePoints(word));
    word_chars_ += length;
    if (length > 6) ++long_words_;
  }
  if (groups_ & (kDescriptiveStats | kReadability)) {
    // A text with words is at least one sentence, whatever the splitter found.
    n_sentences_ = std::max<double>(splitter_.last_sentences().size(), words_.empty() ? 0 : 1);
    syllables_per_word_.clear();
    for (std::string_view word : words_) {
      const double syllables = static_cast<double>(syllables_.Count(word));
      syllables_per_word_.push_back(syllables);
      syllables_total_ += syllables;
      if (syllables >= 3) ++hard_words_;
    }
  }
  if (groups_ & kDescriptiveStats) AddDescriptiveStats(text, out);
  if (groups_ & kReadability) AddReadability(out);
  if (groups_ & kQuality) AddQuality(text, out);
  if ((groups_ & kEntropy) && unigram != nullptr) {
    double bits = 0;
    for (std::string_view word : words_) {
      LowerAsciiWord(word, &lowered_word_);
      bits -= unigram->Log2Probability(lowered_word_);
    }
    const double entropy = Ratio(bits, n_words_);
    out->Add("entropy", entropy);
    out->Add("perplexity", std::exp2(entropy));
  }
}

void DescriptivesCalculator::AddDescriptiveStats(std::string_view text, Descriptives* out) {
  out->Add("n_characters", static_cast<double>(CountCodePoints(text)));
  out->Add("n_tokens", n_words_);
  // Distinct lowercased words: all of them laid out in one buffer, then counted with the
  // duplicate table (no allocation per word).
  lowered_buffer_.clear();
  for (std::string_view word : words_) {
    for (char c : word) lowered_buffer_ += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  lowered_views_.clear();
  size_t offset = 0;
  for (std::string_view word : words_) {
    lowered_views_.push_back(std::string_view(lowered_buffer_).substr(offset, word.size()));
    offset += word.size();
  }
  const double unique =
      n_words_ - static_cast<double>(FindDuplicates(lowered_views_, &table_).elements);
  out->Add("n_unique_tokens", unique);
  out->Add("proportion_unique_tokens", Ratio(unique, n_words_));
  out->Add("n_sentences", n_sentences_);
  scratch_.clear();
  size_t begin = 0;
  for (size_t end : sentence_ends_) {
    double words = 0;
    for (size_t t = begin; t < end; ++t) words += IsDescriptiveWord(tokens_[t]) ? 1 : 0;
    if (words > 0) scratch_.push_back(words);
    begin = end;
  }
  AddSpread("sentence_length_mean", "sentence_length_median", "sentence_length_std", &scratch_,
            out);
  scratch_.clear();
  for (std::string_view word : words_) scratch_.push_back(CountCodePoints(word));
  AddSpread("token_length_mean", "token_length_median", "token_length_std", &scratch_, out);
  scratch_.clear();
  scratch_ = syllables_per_word_;
  AddSpread("syllables_per_token_mean", "syllables_per_token_median", "syllables_per_token_std",
            &scratch_, out);
}

void DescriptivesCalculator::AddReadability(Descriptives* out) {
  const double asl = Ratio(n_words_, n_sentences_);
  const double asw = Ratio(syllables_total_, n_words_);
  out->Add("flesch_reading_ease", 206.835 - 1.015 * asl - 84.6 * asw);
  out->Add("flesch_kincaid_grade", 0.39 * asl + 11.8 * asw - 15.59);
  out->Add("smog",
           n_sentences_ < 3 ? kNaN : 1.043 * std::sqrt(30 * hard_words_ / n_sentences_) + 3.1291);
  out->Add("gunning_fog", 0.4 * (asl + 100 * Ratio(hard_words_, n_words_)));
  out->Add("automated_readability_index", 4.71 * Ratio(word_chars_, n_words_) + 0.5 * asl - 21.43);
  const double l = 100 * Ratio(word_chars_, n_words_);
  const double s = 100 * Ratio(n_sentences_, n_words_);
  out->Add("coleman_liau_index", 0.0588 * l - 0.296 * s - 15.8);
  out->Add("lix", asl + 100 * Ratio(long_words_, n_words_));
  out->Add("rix", Ratio(long_words_, n_sentences_));
}

void DescriptivesCalculator::AddQuality(std::string_view text, Descriptives* out) {
  const double length = static_cast<double>(CountCodePoints(text));
  size_t alpha_tokens = 0;
  for (std::string_view token : tokens_) alpha_tokens += HasPythonAlpha(token) ? 1 : 0;
  out->Add("alpha_ratio", Ratio(alpha_tokens, tokens_.size()));
  out->Add("mean_word_length", Ratio(word_chars_, n_words_));
  out->Add("symbol_to_word_ratio_#", Ratio(CountOccurrences(text, "#"), n_words_));
  out->Add("symbol_to_word_ratio_...",
           Ratio(CountOccurrences(text, "...") + CountOccurrences(text, "\u2026"), n_words_));
  PythonSplitLines(text, &pieces_);
  size_t bullets = 0, ellipses = 0;
  for (std::string_view line : pieces_) {
    bullets += StartsWithBullet(line) ? 1 : 0;
    ellipses += EndsWithEllipsis(line) ? 1 : 0;
  }
  out->Add("proportion_bullet_points", Ratio(bullets, pieces_.size()));
  out->Add("proportion_ellipsis", Ratio(ellipses, pieces_.size()));
  out->Add("duplicate_line_chr_fraction", Ratio(RepeatedChars(pieces_, &table_), length));
  SplitOnNewlineRuns(PythonStrip(text), 2, &pieces_);
  out->Add("duplicate_paragraph_chr_fraction", Ratio(RepeatedChars(pieces_, &table_), length));
  ngrams_.Build(words_);
  static const char* const kTop[] = {"top_2_gram_chr_fraction", "top_3_gram_chr_fraction",
                                     "top_4_gram_chr_fraction"};
  for (size_t n = 2; n <= 4; ++n) {
    out->Add(kTop[n - 2],
             words_.size() < n ? 0.0 : Ratio(TopNGramChars(ngrams_, n, &table_), length));
  }
  static const char* const kDuplicate[] = {
      "duplicate_5_gram_chr_fraction", "duplicate_6_gram_chr_fraction",
      "duplicate_7_gram_chr_fraction", "duplicate_8_gram_chr_fraction",
      "duplicate_9_gram_chr_fraction", "duplicate_10_gram_chr_fraction"};
  std::vector<uint8_t> covered;
  for (size_t n = 5; n <= 10; ++n) {
    out->Add(kDuplicate[n - 5],
             Ratio(CoveredByRepeatedNGramChars(ngrams_, n, &table_, &covered), length));
  }
}

}  // namespace winnow
