#include "winnow/classify/fasttext_text.h"

namespace winnow {
namespace {

// fastText's word separators (Dictionary::readWord).
bool IsFastTextSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

}  // namespace

void AppendFastTextText(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size());
  bool word_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (word_start && c == '_' && text.substr(i).starts_with(kFastTextLabelPrefix)) {
      // Drop one underscore: the word no longer reads as a label.
      word_start = false;
      continue;
    }
    out->push_back(c == '\n' || c == '\r' ? ' ' : c);
    word_start = IsFastTextSpace(c);
  }
}

std::string FastTextSafeLabel(std::string_view label) {
  std::string out(label);
  for (char& c : out) {
    if (IsFastTextSpace(c)) c = '_';
  }
  return out;
}

bool IsFastTextBlank(std::string_view text) {
  for (char c : text) {
    if (!IsFastTextSpace(c)) return false;
  }
  return true;
}

}  // namespace winnow
