#pragma once

// ConfusionMatrix: how often the judge gave category i while the human gave category j. Rows are
// the judge's categories, columns the human's, both in the same ascending order. Kappa is computed
// from it, and the bootstrap rebuilds it from category indexes without searching values again.

#include <cstdint>
#include <span>
#include <vector>

namespace winnow {

class ConfusionMatrix {
 public:
  ConfusionMatrix() = default;
  // `categories` must be ascending and distinct.
  explicit ConfusionMatrix(std::vector<double> categories);

  // The matrix of paired ratings (judge[i], human[i]); every rating must be one of `categories`.
  static ConfusionMatrix Build(std::vector<double> categories, std::span<const double> judge,
                               std::span<const double> human);

  // The position of `value` among the categories; size() when it is not one of them.
  size_t IndexOf(double value) const;
  void Add(size_t judge_index, size_t human_index) {
    ++counts_[judge_index * categories_.size() + human_index];
    ++total_;
  }
  void Clear();

  const std::vector<double>& categories() const { return categories_; }
  size_t size() const { return categories_.size(); }
  uint64_t count(size_t judge_index, size_t human_index) const {
    return counts_[judge_index * categories_.size() + human_index];
  }
  uint64_t total() const { return total_; }
  uint64_t JudgeTotal(size_t judge_index) const;  // a row's sum
  uint64_t HumanTotal(size_t human_index) const;  // a column's sum

 private:
  std::vector<double> categories_;
  std::vector<uint64_t> counts_;  // row-major, size() x size()
  uint64_t total_ = 0;
};

// The categories of a set of ratings: the distinct values of both raters, ascending.
std::vector<double> ObservedCategories(std::span<const double> judge,
                                       std::span<const double> human);

}  // namespace winnow
