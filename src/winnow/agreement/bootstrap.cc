#include "winnow/agreement/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace winnow {
namespace {

// The value at quantile q of sorted `values`, interpolating linearly between neighbours (numpy's
// default "linear" method).
double Quantile(const std::vector<double>& values, double q) {
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

}  // namespace

std::vector<std::optional<Interval>> BootstrapIntervals(size_t n, size_t count,
                                                        const ResampleStatistics& statistics,
                                                        const BootstrapOptions& options) {
  std::vector<std::optional<Interval>> intervals(count);
  if (n == 0 || options.resamples == 0) return intervals;
  std::mt19937_64 generator(options.seed);
  std::vector<size_t> indexes(n);
  std::vector<std::optional<double>> resample_values(count);
  std::vector<std::vector<double>> values(count);
  for (auto& list : values) list.reserve(options.resamples);
  for (size_t r = 0; r < options.resamples; ++r) {
    for (size_t& index : indexes) {
      index = static_cast<size_t>((static_cast<unsigned __int128>(generator()) * n) >> 64);
    }
    std::fill(resample_values.begin(), resample_values.end(), std::nullopt);
    statistics(indexes, resample_values);
    for (size_t k = 0; k < count; ++k) {
      if (resample_values[k]) values[k].push_back(*resample_values[k]);
    }
  }
  const double tail = (1.0 - kIntervalLevel) / 2.0;
  for (size_t k = 0; k < count; ++k) {
    if (values[k].size() * 2 < options.resamples) continue;
    std::sort(values[k].begin(), values[k].end());
    intervals[k] = Interval{Quantile(values[k], tail), Quantile(values[k], 1.0 - tail)};
  }
  return intervals;
}

std::optional<Interval> BootstrapInterval(size_t n, const ResampleStatistic& statistic,
                                          const BootstrapOptions& options) {
  auto one = [&](std::span<const size_t> indexes, std::span<std::optional<double>> values) {
    values[0] = statistic(indexes);
  };
  return BootstrapIntervals(n, 1, one, options).front();
}

}  // namespace winnow
