#include "winnow/text/syllables.h"

#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "winnow/text/python_str.h"

namespace winnow {
namespace {

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

}  // namespace

SyllableCounter::SyllableCounter(const std::string& dictionary_path) {
  if (!dictionary_path.empty() && std::filesystem::exists(dictionary_path)) {
    dict_ = hnj_hyphen_load(dictionary_path.c_str());
  }
}

SyllableCounter::~SyllableCounter() {
  if (dict_ != nullptr) hnj_hyphen_free(dict_);
}

size_t SyllableCounter::CountByVowelGroups(std::string_view word) {
  size_t groups = 0;
  bool in_group = false;
  for (char c : word) {
    bool vowel = IsVowel(c);
    if (vowel && !in_group) ++groups;
    in_group = vowel;
  }
  if (groups > 1 && word.size() > 2 && word.back() == 'e' && !IsVowel(word[word.size() - 2])) {
    --groups;  // a silent final e ("make")
  }
  return groups == 0 ? 1 : groups;
}

size_t SyllableCounter::Count(std::string_view word) {
  if (!HasPythonAlpha(word)) return 0;
  lowered_.clear();
  for (char c : word) lowered_ += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  if (auto it = cache_.find(lowered_); it != cache_.end()) return it->second;
  const size_t count = CountUncached();
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_.emplace(lowered_, static_cast<uint8_t>(std::min<size_t>(count, 255)));
  return count;
}

size_t SyllableCounter::CountUncached() {
  if (dict_ == nullptr) return CountByVowelGroups(lowered_);
  hyphens_.assign(lowered_.size() + 5, '\0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  // pyphen's defaults: at least 2 characters before the first and after the last break.
  if (hnj_hyphen_hyphenate3(dict_, lowered_.data(), static_cast<int>(lowered_.size()),
                            hyphens_.data(), nullptr, &rep, &pos, &cut, 2, 2, 2, 2) != 0) {
    return CountByVowelGroups(lowered_);
  }
  size_t breaks = 0;
  for (size_t i = 0; i < lowered_.size(); ++i) {
    if (hyphens_[i] & 1) ++breaks;
  }
  if (rep != nullptr) {
    for (size_t i = 0; i < lowered_.size(); ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return breaks + 1;
}

}  // namespace winnow
