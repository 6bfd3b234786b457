#pragma once

// MinHash signatures and LSH band keys, datatrove's scheme exactly: for each of bands x rows
// permutations, min over shingles of ((h * a + b) mod 2^64) mod (2^61 - 1), with a and b drawn by
// numpy's RandomState(seed) as datatrove draws them (numpy's uint64 product wraps, so the first
// modulus is 2^64). A band key is XXH3 of the band's rows: two documents share a key exactly when
// all rows of that band are equal (up to a 2^-64 hash collision).

#include <cstdint>
#include <span>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct MinHashOptions {
  size_t bands = 14;  // LSH bands (datatrove/FineWeb: 14)
  size_t rows = 8;    // rows (hashes) per band (datatrove/FineWeb: 8)
  uint32_t seed = 1;  // numpy RandomState seed for the permutation parameters (datatrove: 1)

  size_t num_hashes() const { return bands * rows; }
};

Status ValidateMinHashOptions(const MinHashOptions& options);

class MinHasher {
 public:
  explicit MinHasher(const MinHashOptions& options);

  const MinHashOptions& options() const { return options_; }
  size_t num_hashes() const { return a_.size(); }

  // Writes num_hashes() values. Requires a non-empty shingle list.
  void Signature(std::span<const uint64_t> shingle_hashes, uint64_t* signature) const;

  // Writes `bands` keys from a signature.
  void BandKeys(const uint64_t* signature, uint64_t* keys) const;

  std::span<const uint64_t> a() const { return a_; }
  std::span<const uint64_t> b() const { return b_; }

 private:
  MinHashOptions options_;
  std::vector<uint64_t> a_, b_;
};

namespace minhash_internal {
// The hot loop, compiled for several instruction sets (AVX-512, AVX2, baseline) and chosen at run
// time. `mins` must hold `count` values.
void MinPermutedHashes(const uint64_t* hashes, size_t hash_count, const uint64_t* a,
                       const uint64_t* b, uint64_t* mins, size_t count);
}  // namespace minhash_internal

}  // namespace winnow
