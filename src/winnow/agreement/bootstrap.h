#pragma once

// Percentile bootstrap intervals: resample the items with replacement, recompute the statistic,
// and take the 2.5th and 97.5th percentiles of what comes out. Used where no cheap formula exists
// (kappa). The generator is std::mt19937_64 with a fixed seed and the index of a draw is the high
// half of draw x n (not std::uniform_int_distribution, whose output differs between standard
// libraries), so an interval is the same on every machine and every run.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "winnow/agreement/confidence_interval.h"

namespace winnow {

struct BootstrapOptions {
  size_t resamples = 1000;  // how many resamples; >= 1
  uint64_t seed = 0x5eed;   // the generator's seed
};

// The statistic of the items at `indexes` (a resample, repeats allowed); nullopt when undefined on
// it, e.g. a kappa of a resample where both raters happen to agree on one category only.
using ResampleStatistic = std::function<std::optional<double>(std::span<const size_t> indexes)>;

// The 95 % percentile interval of `statistic` over resamples of `n` items. Undefined resamples
// are left out; nullopt when n is 0 or more than half the resamples are undefined.
std::optional<Interval> BootstrapInterval(size_t n, const ResampleStatistic& statistic,
                                          const BootstrapOptions& options = {});

// Several statistics of the same resamples (cheaper than one BootstrapInterval each when they
// share work, such as kappa's three weightings of one confusion matrix): `statistics` sets
// values[k] for every k < values.size(). Returns one interval per statistic, as above.
using ResampleStatistics =
    std::function<void(std::span<const size_t> indexes, std::span<std::optional<double>> values)>;
std::vector<std::optional<Interval>> BootstrapIntervals(size_t n, size_t count,
                                                        const ResampleStatistics& statistics,
                                                        const BootstrapOptions& options = {});

}  // namespace winnow
