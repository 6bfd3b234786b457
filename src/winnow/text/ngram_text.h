#pragma once

// NGramText: the words of a text laid out for n-gram work. All words joined by one space (so any
// " "-joined n-gram is a substring of one buffer), the same without separators for ""-joined
// n-grams, and prefix sums of word lengths in code points so len() of any n-gram is O(1).
//
// Hashes of n-grams are O(1) too: a polynomial hash over the bytes of each buffer, kept as prefix
// values at word boundaries (P[k] = hash of the buffer up to word k, Q[k] = B^bytes, R[k] =
// B^-bytes; B is odd so it is invertible modulo 2^64), so hash(i..j) = P[j] - P[i]*Q[j]*R[i]. It is
// a hash of the bytes, so ["ab","c"] and ["a","bc"] hash alike as "".join requires; equal hashes
// are confirmed by comparing the strings.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/duplicate_table.h"

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

  // Well-mixed 64-bit hashes of Spaced(i, n) and Packed(i, n).
  uint64_t SpacedHash(size_t i, size_t n) const { return spaced_hash_.Range(i, i + n); }
  uint64_t PackedHash(size_t i, size_t n) const { return packed_hash_.Range(i, i + n); }

 private:
  struct PrefixHashes {
    std::vector<uint64_t> prefix, power, inverse_power;
    void Clear();
    void Append(uint64_t piece_hash, uint64_t piece_power, uint64_t piece_inverse_power);
    uint64_t Range(size_t begin, size_t end) const;
  };
  PrefixHashes spaced_hash_;
  PrefixHashes packed_hash_;
  std::string spaced_;
  std::string packed_;
  std::vector<uint32_t> spaced_offsets_;
  std::vector<uint32_t> packed_offsets_;
  std::vector<uint32_t> chars_;
};

// The n-gram measures over a text's words (n >= 1, at most text.words()):
// len(most common " "-joined n-gram) * its count, ties going to the n-gram seen first
// (Counter.most_common); 0 without n-grams.
size_t TopNGramChars(const NGramText& text, size_t n, DuplicateTable* table);
// datatrove's find_all_duplicate over ""-joined n-grams: scanning left to right, a repeated n-gram
// adds its length and skips its n words.
size_t DuplicatedNGramChars(const NGramText& text, size_t n, DuplicateTable* table);
// TextDescriptives' duplicate n-gram measure: characters of the words covered by any occurrence
// of a " "-joined n-gram that occurs more than once.
size_t CoveredByRepeatedNGramChars(const NGramText& text, size_t n, DuplicateTable* table,
                                   std::vector<uint8_t>* covered);

}  // namespace winnow
