#include "winnow/agreement/agreement_format.h"

#include <fmt/format.h>

#include "winnow/agreement/preference.h"
#include "winnow/stats/report_format.h"

namespace winnow {

std::string FormatFigure(const std::optional<double>& value,
                         const std::optional<Interval>& interval) {
  if (!value) return "undefined";
  std::string out = fmt::format("{:.3f}", *value);
  if (interval) out += fmt::format(" [{:.3f}, {:.3f}]", interval->low, interval->high);
  return out;
}

std::string CategoryLabel(double category, bool pairwise) {
  if (pairwise) {
    return std::string(PreferenceName(static_cast<Preference>(static_cast<int>(category))));
  }
  return FormatNumber(category);
}

std::string ChangeLabel(double change) {
  return change > 0 ? "+" + FormatNumber(change) : FormatNumber(change);
}

std::string ShareOf(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  return fmt::format("{} ({} of {})", FormatPercent(part, whole), FormatCount(part),
                     FormatCount(whole));
}

}  // namespace winnow
