#pragma once

// Split planning for `winnow split`: which rows (or groups of rows) go to train, test, validation.
//
// Sizes are exact: with N rows and ratios r_k, split k gets round(N * r_k) rows by the largest-
// remainder method (so the sizes add up to N). Rows are assigned by a seeded shuffle, so the same
// seed and input always give the same split. With a group column, whole groups move together
// (records sharing a prompt never land on both sides); groups are shuffled and filled into the
// splits in turn, so sizes are as close to the ratios as group sizes allow.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct SplitSpec {
  std::string name;
  double ratio = 0;
};

// "train=0.8,test=0.1,validation=0.1" -> specs. Ratios must be positive and add up to 1 (within
// 1e-6); names must be unique, non-empty and usable as file names.
Result<std::vector<SplitSpec>> ParseSplitRatios(std::string_view text);

// Exact sizes for `total` items by the largest-remainder method.
std::vector<uint64_t> SplitSizes(uint64_t total, const std::vector<SplitSpec>& splits);

class SplitPlan {
 public:
  // Ungrouped: `rows` rows, assigned by a seeded shuffle.
  static SplitPlan ForRows(uint64_t rows, const std::vector<SplitSpec>& splits, uint64_t seed);
  // Grouped: `row_groups[i]` is the group key of row i.
  static SplitPlan ForGroups(const std::vector<uint64_t>& row_groups,
                             const std::vector<SplitSpec>& splits, uint64_t seed);

  // The split index of a row (0-based position in the input).
  uint8_t SplitOf(uint64_t row) const { return row < assignment_.size() ? assignment_[row] : 0; }
  uint64_t rows() const { return assignment_.size(); }
  // Rows per split, in spec order.
  std::vector<uint64_t> Counts(size_t splits) const;

 private:
  std::vector<uint8_t> assignment_;
};

}  // namespace winnow
