#include "winnow/dedup/numpy_random.h"

namespace winnow {

NumpyRandomState::NumpyRandomState(uint32_t seed) {
  state_[0] = seed;
  for (uint32_t i = 1; i < state_.size(); ++i) {
    state_[i] = 1812433253U * (state_[i - 1] ^ (state_[i - 1] >> 30)) + i;
  }
}

void NumpyRandomState::Twist() {
  constexpr size_t kN = 624, kM = 397;
  constexpr uint32_t kMatrixA = 0x9908B0DFU, kUpper = 0x80000000U, kLower = 0x7FFFFFFFU;
  for (size_t i = 0; i < kN; ++i) {
    const uint32_t y = (state_[i] & kUpper) | (state_[(i + 1) % kN] & kLower);
    state_[i] = state_[(i + kM) % kN] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
  }
  position_ = 0;
}

uint32_t NumpyRandomState::Next32() {
  if (position_ >= state_.size()) Twist();
  uint32_t y = state_[position_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9D2C5680U;
  y ^= (y << 15) & 0xEFC60000U;
  y ^= y >> 18;
  return y;
}

uint64_t NumpyRandomState::Next64() {
  const uint64_t high = Next32();
  return (high << 32) | Next32();
}

uint64_t NumpyRandomState::RandInt(uint64_t low, uint64_t high) {
  const uint64_t range = high - low - 1;  // numpy's inclusive `rng`
  if (range == 0) return low;
  // numpy's legacy uint64 path for ranges above 32 bits: mask to the next power of two, reject
  // values above the range. (Smaller ranges use buffered 32-bit draws; datatrove never asks.)
  if (range <= 0xFFFFFFFFULL) {
    uint32_t mask = static_cast<uint32_t>(range);
    for (int shift = 1; shift < 32; shift <<= 1) mask |= mask >> shift;
    uint32_t value;
    do {
      value = Next32() & mask;
    } while (value > range);
    return low + value;
  }
  uint64_t mask = range;
  for (int shift = 1; shift < 64; shift <<= 1) mask |= mask >> shift;
  uint64_t value;
  do {
    value = Next64() & mask;
  } while (value > range);
  return low + value;
}

}  // namespace winnow
