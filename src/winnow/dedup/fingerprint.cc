#include "winnow/dedup/fingerprint.h"

#include "winnow/common/hash.h"

namespace winnow {

bool ExactFingerprinter::Compute(std::string_view raw_text, FingerprintScratch* scratch,
                                 uint64_t* keys) const {
  std::string_view text = raw_text;
  if (normalization_ != TextNormalization::kRaw) {
    NormalizeText(raw_text, normalization_, &scratch->normalized);
    text = scratch->normalized;
  }
  if (text.empty()) return false;
  keys[0] = Hash64(text);
  return true;
}

bool MinHashFingerprinter::Compute(std::string_view raw_text, FingerprintScratch* scratch,
                                   uint64_t* keys) const {
  NormalizeText(raw_text, normalization_, &scratch->normalized);
  scratch->shingles.clear();
  HashShingles(scratch->normalized, shingles_, &scratch->shingles,
               normalization_ != TextNormalization::kRaw);
  if (scratch->shingles.empty()) return false;
  scratch->signature.resize(hasher_.num_hashes());
  hasher_.Signature(scratch->shingles, scratch->signature.data());
  hasher_.BandKeys(scratch->signature.data(), keys);
  return true;
}

void MinHashFingerprinter::ShingleSet(std::string_view raw_text, FingerprintScratch* scratch,
                                      std::vector<uint64_t>* set) const {
  NormalizeText(raw_text, normalization_, &scratch->normalized);
  set->clear();
  HashShingles(scratch->normalized, shingles_, set, normalization_ != TextNormalization::kRaw);
  MakeShingleSet(set);
}

}  // namespace winnow
