// The MinHash inner loop, kept alone in this file so CMake can compile it at -O3 (the loop only
// vectorises there) and GCC can clone it per instruction set.

#include <cstddef>
#include <cstdint>

#include "winnow/dedup/minhash.h"

namespace winnow::minhash_internal {

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define WINNOW_MINHASH_CLONES __attribute__((target_clones("default", "avx2", "arch=x86-64-v4")))
#else
#define WINNOW_MINHASH_CLONES
#endif

WINNOW_MINHASH_CLONES
void MinPermutedHashes(const uint64_t* hashes, size_t hash_count, const uint64_t* a,
                       const uint64_t* b, uint64_t* mins, size_t count) {
  constexpr uint64_t kPrime = (uint64_t{1} << 61) - 1;
  for (size_t j = 0; j < count; ++j) mins[j] = ~uint64_t{0};
  for (size_t i = 0; i < hash_count; ++i) {
    const uint64_t h = hashes[i];
    for (size_t j = 0; j < count; ++j) {
      // (h * a + b) wraps mod 2^64 as numpy's uint64 arithmetic does; x mod (2^61 - 1) is
      // (x & P) + (x >> 61) folded once more.
      uint64_t v = h * a[j] + b[j];
      v = (v & kPrime) + (v >> 61);
      v = v >= kPrime ? v - kPrime : v;
      mins[j] = v < mins[j] ? v : mins[j];
    }
  }
}

}  // namespace winnow::minhash_internal
