#include "winnow/filters/gopher_repetition.h"

#include "winnow/text/python_str.h"

namespace winnow {
GopherRepetitionFilter::GopherRepetitionFilter(GopherRepetitionOptions options)
    : options_(std::move(options)) {
  for (const auto& [n, threshold] : options_.top_n_grams) {
    top_names_.push_back("top_" + std::to_string(n) + "_gram");
  }
  for (const auto& [n, threshold] : options_.dup_n_grams) {
    dup_names_.push_back("duplicated_" + std::to_string(n) + "_n_grams");
  }
}

void GopherRepetitionFilter::Check(FilterDocument& doc, FilterResult* out) const {
  if (doc.blank() && out->Fail("empty", "no text")) return;
  const GopherRepetitionOptions& o = options_;
  std::string_view text = doc.text();
  const double length = static_cast<double>(doc.length());
  auto fraction = [&](double part) { return length == 0 ? 0.0 : part / length; };

  SplitOnNewlineRuns(PythonStrip(text), 2, &doc.scratch_pieces());
  Duplicates paragraphs = FindDuplicates(doc.scratch_pieces(), &doc.duplicate_table());
  if (out->Check("dup_para_frac",
                 static_cast<double>(paragraphs.elements) / doc.scratch_pieces().size(),
                 Comparison::kGreater, o.dup_para_frac.value, o.dup_para_frac.enabled) ||
      out->Check("dup_para_char_frac", fraction(paragraphs.chars), Comparison::kGreater,
                 o.dup_para_char_frac.value, o.dup_para_char_frac.enabled)) {
    return;
  }
  SplitOnNewlineRuns(text, 1, &doc.scratch_pieces());
  Duplicates lines = FindDuplicates(doc.scratch_pieces(), &doc.duplicate_table());
  if (out->Check("dup_line_frac", static_cast<double>(lines.elements) / doc.scratch_pieces().size(),
                 Comparison::kGreater, o.dup_line_frac.value, o.dup_line_frac.enabled) ||
      out->Check("dup_line_char_frac", fraction(lines.chars), Comparison::kGreater,
                 o.dup_line_char_frac.value, o.dup_line_char_frac.enabled)) {
    return;
  }
  doc.ngram_text().Build(doc.words());
  const size_t words = doc.ngram_text().words();
  for (size_t k = 0; k < o.top_n_grams.size(); ++k) {
    const auto& [n, threshold] = o.top_n_grams[k];
    if (words < static_cast<size_t>(n)) continue;  // no n-grams: the rule is skipped
    double top = static_cast<double>(TopNGramChars(doc.ngram_text(), n, &doc.duplicate_table()));
    if (out->Check(top_names_[k], fraction(top), Comparison::kGreater, threshold.value,
                   threshold.enabled)) {
      return;
    }
  }
  for (size_t k = 0; k < o.dup_n_grams.size(); ++k) {
    const auto& [n, threshold] = o.dup_n_grams[k];
    if (words < static_cast<size_t>(n)) continue;
    double repeated =
        static_cast<double>(DuplicatedNGramChars(doc.ngram_text(), n, &doc.duplicate_table()));
    if (out->Check(dup_names_[k], fraction(repeated), Comparison::kGreater, threshold.value,
                   threshold.enabled)) {
      return;
    }
  }
}

}  // namespace winnow
