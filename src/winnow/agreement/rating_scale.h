#pragma once

// The declared rating scale (--scale 1-5): ratings outside it are input errors, not data, and
// kappa's categories are the whole scale, so a category nobody used still counts as a distance.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct RatingScale {
  bool declared = false;  // false: any number is a rating, categories are the values seen
  double min = 0;
  double max = 0;
  std::string text;  // as the user wrote it, for messages

  bool Contains(double value) const { return !declared || (value >= min && value <= max); }
};

// "1-5", "0-10", "-2-2", "0.5-5": MIN-MAX with MIN < MAX. InvalidArgument otherwise.
Result<RatingScale> ParseRatingScale(std::string_view text);

// The most categories a declared integer scale expands to; wider scales use the values seen.
inline constexpr double kMaxScaleCategories = 101;

// Kappa's categories: every integer of a declared scale with integer ends (at most
// kMaxScaleCategories of them) when every rating is an integer; otherwise the distinct ratings of
// both raters, ascending.
std::vector<double> RatingCategories(const RatingScale& scale, std::span<const double> judge,
                                     std::span<const double> human);

}  // namespace winnow
