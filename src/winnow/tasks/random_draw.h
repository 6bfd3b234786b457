#pragma once

// Uniform draws and shuffles over std::mt19937_64 that give the same sequence with every standard
// library: std::uniform_int_distribution and std::shuffle are implementation-defined, and a task's
// prompts must not change when winnow is built with libc++ instead of libstdc++.

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <utility>

namespace winnow::tasks {

// A uniform integer in [0, bound) for bound >= 1, by rejection (no modulo bias).
inline uint64_t UniformBelow(std::mt19937_64& rng, uint64_t bound) {
  // The largest multiple of `bound` that fits: draws at or above it would bias the remainder.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t draw = rng();
  while (draw >= limit) draw = rng();
  return draw % bound;
}

// Fisher-Yates, from the last element down (as Python's random.shuffle walks).
template <typename T>
void ShuffleInPlace(std::span<T> items, std::mt19937_64& rng) {
  for (size_t i = items.size(); i > 1; --i) {
    const size_t j = static_cast<size_t>(UniformBelow(rng, i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace winnow::tasks
