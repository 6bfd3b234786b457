#pragma once

// Dot products for the dedup kernels. Eight independent accumulators let g++ vectorise the loop
// at -O2 without -ffast-math, and fix the summation order, so results are reproducible.

#include <cstddef>

namespace winnow {

inline float Dot(const float* a, const float* b, size_t dim) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    for (size_t k = 0; k < 8; ++k) acc[k] += a[i + k] * b[i + k];
  }
  float tail = 0;
  for (; i < dim; ++i) tail += a[i] * b[i];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail;
}

}  // namespace winnow
