#include "winnow/agreement/rating_scale.h"

#include <charconv>
#include <cmath>

#include "winnow/agreement/confusion_matrix.h"

namespace winnow {
namespace {

bool ParseWhole(std::string_view text, double* value) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size() && std::isfinite(*value);
}

bool IsInteger(double value) { return std::floor(value) == value; }

bool AllIntegers(std::span<const double> values) {
  for (double value : values) {
    if (!IsInteger(value)) return false;
  }
  return true;
}

}  // namespace

Result<RatingScale> ParseRatingScale(std::string_view text) {
  RatingScale scale;
  scale.text = std::string(text);
  // The separator is the first '-' after the first character, so "-2-2" reads as -2 to 2.
  const size_t dash = text.size() > 1 ? text.find('-', 1) : std::string_view::npos;
  if (dash == std::string_view::npos || !ParseWhole(text.substr(0, dash), &scale.min) ||
      !ParseWhole(text.substr(dash + 1), &scale.max)) {
    return Error(Status::InvalidArgument("--scale '" + scale.text +
                                         "': expected MIN-MAX, e.g. 1-5 or 0-10"));
  }
  if (scale.min >= scale.max) {
    return Error(Status::InvalidArgument("--scale '" + scale.text + "': MIN must be below MAX"));
  }
  scale.declared = true;
  return scale;
}

std::vector<double> RatingCategories(const RatingScale& scale, std::span<const double> judge,
                                     std::span<const double> human) {
  if (scale.declared && IsInteger(scale.min) && IsInteger(scale.max) &&
      scale.max - scale.min < kMaxScaleCategories && AllIntegers(judge) && AllIntegers(human)) {
    std::vector<double> categories;
    for (double value = scale.min; value <= scale.max; value += 1) categories.push_back(value);
    return categories;
  }
  return ObservedCategories(judge, human);
}

}  // namespace winnow
