#include "winnow/stats/summary.h"

#include <algorithm>
#include <cmath>

namespace winnow {
namespace {

// Median of value/count pairs sorted by value (average of the two middle values for even counts).
double MedianOfCounts(const std::vector<std::pair<double, uint64_t>>& counts, uint64_t total) {
  if (total == 0) return 0;
  uint64_t lower_rank = (total - 1) / 2;  // 0-based ranks of the middle value(s)
  uint64_t upper_rank = total / 2;
  double lower = 0, upper = 0;
  uint64_t seen = 0;
  bool have_lower = false;
  for (const auto& [value, count] : counts) {
    if (!have_lower && lower_rank < seen + count) {
      lower = value;
      have_lower = true;
    }
    if (upper_rank < seen + count) {
      upper = value;
      break;
    }
    seen += count;
  }
  return (lower + upper) / 2;
}

}  // namespace

std::vector<HistogramBin> BuildHistogram(const std::vector<std::pair<double, uint64_t>>& counts,
                                         double min, double max, bool integers) {
  std::vector<HistogramBin> bins;
  if (counts.empty()) return bins;
  if (integers && max - min + 1 < static_cast<double>(kHistogramBins)) {
    for (double v = min; v <= max; v += 1) bins.push_back({v, v, 0});
    for (const auto& [value, count] : counts) bins[static_cast<size_t>(value - min)].count += count;
    return bins;
  }
  if (max <= min) {
    uint64_t total = 0;
    for (const auto& entry : counts) total += entry.second;
    bins.push_back({min, max, total});
    return bins;
  }
  if (integers) {
    // Integer data gets integer bin edges: [low, high] inclusive, equal widths.
    double span = max - min + 1;
    double width = std::ceil(span / static_cast<double>(kHistogramBins));
    size_t count = static_cast<size_t>(std::ceil(span / width));
    for (size_t i = 0; i < count; ++i) {
      bins.push_back({min + width * i, std::min(max, min + width * (i + 1) - 1), 0});
    }
    for (const auto& [value, n] : counts) {
      bins[std::min(static_cast<size_t>((value - min) / width), count - 1)].count += n;
    }
    return bins;
  }
  double width = (max - min) / kHistogramBins;
  for (size_t i = 0; i < kHistogramBins; ++i) {
    bins.push_back({min + width * i, i + 1 == kHistogramBins ? max : min + width * (i + 1), 0});
  }
  for (const auto& [value, count] : counts) {
    auto index = static_cast<size_t>((value - min) / width);
    bins[std::min(index, kHistogramBins - 1)].count += count;
  }
  return bins;
}

void IntegerAccumulator::Add(uint64_t value) {
  if (value < kDense) {
    if (dense_.size() <= value) dense_.resize(std::max<uint64_t>(value + 1, 64), 0);
    ++dense_[value];
  } else {
    ++sparse_[value];
  }
  ++count_;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += value;
  sum_squares_ += static_cast<unsigned __int128>(value) * value;
}

void IntegerAccumulator::Merge(const IntegerAccumulator& other) {
  if (dense_.size() < other.dense_.size()) dense_.resize(other.dense_.size(), 0);
  for (size_t i = 0; i < other.dense_.size(); ++i) dense_[i] += other.dense_[i];
  for (const auto& [value, count] : other.sparse_) sparse_[value] += count;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
  sum_squares_ += other.sum_squares_;
}

NumericSummary IntegerAccumulator::Summarize() const {
  NumericSummary summary;
  summary.count = count_;
  if (count_ == 0) return summary;
  std::vector<std::pair<double, uint64_t>> counts;
  for (size_t i = 0; i < dense_.size(); ++i) {
    if (dense_[i] > 0) counts.emplace_back(static_cast<double>(i), dense_[i]);
  }
  std::vector<std::pair<double, uint64_t>> large;
  for (const auto& [value, count] : sparse_) large.emplace_back(static_cast<double>(value), count);
  std::sort(large.begin(), large.end());
  counts.insert(counts.end(), large.begin(), large.end());
  summary.min = static_cast<double>(min_);
  summary.max = static_cast<double>(max_);
  long double n = count_;
  long double mean = static_cast<long double>(sum_) / n;
  // Exact integer sums, then 64-bit-mantissa arithmetic: no drift from summing doubles.
  long double variance = static_cast<long double>(sum_squares_) / n - mean * mean;
  summary.mean = static_cast<double>(mean);
  summary.std = static_cast<double>(std::sqrt(std::max<long double>(variance, 0)));
  summary.median = MedianOfCounts(counts, count_);
  summary.histogram = BuildHistogram(counts, summary.min, summary.max, true);
  return summary;
}

void ValueAccumulator::Add(double value) {
  if (!std::isfinite(value)) return;
  if (count_ == 0) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  ++count_;
  double delta = value - mean_;
  mean_ += delta / static_cast<double>(count_);
  m2_ += delta * (value - mean_);
  if (value != std::floor(value)) all_integers_ = false;
  AddSample(value);
}

void ValueAccumulator::AddSample(double value) {
  ++sampled_from_;
  if (sample_.size() < kExactCap) {
    sample_.push_back(value);
    return;
  }
  std::uniform_int_distribution<uint64_t> pick(0, sampled_from_ - 1);
  uint64_t slot = pick(rng_);
  if (slot < kExactCap) sample_[slot] = value;
}

void ValueAccumulator::Merge(const ValueAccumulator& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  // Chan et al.'s parallel update of mean and M2.
  double n_a = static_cast<double>(count_), n_b = static_cast<double>(other.count_);
  double delta = other.mean_ - mean_;
  double n = n_a + n_b;
  mean_ += delta * n_b / n;
  m2_ += other.m2_ + delta * delta * n_a * n_b / n;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  all_integers_ = all_integers_ && other.all_integers_;
  if (sample_.size() + other.sample_.size() <= kExactCap && sampled_from_ == sample_.size() &&
      other.sampled_from_ == other.sample_.size()) {
    sample_.insert(sample_.end(), other.sample_.begin(), other.sample_.end());
    sampled_from_ += other.sampled_from_;
    return;
  }
  // Both sides are (or become) samples: keep the union, weighted by how much each stands for.
  uint64_t from = sampled_from_ + other.sampled_from_;
  std::vector<double> merged;
  merged.reserve(kExactCap);
  double keep_a = static_cast<double>(sampled_from_) / static_cast<double>(from);
  std::uniform_real_distribution<double> coin(0, 1);
  size_t i = 0, j = 0;
  while (merged.size() < kExactCap && (i < sample_.size() || j < other.sample_.size())) {
    bool take_a = j >= other.sample_.size() || (i < sample_.size() && coin(rng_) < keep_a);
    merged.push_back(take_a ? sample_[i++] : other.sample_[j++]);
  }
  sample_ = std::move(merged);
  sampled_from_ = from;
}

NumericSummary ValueAccumulator::Summarize() const {
  NumericSummary summary;
  summary.count = count_;
  if (count_ == 0) return summary;
  summary.min = min_;
  summary.max = max_;
  summary.mean = mean_;
  summary.std = std::sqrt(std::max(m2_ / static_cast<double>(count_), 0.0));
  summary.approximate = sampled_from_ > sample_.size();
  std::vector<double> sorted = sample_;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::pair<double, uint64_t>> counts;
  for (double value : sorted) {
    if (!counts.empty() && counts.back().first == value) {
      ++counts.back().second;
    } else {
      counts.emplace_back(value, 1);
    }
  }
  summary.median = MedianOfCounts(counts, sorted.size());
  summary.histogram = BuildHistogram(counts, min_, max_, all_integers_);
  if (summary.approximate) {
    // Scale sampled bin counts back up to the number of values they stand for.
    double scale = static_cast<double>(count_) / static_cast<double>(sorted.size());
    for (auto& bin : summary.histogram) {
      bin.count = static_cast<uint64_t>(std::llround(static_cast<double>(bin.count) * scale));
    }
  }
  return summary;
}

}  // namespace winnow
