#pragma once

// Formatting the agreement figures the same way in text and HTML.

#include <cstdint>
#include <optional>
#include <string>

#include "winnow/agreement/confidence_interval.h"

namespace winnow {

// "0.712 [0.601, 0.805]", "0.712" without an interval, "undefined" without a value.
std::string FormatFigure(const std::optional<double>& value,
                         const std::optional<Interval>& interval = std::nullopt);

// A confusion-matrix category: the rating ("4", "3.5"), or in pairwise mode "A", "B", "tie".
std::string CategoryLabel(double category, bool pairwise);

// A rating change with its sign: "+1", "-0.5", "0".
std::string ChangeLabel(double change);

// part/whole as "52.5% (63 of 120)", or "-" when whole is 0.
std::string ShareOf(uint64_t part, uint64_t whole);

}  // namespace winnow
