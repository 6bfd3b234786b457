#include "winnow/filters/filter_document.h"

#include "winnow/common/utf8.h"
#include "winnow/text/python_str.h"

namespace winnow {

void FilterDocument::Reset(std::string_view text, const Record* record) {
  text_ = text;
  record_ = record;
  have_length_ = have_blank_ = have_words_ = have_lines_ = false;
}

size_t FilterDocument::length() {
  if (!have_length_) {
    length_ = CountCodePoints(text_);
    have_length_ = true;
  }
  return length_;
}

bool FilterDocument::blank() {
  if (!have_blank_) {
    blank_ = IsBlank(text_);
    have_blank_ = true;
  }
  return blank_;
}

const std::vector<std::string_view>& FilterDocument::words() {
  if (!have_words_) {
    splitter_.Split(text_, &words_);
    have_words_ = true;
  }
  return words_;
}

const std::vector<std::string_view>& FilterDocument::lines() {
  if (!have_lines_) {
    PythonSplitLines(text_, &lines_);
    have_lines_ = true;
  }
  return lines_;
}

}  // namespace winnow
