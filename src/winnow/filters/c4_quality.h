#pragma once

// c4_quality: the C4 line and document rules (after TFDS c4_utils) as datatrove v0.3.0's
// C4QualityFilter applies them (specs/filters.md). Each line of text.splitlines() is stripped,
// then dropped for a word over 1000 chars, citations are removed, and the line is dropped without
// terminal punctuation (or ending in "..."), with fewer than 3 words, mentioning javascript or a
// cookie/terms phrase. "lorem ipsum" or "{" in a line drops the document. Fewer than 5 sentences
// in the kept lines drops it too; otherwise the text becomes the kept lines joined by "\n".
// FineWeb ran it with filter_no_terminal_punct off.

#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"

namespace winnow {

struct C4QualityOptions {
  // Lines from splitlines() (true, as C4) or sentences (false: each sentence counts as one).
  bool split_paragraph = true;
  bool remove_citations = true;          // drop [1], [edit], [citation needed]
  bool filter_no_terminal_punct = true;  // FineWeb: false
  Threshold min_num_sentences{5};
  Threshold min_words_per_line{3};
  Threshold max_word_length{1000};
  bool filter_lorem_ipsum = true;
  bool filter_javascript = true;
  bool filter_curly_bracket = true;
  bool filter_policy = true;
};

class C4QualityFilter : public Filter {
 public:
  explicit C4QualityFilter(C4QualityOptions options) : options_(options) {}
  std::string_view name() const override { return "c4_quality"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  C4QualityOptions options_;
};

// c4_paragraph: mC4's paragraph rule (datatrove C4ParagraphFilter): at least `min_paragraphs`
// lines (text.split("\n")) of at least `min_paragraph_length` characters.
struct C4ParagraphOptions {
  Threshold min_paragraphs{3};
  double min_paragraph_length = 200;
};

class C4ParagraphFilter : public Filter {
 public:
  explicit C4ParagraphFilter(C4ParagraphOptions options) : options_(options) {}
  std::string_view name() const override { return "c4_paragraph"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  C4ParagraphOptions options_;
};

}  // namespace winnow
