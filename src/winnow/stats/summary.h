#pragma once

// Accumulators that turn a stream of numbers into a NumericSummary (min/max/mean/median/std and a
// histogram). Both are mergeable, so each worker keeps its own and they are combined at the end.
//
// IntegerAccumulator: exact for non-negative integers (lengths, counts): it keeps a count per
// distinct value, so memory depends on the number of distinct values, not of rows.
// ValueAccumulator: any doubles; exact up to kExactCap values, then a uniform reservoir sample for
// median and histogram (flagged approximate); min/max/mean/std stay exact.

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

#include "winnow/stats/profile.h"

namespace winnow {

inline constexpr size_t kHistogramBins = 10;

class IntegerAccumulator {
 public:
  void Add(uint64_t value);
  void Merge(const IntegerAccumulator& other);
  uint64_t count() const { return count_; }
  NumericSummary Summarize() const;

 private:
  static constexpr uint64_t kDense = 4096;  // values below this are counted in a flat array
  std::vector<uint64_t> dense_;
  std::unordered_map<uint64_t, uint64_t> sparse_;
  uint64_t count_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  unsigned __int128 sum_ = 0;
  unsigned __int128 sum_squares_ = 0;
};

class ValueAccumulator {
 public:
  static constexpr size_t kExactCap = 1 << 20;
  void Add(double value);
  void Merge(const ValueAccumulator& other);
  uint64_t count() const { return count_; }
  NumericSummary Summarize() const;

 private:
  void AddSample(double value);
  uint64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // Welford's sum of squared deviations
  double min_ = 0;
  double max_ = 0;
  bool all_integers_ = true;
  std::vector<double> sample_;
  uint64_t sampled_from_ = 0;  // values offered to the sample
  std::mt19937_64 rng_{0x5eed};
};

// Histogram of sorted values over [min, max]: one bin per integer when all values are integers
// and the range spans fewer than kHistogramBins integers, else kHistogramBins equal bins.
std::vector<HistogramBin> BuildHistogram(const std::vector<std::pair<double, uint64_t>>& counts,
                                         double min, double max, bool integers);

}  // namespace winnow
