#pragma once

// Hashing used for duplicate detection and distinct counts (xxHash's XXH3).

#include <xxh_x86dispatch.h>
#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace winnow {

// Debian's libxxhash picks the widest vector unit at run time (SSE2, AVX2, AVX-512) behind the
// *_dispatch entry points; the result is the same XXH3 value on every machine.
inline uint64_t Hash64(std::string_view bytes, uint64_t seed = 0) {
  return XXH3_64bits_withSeed_dispatch(bytes.data(), bytes.size(), seed);
}

// Hash for unordered containers keyed by std::string that accepts string_view lookups.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return Hash64(text); }
};

}  // namespace winnow
