#pragma once

// FilterDocument: one text under examination, with the analyses several filters share (words,
// lines, length) computed at most once. A worker owns one and Reset()s it per text, so the buffers
// are reused and a filter chain allocates nothing in steady state. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/record/record.h"
#include "winnow/text/duplicate_table.h"
#include "winnow/text/ngram_text.h"
#include "winnow/text/word_splitter.h"

namespace winnow {

class FilterDocument {
 public:
  FilterDocument() = default;
  FilterDocument(const FilterDocument&) = delete;
  FilterDocument& operator=(const FilterDocument&) = delete;

  // Starts on a new text; `text` (and `record`, when given) must stay valid until the next Reset.
  // `record` is the record the text comes from, for filters that look at more than the text
  // (a conversation's turns, a finish_reason column); null when the text stands alone.
  void Reset(std::string_view text, const Record* record = nullptr);

  std::string_view text() const { return text_; }
  const Record* record() const { return record_; }
  // len(text) in code points.
  size_t length();
  // True for an empty or whitespace-only text (every filter drops it as "empty").
  bool blank();

  // datatrove's word_tokenize(text): NLTK-compatible sentences, then words, stripped, no empties.
  const std::vector<std::string_view>& words();
  // text.splitlines().
  const std::vector<std::string_view>& lines();

  // Scratch space for a filter's own work, valid until its Check returns (filters are shared by
  // workers and keep no state of their own).
  std::vector<std::string_view>& scratch_pieces() { return scratch_pieces_; }
  std::vector<std::string_view>& scratch_words() { return scratch_words_; }
  std::string& scratch_string() { return scratch_string_; }
  DuplicateTable& duplicate_table() { return duplicate_table_; }
  NGramText& ngram_text() { return ngram_text_; }
  WordSplitter& word_splitter() { return splitter_; }

 private:
  std::string_view text_;
  const Record* record_ = nullptr;
  bool have_length_ = false;
  bool have_blank_ = false;
  bool have_words_ = false;
  bool have_lines_ = false;
  bool blank_ = false;
  size_t length_ = 0;
  std::vector<std::string_view> words_;
  std::vector<std::string_view> lines_;
  std::vector<std::string_view> scratch_pieces_;
  std::vector<std::string_view> scratch_words_;
  std::string scratch_string_;
  DuplicateTable duplicate_table_;
  NGramText ngram_text_;
  WordSplitter splitter_;
};

}  // namespace winnow
