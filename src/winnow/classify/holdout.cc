#include "winnow/classify/holdout.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace winnow {

std::vector<bool> StratifiedHoldout(const std::vector<uint32_t>& row_labels, size_t label_count,
                                    double fraction, uint64_t seed) {
  std::vector<std::vector<size_t>> rows_of(label_count);
  for (size_t row = 0; row < row_labels.size(); ++row) rows_of[row_labels[row]].push_back(row);
  std::vector<bool> held_out(row_labels.size(), false);
  // One generator for all labels, in label order: adding rows of one label does not reshuffle
  // the labels before it.
  std::mt19937_64 rng(seed);
  for (std::vector<size_t>& rows : rows_of) {
    if (rows.empty()) continue;
    const auto wanted =
        static_cast<size_t>(std::llround(static_cast<double>(rows.size()) * fraction));
    const size_t count = std::min(wanted, rows.size() - 1);
    std::shuffle(rows.begin(), rows.end(), rng);
    for (size_t i = 0; i < count; ++i) held_out[rows[i]] = true;
  }
  return held_out;
}

}  // namespace winnow
