#include "winnow/dedup/minhash.h"

#include <xxhash.h>

#include <string>

#include "winnow/dedup/numpy_random.h"

namespace winnow {
namespace {
constexpr uint64_t kMersennePrime = (uint64_t{1} << 61) - 1;
}  // namespace

Status ValidateMinHashOptions(const MinHashOptions& options) {
  if (options.bands == 0 || options.rows == 0) {
    return Status::InvalidArgument("MinHash needs at least one band and one row per band");
  }
  if (options.num_hashes() > 4096) {
    return Status::InvalidArgument("MinHash with " + std::to_string(options.num_hashes()) +
                                   " hashes is more than the 4096 winnow allows");
  }
  return Status::OK();
}

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  // datatrove: a = randint(1, P, size=n) then b = randint(0, P, size=n) from one RandomState.
  NumpyRandomState random(options.seed);
  const size_t count = options.num_hashes();
  a_.resize(count);
  b_.resize(count);
  for (auto& value : a_) value = random.RandInt(1, kMersennePrime);
  for (auto& value : b_) value = random.RandInt(0, kMersennePrime);
}

void MinHasher::Signature(std::span<const uint64_t> shingle_hashes, uint64_t* signature) const {
  minhash_internal::MinPermutedHashes(shingle_hashes.data(), shingle_hashes.size(), a_.data(),
                                      b_.data(), signature, a_.size());
}

void MinHasher::BandKeys(const uint64_t* signature, uint64_t* keys) const {
  const size_t rows = options_.rows;
  for (size_t band = 0; band < options_.bands; ++band) {
    keys[band] = XXH3_64bits_withSeed(signature + band * rows, rows * sizeof(uint64_t), band);
  }
}

}  // namespace winnow
