#include "winnow/tokenizers/added_tokens.h"

#include <algorithm>

#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

// The library tests `\w$` on the text before a match and `^\w` on the text after it.
bool EndsWithWordChar(std::string_view text) {
  if (text.empty()) return false;
  size_t last = text.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
  return IsWordChar(NextCodePoint(text, &last));
}

bool StartsWithWordChar(std::string_view text) {
  size_t pos = 0;
  return !text.empty() && IsWordChar(NextCodePoint(text, &pos));
}

// Start of the whitespace run that ends text[0, end).
size_t WhitespaceRunStart(std::string_view text, size_t end) {
  while (end > 0) {
    size_t last = end - 1;
    while (last > 0 && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
    size_t next = last;
    if (!IsWhitespace(NextCodePoint(text, &next))) break;
    end = last;
  }
  return end;
}

// End of the whitespace run that starts at `begin`.
size_t WhitespaceRunEnd(std::string_view text, size_t begin) {
  while (begin < text.size()) {
    size_t next = begin;
    if (!IsWhitespace(NextCodePoint(text, &next))) break;
    begin = next;
  }
  return begin;
}

}  // namespace

void AddedTokenMatcher::Add(const AddedToken& token, std::string_view pattern) {
  if (pattern.empty()) return;
  trie_.Insert(pattern, static_cast<int32_t>(tokens_.size()));
  tokens_.push_back(token);
  first_bytes_[static_cast<unsigned char>(pattern.front())] = true;
}

void AddedTokenMatcher::Split(std::string_view text, std::vector<TextSegment>* segments) const {
  size_t emitted = 0;  // text before this is already in segments
  for (size_t pos = 0; pos < text.size();) {
    int32_t index = -1;
    size_t length = first_bytes_[static_cast<unsigned char>(text[pos])]
                        ? trie_.LongestPrefix(text.substr(pos), &index)
                        : 0;
    if (length == 0) {
      ++pos;
      continue;
    }
    const AddedToken& token = tokens_[index];
    size_t begin = pos;
    size_t end = pos + length;
    pos = end;  // the search resumes after the match even when it is discarded
    if (token.single_word &&
        (EndsWithWordChar(text.substr(0, begin)) || StartsWithWordChar(text.substr(end)))) {
      continue;
    }
    if (token.lstrip) begin = std::max(WhitespaceRunStart(text, begin), emitted);
    if (token.rstrip) end = pos = WhitespaceRunEnd(text, end);
    if (begin > emitted) segments->push_back({emitted, begin, -1});
    segments->push_back({begin, end, token.id});
    emitted = end;
  }
  if (emitted < text.size()) segments->push_back({emitted, text.size(), -1});
}

}  // namespace winnow::tokenizers
