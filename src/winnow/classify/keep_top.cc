#include "winnow/classify/keep_top.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace winnow {
namespace {

// The kept order: higher scores first, then earlier rows.
bool Before(const RowScore& a, const RowScore& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.row < b.row;
}

}  // namespace

bool ScoreCutoff::Keeps(uint64_t row, float value) const {
  if (keep_none) return false;
  return Before({row, value}, {last_row, score}) || (row == last_row && value == score);
}

Result<double> ParseKeepTopPercent(std::string_view text) {
  std::string number(text);
  if (!number.empty() && number.back() == '%') number.pop_back();
  char* end = nullptr;
  const double percent = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !(percent > 0) || percent > 100) {
    return Error(Status::InvalidArgument("--keep-top '" + std::string(text) +
                                         "': expected a percentage above 0 and at most 100 "
                                         "(\"10%\")"));
  }
  return percent;
}

ScoreCutoff KeepTopCutoff(std::vector<RowScore>& scores, double percent) {
  ScoreCutoff cutoff;
  cutoff.scored = scores.size();
  // ceil, less a hair for products like 10% of 100 that come out as 10.000000000000002.
  const double exact = percent / 100.0 * static_cast<double>(scores.size());
  cutoff.keep = std::min<uint64_t>(scores.size(), static_cast<uint64_t>(std::ceil(exact - 1e-9)));
  if (cutoff.keep == 0) {
    cutoff.keep_none = true;
    return cutoff;
  }
  auto last = scores.begin() + static_cast<std::ptrdiff_t>(cutoff.keep - 1);
  std::nth_element(scores.begin(), last, scores.end(), Before);
  cutoff.score = last->score;
  cutoff.last_row = last->row;
  return cutoff;
}

}  // namespace winnow
