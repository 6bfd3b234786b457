#include "winnow/stats/hyperloglog.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace winnow {

void HyperLogLog::Add(uint64_t hash) {
  size_t index = hash >> (64 - kPrecision);
  uint64_t rest = (hash << kPrecision) | (uint64_t{1} << (kPrecision - 1));
  auto rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
  if (rank > registers_[index]) registers_[index] = rank;
}

void HyperLogLog::Merge(const HyperLogLog& other) {
  for (size_t i = 0; i < registers_.size(); ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

namespace {

// Helper series of Ertl's estimator (2017, "New cardinality estimation algorithms for
// HyperLogLog sketches", algorithm 6), summed until the value stops changing.
double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1.0, z = x, previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z != previous);
  return z;
}

double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1.0, z = 1.0 - x, previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
  } while (z != previous);
  return z / 3.0;
}

}  // namespace

// Ertl's improved estimator: accurate from tiny to huge counts without the bias-correction
// tables of HyperLogLog++ (the classic raw estimate runs ~2% high just above 2.5 m).
uint64_t HyperLogLog::Estimate() const {
  constexpr int kMaxRank = 64 - kPrecision + 1;
  const double m = static_cast<double>(registers_.size());
  std::array<double, kMaxRank + 2> histogram{};
  for (uint8_t r : registers_) histogram[r] += 1.0;
  double z = m * Tau(1.0 - histogram[kMaxRank + 1] / m);
  for (int k = kMaxRank; k >= 1; --k) z = 0.5 * (z + histogram[k]);
  z += m * Sigma(histogram[0] / m);
  constexpr double kAlphaInfinity = 0.7213475204444817;  // 1 / (2 ln 2)
  return static_cast<uint64_t>(std::llround(kAlphaInfinity * m * m / z));
}

}  // namespace winnow
