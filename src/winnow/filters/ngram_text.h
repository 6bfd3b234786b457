#pragma once

// NGramText: the words of a text laid out for n-gram work. All words joined by one space (so any
// " "-joined n-gram is a substring of one buffer), the same without separators for ""-joined
// n-grams, and prefix sums of word lengths in code points so len() of any n-gram is O(1).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

class NGramText {
 public:
  void Build(const std::vector<std::string_view>& words);
  size_t words() const { return chars_.size() - 1; }

  // " ".join(words[i:i+n]) and its len().
  std::string_view Spaced(size_t i, size_t n) const {
    size_t begin = spaced_offsets_[i];
    return std::string_view(spaced_).substr(begin, spaced_offsets_[i + n] - 1 - begin);
  }
  size_t SpacedChars(size_t i, size_t n) const { return chars_[i + n] - chars_[i] + n - 1; }
  // "".join(words[i:i+n]) and its len().
  std::string_view Packed(size_t i, size_t n) const {
    size_t begin = packed_offsets_[i];
    return std::string_view(packed_).substr(begin, packed_offsets_[i + n] - begin);
  }
  size_t PackedChars(size_t i, size_t n) const { return chars_[i + n] - chars_[i]; }

 private:
  std::string spaced_;
  std::string packed_;
  std::vector<uint32_t> spaced_offsets_;
  std::vector<uint32_t> packed_offsets_;
  std::vector<uint32_t> chars_;
};

}  // namespace winnow
