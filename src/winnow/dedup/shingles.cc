#include "winnow/dedup/shingles.h"

#include <xxhash.h>

#include <algorithm>

#include "winnow/common/utf8.h"

namespace winnow {
namespace shingle_internal {

inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool IsSingleSpaced(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  char previous = 'x';
  for (char c : text) {
    if (IsAsciiSpace(c) && (c != ' ' || previous == ' ')) return false;
    previous = c;
  }
  return true;
}

void CollapseSpaces(std::string_view text, std::string* out) {
  out->clear();
  bool pending = false;
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      pending = !out->empty();
      continue;
    }
    if (pending) out->push_back(' ');
    pending = false;
    out->push_back(c);
  }
}

void WordSpans(std::string_view text, std::vector<uint32_t>* starts, std::vector<uint32_t>* ends) {
  starts->clear();
  ends->clear();
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t space = text.find(' ', pos);
    const size_t end = space == std::string_view::npos ? text.size() : space;
    starts->push_back(static_cast<uint32_t>(pos));
    ends->push_back(static_cast<uint32_t>(end));
    pos = end + 1;
  }
}

}  // namespace shingle_internal

namespace {

inline uint64_t HashBytes(std::string_view bytes) { return XXH64(bytes.data(), bytes.size(), 0); }

void HashCharShingles(std::string_view text, size_t size, std::vector<uint64_t>* hashes) {
  thread_local std::vector<uint32_t> offsets;  // byte offset of each code point, plus the end
  offsets.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    offsets.push_back(static_cast<uint32_t>(pos));
    DecodeUtf8(text, &pos);
  }
  const size_t count = offsets.size();
  offsets.push_back(static_cast<uint32_t>(text.size()));
  if (size == 0 || count < size) return;
  for (size_t i = 0; i + size <= count; ++i) {
    hashes->push_back(HashBytes(text.substr(offsets[i], offsets[i + size] - offsets[i])));
  }
}

}  // namespace

void HashShingles(std::string_view text, const ShingleOptions& options,
                  std::vector<uint64_t>* hashes, bool single_spaced) {
  if (options.unit == ShingleUnit::kChar) {
    HashCharShingles(text, options.size, hashes);
    return;
  }
  thread_local std::string scratch;
  ForEachWordNgram(
      text, options.size, &scratch,
      [&](std::string_view ngram) { hashes->push_back(HashBytes(ngram)); }, single_spaced);
}

void MakeShingleSet(std::vector<uint64_t>* hashes) {
  std::sort(hashes->begin(), hashes->end());
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

double JaccardOfSets(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0.0;
  size_t shared = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++shared;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

}  // namespace winnow
