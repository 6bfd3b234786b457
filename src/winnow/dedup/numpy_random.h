#pragma once

// numpy's legacy RandomState, as far as datatrove's MinHash needs it: MT19937 seeded with a 32-bit
// integer and randint() of uint64 values with numpy's masked rejection sampling. With it, winnow
// draws the same permutation parameters as datatrove (np.random.RandomState(seed)), so signatures
// match FineWeb-style runs bit for bit.

#include <array>
#include <cstddef>
#include <cstdint>

namespace winnow {

class NumpyRandomState {
 public:
  explicit NumpyRandomState(uint32_t seed);

  uint32_t Next32();
  // numpy's mt19937_next64: the first 32-bit draw is the high half.
  uint64_t Next64();
  // RandomState.randint(low, high, dtype=np.uint64) for one value: low <= value < high.
  // Requires low < high.
  uint64_t RandInt(uint64_t low, uint64_t high);

 private:
  void Twist();

  std::array<uint32_t, 624> state_{};
  size_t position_ = 624;
};

}  // namespace winnow
