#pragma once

// Syllables per word by hyphenation, as TextDescriptives counts them (pyphen: hyphenation points +
// 1, at least 2 letters kept on each side), through libhyphen and the hyphenation dictionary
// Debian's hyphen-en-us installs. When no dictionary can be loaded, a vowel-group heuristic
// (runs of a, e, i, o, u, y; a final silent "e" dropped; at least 1) stands in, and
// uses_dictionary() says so. Not thread-safe: one per worker.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "winnow/common/hash.h"
#include "winnow/common/status.h"

typedef struct _HyphenDict HyphenDict;

namespace winnow {

inline constexpr const char* kDefaultHyphenDictionary = "/usr/share/hyphen/hyph_en_US.dic";

class SyllableCounter {
 public:
  // Loads `dictionary_path`; an empty path or a missing file selects the heuristic.
  explicit SyllableCounter(const std::string& dictionary_path = kDefaultHyphenDictionary);
  ~SyllableCounter();
  SyllableCounter(const SyllableCounter&) = delete;
  SyllableCounter& operator=(const SyllableCounter&) = delete;

  bool uses_dictionary() const { return dict_ != nullptr; }

  // Syllables in one word (a token with letters); 0 for a token without letters.
  size_t Count(std::string_view word);

  // The heuristic, exposed for tests.
  static size_t CountByVowelGroups(std::string_view lowered_word);

 private:
  size_t CountUncached();

  HyphenDict* dict_ = nullptr;
  std::string lowered_;
  std::string hyphens_;
  // Words repeat (Zipf): most lookups hit this cache instead of the hyphenator. Cleared when it
  // reaches kMaxCached entries, so memory stays bounded.
  static constexpr size_t kMaxCached = 1 << 16;
  std::unordered_map<std::string, uint8_t, StringViewHash, std::equal_to<>> cache_;
};

}  // namespace winnow
