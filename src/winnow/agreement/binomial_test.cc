#include "winnow/agreement/binomial_test.h"

#include <algorithm>
#include <cmath>

namespace winnow {
namespace {

// log P(X = i) for X ~ Binomial(n, 1/2).
double LogProbability(uint64_t i, uint64_t n) {
  const auto nd = static_cast<double>(n);
  const auto id = static_cast<double>(i);
  return std::lgamma(nd + 1) - std::lgamma(id + 1) - std::lgamma(nd - id + 1) - nd * std::log(2.0);
}

}  // namespace

double BinomialTestHalf(uint64_t k, uint64_t n) {
  if (n == 0) return 1;
  // With p = 1/2 the distribution is symmetric: both tails beyond the nearer of k and n - k.
  const uint64_t low = std::min(k, n - k);
  if (2 * low == n) return 1;
  double tail = 0;
  for (uint64_t i = 0; i <= low; ++i) tail += std::exp(LogProbability(i, n));
  return std::min(1.0, 2 * tail);
}

double BinomialZScore(uint64_t k, uint64_t n) {
  if (n == 0) return 0;
  const auto nd = static_cast<double>(n);
  return (static_cast<double>(k) - nd / 2) / std::sqrt(nd / 4);
}

}  // namespace winnow
