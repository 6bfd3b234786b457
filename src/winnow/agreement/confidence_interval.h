#pragma once

// A two-sided confidence interval: what the agreement figures report beside a point estimate when
// the sample is small enough for it to matter.

namespace winnow {

struct Interval {
  double low = 0;
  double high = 0;
};

// The level every agreement interval uses (95 %), and the normal quantile that goes with it.
inline constexpr double kIntervalLevel = 0.95;
inline constexpr double kNormalQuantile975 = 1.959963984540054;

}  // namespace winnow
