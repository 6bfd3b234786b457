#include "winnow/agreement/rank_correlation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace winnow {

std::vector<double> AverageRanks(std::span<const double> values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (size_t start = 0; start < order.size();) {
    size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    // Positions start..end-1 hold rank start+1..end; each gets their mean.
    const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (size_t i = start; i < end; ++i) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

std::optional<double> PearsonCorrelation(std::span<const double> x, std::span<const double> y) {
  const size_t n = std::min(x.size(), y.size());
  if (n < 2) return std::nullopt;
  double mean_x = 0, mean_y = 0;
  for (size_t i = 0; i < n; ++i) {
    mean_x += x[i];
    mean_y += y[i];
  }
  mean_x /= static_cast<double>(n);
  mean_y /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mean_x;
    const double dy = y[i] - mean_y;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

std::optional<double> SpearmanCorrelation(std::span<const double> x, std::span<const double> y) {
  const std::vector<double> rank_x = AverageRanks(x);
  const std::vector<double> rank_y = AverageRanks(y);
  return PearsonCorrelation(rank_x, rank_y);
}

std::optional<double> KendallTauB(std::span<const double> x, std::span<const double> y) {
  const size_t n = std::min(x.size(), y.size());
  if (n < 2) return std::nullopt;
  // Counted in int64: n <= kKendallMaxItems keeps every count far below 2^63.
  int64_t concordant_minus_discordant = 0;
  int64_t tied_x = 0;  // pairs tied in x (whatever y does)
  int64_t tied_y = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      const double dx = x[i] - x[j];
      const double dy = y[i] - y[j];
      if (dx == 0) ++tied_x;
      if (dy == 0) ++tied_y;
      if (dx != 0 && dy != 0) concordant_minus_discordant += (dx > 0) == (dy > 0) ? 1 : -1;
    }
  }
  const auto pairs = static_cast<int64_t>(n * (n - 1) / 2);
  const double denominator =
      std::sqrt(static_cast<double>(pairs - tied_x) * static_cast<double>(pairs - tied_y));
  if (denominator <= 0) return std::nullopt;
  return static_cast<double>(concordant_minus_discordant) / denominator;
}

std::optional<Interval> SpearmanInterval(double rho, size_t n) {
  if (n <= 3) return std::nullopt;
  if (std::abs(rho) >= 1) return Interval{rho, rho};
  const double z = std::atanh(rho);
  const double se = std::sqrt(1.06 / static_cast<double>(n - 3));
  return Interval{std::tanh(z - kNormalQuantile975 * se), std::tanh(z + kNormalQuantile975 * se)};
}

}  // namespace winnow
