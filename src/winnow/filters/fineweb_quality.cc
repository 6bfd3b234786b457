#include "winnow/filters/fineweb_quality.h"

#include "winnow/common/utf8.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

bool EndsWithStopChar(std::string_view line) {
  if (line.empty()) return false;
  char last = line.back();
  return last == '.' || last == '\'' || last == '"' || last == '!' || last == '?';
}

}  // namespace

void FineWebQualityFilter::Check(FilterDocument& doc, FilterResult* out) const {
  if (doc.blank() && out->Fail("empty", "no text")) return;
  const FineWebQualityOptions& o = options_;
  std::string_view text = doc.text();
  std::vector<std::string_view>& lines = doc.scratch_pieces();
  SplitOn(text, "\n", &lines);
  size_t punctuated = 0;
  size_t short_lines = 0;
  for (std::string_view line : lines) {
    if (EndsWithStopChar(line)) ++punctuated;
    // A line of n bytes has at most n characters: count only when it could be long.
    if (static_cast<double>(line.size()) <= o.short_line_length ||
        static_cast<double>(CountCodePoints(line)) <= o.short_line_length) {
      ++short_lines;
    }
  }
  const double n_lines = static_cast<double>(lines.size());
  const double punct_ratio = punctuated / n_lines;
  const bool exempt = punct_ratio == 0 && o.line_punct_exclude_zero;
  if (out->Check("line_punct_ratio", punct_ratio, Comparison::kLessEqual, o.line_punct_thr.value,
                 o.line_punct_thr.enabled && !exempt) ||
      out->Check("short_line_ratio", short_lines / n_lines, Comparison::kGreaterEqual,
                 o.short_line_thr.value, o.short_line_thr.enabled)) {
    return;
  }
  std::vector<std::string_view>& non_blank = doc.scratch_words();
  non_blank.clear();
  for (std::string_view line : lines) {
    if (!IsBlank(line)) non_blank.push_back(line);
  }
  const size_t newlines = CountOccurrences(text, "\n");
  const double chars = static_cast<double>(doc.length() - newlines);
  const double duplicate_chars =
      static_cast<double>(FindDuplicates(non_blank, &doc.duplicate_table()).chars);
  if (out->Check("char_dup_ratio", chars == 0 ? 0.0 : duplicate_chars / chars,
                 Comparison::kGreaterEqual, o.char_duplicates_ratio.value,
                 o.char_duplicates_ratio.enabled)) {
    return;
  }
  const double words = static_cast<double>(doc.words().size());
  out->Check("list_ratio", words == 0 ? 0.0 : newlines / words, Comparison::kGreater,
             o.new_line_ratio.value, o.new_line_ratio.enabled);
}

}  // namespace winnow
