#pragma once

// The length-bias check of rating mode: do the judge's scores rise with the answer's length more
// than the human's do? Both are Spearman correlations with the length over the same items; a
// judge whose rho exceeds the human's by kLengthBiasMargin or more is reported as favouring long
// answers beyond what the humans see in them. The margin is a reading aid, not a test: the
// intervals say how firm each rho is.

#include <cstdint>
#include <optional>
#include <span>

#include "winnow/agreement/confidence_interval.h"

namespace winnow {

inline constexpr double kLengthBiasMargin = 0.2;

struct LengthBias {
  uint64_t items = 0;               // items with a known length (NaN lengths are left out)
  std::optional<double> judge_rho;  // Spearman(length, judge rating); nullopt when undefined
  std::optional<double> human_rho;
  std::optional<Interval> judge_interval;  // SpearmanInterval
  std::optional<Interval> human_interval;
  // judge_rho - human_rho >= kLengthBiasMargin (false when either is undefined).
  bool judge_favours_length = false;
};

// `lengths[i]` is item i's answer length or NaN when unknown.
LengthBias MeasureLengthBias(std::span<const double> lengths, std::span<const double> judge,
                             std::span<const double> human);

}  // namespace winnow
