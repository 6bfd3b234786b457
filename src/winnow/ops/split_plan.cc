#include "winnow/ops/split_plan.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace winnow {

Result<std::vector<SplitSpec>> ParseSplitRatios(std::string_view text) {
  std::vector<SplitSpec> specs;
  double sum = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view part =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return Error(Status::InvalidArgument("split ratios '" + std::string(text) +
                                           "': expected name=ratio pairs like train=0.9,test=0.1"));
    }
    SplitSpec spec;
    spec.name = std::string(part.substr(0, eq));
    std::string ratio(part.substr(eq + 1));
    char* end = nullptr;
    spec.ratio = std::strtod(ratio.c_str(), &end);
    if (ratio.empty() || end != ratio.c_str() + ratio.size() || !(spec.ratio > 0)) {
      return Error(Status::InvalidArgument("split '" + spec.name + "': ratio '" + ratio +
                                           "' must be a number above 0"));
    }
    if (spec.name.find_first_of("/\\ ") != std::string::npos) {
      return Error(Status::InvalidArgument("split name '" + spec.name +
                                           "' must not contain '/', '\\' or spaces"));
    }
    for (const auto& other : specs) {
      if (other.name == spec.name) {
        return Error(Status::InvalidArgument("split '" + spec.name + "' is named twice"));
      }
    }
    sum += spec.ratio;
    specs.push_back(std::move(spec));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (specs.size() > 255) return Error(Status::InvalidArgument("at most 255 splits"));
  if (std::fabs(sum - 1.0) > 1e-6) {
    return Error(
        Status::InvalidArgument("split ratios add up to " + std::to_string(sum) + ", not 1"));
  }
  return specs;
}

std::vector<uint64_t> SplitSizes(uint64_t total, const std::vector<SplitSpec>& splits) {
  std::vector<uint64_t> sizes(splits.size());
  std::vector<std::pair<double, size_t>> remainders;
  uint64_t assigned = 0;
  for (size_t i = 0; i < splits.size(); ++i) {
    double exact = static_cast<double>(total) * splits[i].ratio;
    sizes[i] = static_cast<uint64_t>(std::floor(exact));
    assigned += sizes[i];
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  // Largest remainders first; ties go to the earlier split.
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; assigned < total && k < remainders.size(); ++k, ++assigned) {
    ++sizes[remainders[k].second];
  }
  return sizes;
}

SplitPlan SplitPlan::ForRows(uint64_t rows, const std::vector<SplitSpec>& splits, uint64_t seed) {
  SplitPlan plan;
  std::vector<uint64_t> sizes = SplitSizes(rows, splits);
  plan.assignment_.resize(rows);
  uint64_t position = 0;
  for (size_t k = 0; k < sizes.size(); ++k) {
    std::fill_n(plan.assignment_.begin() + static_cast<std::ptrdiff_t>(position), sizes[k],
                static_cast<uint8_t>(k));
    position += sizes[k];
  }
  std::mt19937_64 rng(seed);
  std::shuffle(plan.assignment_.begin(), plan.assignment_.end(), rng);
  return plan;
}

SplitPlan SplitPlan::ForGroups(const std::vector<uint64_t>& row_groups,
                               const std::vector<SplitSpec>& splits, uint64_t seed) {
  // Groups in order of first appearance, with their sizes.
  std::unordered_map<uint64_t, size_t> group_index;
  std::vector<uint64_t> group_sizes;
  std::vector<size_t> row_group(row_groups.size());
  for (size_t row = 0; row < row_groups.size(); ++row) {
    auto [it, inserted] = group_index.emplace(row_groups[row], group_sizes.size());
    if (inserted) group_sizes.push_back(0);
    ++group_sizes[it->second];
    row_group[row] = it->second;
  }
  std::vector<size_t> order(group_sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  // Fill splits in turn up to their target row counts.
  std::vector<uint64_t> targets = SplitSizes(row_groups.size(), splits);
  std::vector<uint8_t> group_split(group_sizes.size(), 0);
  size_t current = 0;
  uint64_t filled = 0;
  for (size_t group : order) {
    while (current + 1 < targets.size() && filled >= targets[current]) {
      ++current;
      filled = 0;
    }
    group_split[group] = static_cast<uint8_t>(current);
    filled += group_sizes[group];
  }
  SplitPlan plan;
  plan.assignment_.resize(row_groups.size());
  for (size_t row = 0; row < row_groups.size(); ++row) {
    plan.assignment_[row] = group_split[row_group[row]];
  }
  return plan;
}

std::vector<uint64_t> SplitPlan::Counts(size_t splits) const {
  std::vector<uint64_t> counts(splits, 0);
  for (uint8_t split : assignment_) {
    if (split < splits) ++counts[split];
  }
  return counts;
}

}  // namespace winnow
