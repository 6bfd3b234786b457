#pragma once

// Hashing used for duplicate detection and distinct counts (xxHash's XXH3).

#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace winnow {

inline uint64_t Hash64(std::string_view bytes, uint64_t seed = 0) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace winnow
