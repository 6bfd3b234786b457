#pragma once

// How far apart the judge's and the human's ratings of the same items are, read as "the human
// reviewed the judge's rating and kept or changed it": change = human - judge.

#include <cstdint>
#include <map>
#include <span>

namespace winnow {

struct RatingDifferences {
  uint64_t items = 0;
  uint64_t exact = 0;               // human == judge
  uint64_t within_one = 0;          // |human - judge| <= 1
  double mean_absolute = 0;         // mean |human - judge| over all items
  double mean_signed = 0;           // mean (human - judge): negative when humans rate lower
  uint64_t changed = 0;             // human != judge (items - exact)
  uint64_t raised = 0;              // human > judge
  uint64_t lowered = 0;             // human < judge
  double mean_absolute_change = 0;  // mean |human - judge| over the changed items only
  // human - judge -> items, 0 included; keys rounded to 6 decimals so that 0.1-steps that do not
  // add up exactly in binary (3.3 - 3.0) still meet in one entry.
  std::map<double, uint64_t> changes;
};

// The differences of the paired ratings judge[i], human[i] (same length).
RatingDifferences CompareRatings(std::span<const double> judge, std::span<const double> human);

}  // namespace winnow
