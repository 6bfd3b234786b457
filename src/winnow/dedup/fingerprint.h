#pragma once

// Fingerprinters turn a record's key text into the keys that decide candidate duplicates:
//   - exact:   one key, XXH3-64 of the normalised text (equal texts, up to a 2^-64 collision);
//   - minhash: one key per LSH band; sharing any band key makes two records candidates.
// A text with no fingerprint (empty key; fewer words than the shingle size) is never a duplicate.
// Thread-safe: const methods only; scratch buffers are the caller's.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/dedup/minhash.h"
#include "winnow/dedup/shingles.h"
#include "winnow/text/normalize.h"

namespace winnow {

// Per-thread buffers a fingerprinter reuses between records.
struct FingerprintScratch {
  std::string normalized;
  std::vector<uint64_t> shingles;
  std::vector<uint64_t> signature;
};

class Fingerprinter {
 public:
  virtual ~Fingerprinter() = default;
  virtual size_t keys_per_record() const = 0;
  // Writes keys_per_record() keys for `raw_text`; false when the text has no fingerprint.
  virtual bool Compute(std::string_view raw_text, FingerprintScratch* scratch,
                       uint64_t* keys) const = 0;
};

class ExactFingerprinter final : public Fingerprinter {
 public:
  explicit ExactFingerprinter(TextNormalization normalization) : normalization_(normalization) {}
  size_t keys_per_record() const override { return 1; }
  bool Compute(std::string_view raw_text, FingerprintScratch* scratch,
               uint64_t* keys) const override;

 private:
  TextNormalization normalization_;
};

class MinHashFingerprinter final : public Fingerprinter {
 public:
  MinHashFingerprinter(TextNormalization normalization, ShingleOptions shingles,
                       const MinHashOptions& minhash)
      : normalization_(normalization), shingles_(shingles), hasher_(minhash) {}
  size_t keys_per_record() const override { return hasher_.options().bands; }
  bool Compute(std::string_view raw_text, FingerprintScratch* scratch,
               uint64_t* keys) const override;

  // The record's shingle set (sorted, unique), for the exact Jaccard check.
  void ShingleSet(std::string_view raw_text, FingerprintScratch* scratch,
                  std::vector<uint64_t>* set) const;

  const MinHasher& hasher() const { return hasher_; }

 private:
  TextNormalization normalization_;
  ShingleOptions shingles_;
  MinHasher hasher_;
};

}  // namespace winnow
