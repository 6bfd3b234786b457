#pragma once

// Rank correlations between two paired samples: does one rise when the other does?
//   Spearman's rho: Pearson's correlation of the average ranks (ties share the mean of the ranks
//                   they span, as scipy.stats.spearmanr does).
//   Kendall's tau-b: (concordant - discordant) / sqrt((n0 - ties_x)(n0 - ties_y)), n0 = n(n-1)/2,
//                   as scipy.stats.kendalltau computes it. O(n^2): callers cap n.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "winnow/agreement/confidence_interval.h"

namespace winnow {

// The 1-based rank of every value; tied values get the mean of the ranks they occupy.
std::vector<double> AverageRanks(std::span<const double> values);

// Pearson's r; nullopt with fewer than two pairs or when either sample is constant.
std::optional<double> PearsonCorrelation(std::span<const double> x, std::span<const double> y);

// Spearman's rho; nullopt when undefined (as PearsonCorrelation).
std::optional<double> SpearmanCorrelation(std::span<const double> x, std::span<const double> y);

// The largest sample KendallTauB is asked to handle (about 0.1 s); larger ones are skipped.
inline constexpr size_t kKendallMaxItems = 20000;

// Kendall's tau-b; nullopt with fewer than two pairs or when either sample is constant.
std::optional<double> KendallTauB(std::span<const double> x, std::span<const double> y);

// The 95 % interval of a Spearman rho from n pairs by the Fisher z transform, with the variance
// 1.06 / (n - 3) of Fieller, Hartley and Pearson (1957). nullopt when n <= 3.
std::optional<Interval> SpearmanInterval(double rho, size_t n);

}  // namespace winnow
