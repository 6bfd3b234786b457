#include "winnow/agreement/rating_differences.h"

#include <cmath>

#include "winnow/common/assert.h"

namespace winnow {

RatingDifferences CompareRatings(std::span<const double> judge, std::span<const double> human) {
  WINNOW_ASSERT(judge.size() == human.size());
  RatingDifferences out;
  out.items = judge.size();
  double sum_absolute = 0;
  double sum_signed = 0;
  for (size_t i = 0; i < judge.size(); ++i) {
    double change = std::round((human[i] - judge[i]) * 1e6) / 1e6;
    if (change == 0) change = 0;  // -0.0 would print as "-0"
    ++out.changes[change];
    sum_absolute += std::abs(change);
    sum_signed += change;
    if (change == 0) ++out.exact;
    if (std::abs(change) <= 1) ++out.within_one;
    if (change > 0) ++out.raised;
    if (change < 0) ++out.lowered;
  }
  out.changed = out.items - out.exact;
  if (out.items > 0) {
    out.mean_absolute = sum_absolute / static_cast<double>(out.items);
    out.mean_signed = sum_signed / static_cast<double>(out.items);
  }
  if (out.changed > 0) out.mean_absolute_change = sum_absolute / static_cast<double>(out.changed);
  return out;
}

}  // namespace winnow
