#pragma once

// Shingling: the n-grams whose hashes MinHash and decontamination compare. A word n-gram is the
// n words joined by one space (datatrove's " ".join(ngram)), hashed with 64-bit xxHash (XXH64,
// seed 0) as datatrove does; a character n-gram is n consecutive code points.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

enum class ShingleUnit { kWord, kChar };

struct ShingleOptions {
  ShingleUnit unit = ShingleUnit::kWord;
  size_t size = 5;  // words or code points per shingle; >= 1
};

// Appends the hash of every n-gram of `text` to `*hashes` (duplicates included, in text order).
// Words are split on ASCII whitespace runs. A text with fewer than `size` words (code points)
// yields no shingle: such a document is never a near-duplicate. `single_spaced` promises that
// words are already separated by exactly one space (NormalizeText's kSimple and kMinHash output),
// which saves a scan.
void HashShingles(std::string_view text, const ShingleOptions& options,
                  std::vector<uint64_t>* hashes, bool single_spaced = false);

// Calls `visit(ngram)` for every word n-gram of `text` (the n-gram as one string_view into
// `text` when words are single-spaced, else into `*scratch`). Used where the n-gram text itself
// is needed (decontamination reports which n-gram matched).
template <typename Visit>
void ForEachWordNgram(std::string_view text, size_t size, std::string* scratch, Visit&& visit,
                      bool single_spaced = false);

// Sorts and deduplicates shingle hashes (a set, for exact Jaccard).
void MakeShingleSet(std::vector<uint64_t>* hashes);

// Exact Jaccard similarity of two sorted, deduplicated sets; 0 when both are empty.
double JaccardOfSets(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

namespace shingle_internal {
// Word boundaries of single-spaced `text`: [starts[i], ends[i]).
void WordSpans(std::string_view text, std::vector<uint32_t>* starts, std::vector<uint32_t>* ends);
// `text` with every ASCII whitespace run made one space and the ends stripped.
bool IsSingleSpaced(std::string_view text);
void CollapseSpaces(std::string_view text, std::string* out);
}  // namespace shingle_internal

template <typename Visit>
void ForEachWordNgram(std::string_view text, size_t size, std::string* scratch, Visit&& visit,
                      bool single_spaced) {
  if (!single_spaced && !shingle_internal::IsSingleSpaced(text)) {
    shingle_internal::CollapseSpaces(text, scratch);
    text = *scratch;
  }
  thread_local std::vector<uint32_t> starts, ends;
  shingle_internal::WordSpans(text, &starts, &ends);
  if (size == 0 || starts.size() < size) return;
  for (size_t i = 0; i + size <= starts.size(); ++i) {
    visit(text.substr(starts[i], ends[i + size - 1] - starts[i]));
  }
}

}  // namespace winnow
