#include "winnow/text/ngram_text.h"

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

constexpr uint64_t kBase = 0x9E3779B97F4A7C15ull;  // odd, so invertible modulo 2^64

// The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits).
constexpr uint64_t Inverse(uint64_t odd) {
  uint64_t x = odd;
  for (int i = 0; i < 6; ++i) x *= 2 - odd * x;
  return x;
}
constexpr uint64_t kInverseBase = Inverse(kBase);
static_assert(kBase * kInverseBase == 1);

// MurmurHash3's finaliser: the polynomial's low bits depend only on the bytes' low bits, and the
// hash table indexes by low bits.
uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

void NGramText::PrefixHashes::Clear() {
  prefix.assign(1, 0);
  power.assign(1, 1);
  inverse_power.assign(1, 1);
}

void NGramText::PrefixHashes::Append(uint64_t piece_hash, uint64_t piece_power,
                                     uint64_t piece_inverse_power) {
  prefix.push_back(prefix.back() * piece_power + piece_hash);
  power.push_back(power.back() * piece_power);
  inverse_power.push_back(inverse_power.back() * piece_inverse_power);
}

uint64_t NGramText::PrefixHashes::Range(size_t begin, size_t end) const {
  return Mix(prefix[end] - prefix[begin] * power[end] * inverse_power[begin]);
}

void NGramText::Build(const std::vector<std::string_view>& words) {
  spaced_.clear();
  packed_.clear();
  spaced_offsets_.assign(1, 0);
  packed_offsets_.assign(1, 0);
  chars_.assign(1, 0);
  spaced_hash_.Clear();
  packed_hash_.Clear();
  for (std::string_view word : words) {
    uint64_t hash = 0, power = 1, inverse_power = 1;
    for (char c : word) {
      hash = hash * kBase + static_cast<unsigned char>(c);
      power *= kBase;
      inverse_power *= kInverseBase;
    }
    packed_hash_.Append(hash, power, inverse_power);
    spaced_hash_.Append(hash * kBase + ' ', power * kBase, inverse_power * kInverseBase);
    spaced_.append(word);
    spaced_ += ' ';
    packed_.append(word);
    spaced_offsets_.push_back(static_cast<uint32_t>(spaced_.size()));
    packed_offsets_.push_back(static_cast<uint32_t>(packed_.size()));
    chars_.push_back(chars_.back() + static_cast<uint32_t>(CountCodePoints(word)));
  }
}

// len(most common n-gram) * its count; ties go to the n-gram seen first (Counter.most_common).
size_t TopNGramChars(const NGramText& text, size_t n, DuplicateTable* table) {
  const size_t count = text.words() - n + 1;
  table->Reset(count);
  const DuplicateTable::Entry* best = nullptr;
  for (size_t i = 0; i < count; ++i) {
    auto* entry = table->FindOrInsert(
        text.SpacedHash(i, n), static_cast<uint32_t>(i),
        [&](uint32_t a, uint32_t b) { return text.Spaced(a, n) == text.Spaced(b, n); });
    ++entry->count;
    if (best == nullptr || entry->count > best->count ||
        (entry->count == best->count && entry->first < best->first)) {
      best = entry;
    }
  }
  return best == nullptr ? 0 : text.SpacedChars(best->first, n) * best->count;
}

// datatrove's find_all_duplicate: a repeated n-gram adds its length and skips its n words.
size_t DuplicatedNGramChars(const NGramText& text, size_t n, DuplicateTable* table) {
  const size_t words = text.words();
  table->Reset(words - n + 1);
  size_t repeated = 0;
  for (size_t i = 0; i + n <= words;) {
    auto* entry = table->FindOrInsert(
        text.PackedHash(i, n), static_cast<uint32_t>(i),
        [&](uint32_t a, uint32_t b) { return text.Packed(a, n) == text.Packed(b, n); });
    if (entry->count++ > 0) {
      repeated += text.PackedChars(i, n);
      i += n;
    } else {
      i += 1;
    }
  }
  return repeated;
}

size_t CoveredByRepeatedNGramChars(const NGramText& text, size_t n, DuplicateTable* table,
                                   std::vector<uint8_t>* covered) {
  const size_t words = text.words();
  covered->assign(words, 0);
  if (words < n) return 0;
  const size_t count = words - n + 1;
  table->Reset(count);
  std::vector<const DuplicateTable::Entry*> entries(count);
  for (size_t i = 0; i < count; ++i) {
    auto* entry = table->FindOrInsert(
        text.SpacedHash(i, n), static_cast<uint32_t>(i),
        [&](uint32_t a, uint32_t b) { return text.Spaced(a, n) == text.Spaced(b, n); });
    ++entry->count;
    entries[i] = entry;
  }
  for (size_t i = 0; i < count; ++i) {
    if (entries[i]->count < 2) continue;
    for (size_t k = i; k < i + n; ++k) (*covered)[k] = 1;
  }
  size_t chars = 0;
  for (size_t k = 0; k < words; ++k) {
    if ((*covered)[k]) chars += text.PackedChars(k, 1);
  }
  return chars;
}

}  // namespace winnow
