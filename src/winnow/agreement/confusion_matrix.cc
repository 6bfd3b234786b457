#include "winnow/agreement/confusion_matrix.h"

#include <algorithm>

#include "winnow/common/assert.h"

namespace winnow {

ConfusionMatrix::ConfusionMatrix(std::vector<double> categories)
    : categories_(std::move(categories)), counts_(categories_.size() * categories_.size(), 0) {}

ConfusionMatrix ConfusionMatrix::Build(std::vector<double> categories,
                                       std::span<const double> judge,
                                       std::span<const double> human) {
  ConfusionMatrix matrix(std::move(categories));
  WINNOW_ASSERT(judge.size() == human.size());
  for (size_t i = 0; i < judge.size(); ++i) {
    const size_t row = matrix.IndexOf(judge[i]);
    const size_t column = matrix.IndexOf(human[i]);
    WINNOW_ASSERT(row < matrix.size() && column < matrix.size());
    matrix.Add(row, column);
  }
  return matrix;
}

size_t ConfusionMatrix::IndexOf(double value) const {
  auto found = std::lower_bound(categories_.begin(), categories_.end(), value);
  if (found == categories_.end() || *found != value) return categories_.size();
  return static_cast<size_t>(found - categories_.begin());
}

void ConfusionMatrix::Clear() {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = 0;
}

uint64_t ConfusionMatrix::JudgeTotal(size_t judge_index) const {
  uint64_t sum = 0;
  for (size_t j = 0; j < size(); ++j) sum += count(judge_index, j);
  return sum;
}

uint64_t ConfusionMatrix::HumanTotal(size_t human_index) const {
  uint64_t sum = 0;
  for (size_t i = 0; i < size(); ++i) sum += count(i, human_index);
  return sum;
}

std::vector<double> ObservedCategories(std::span<const double> judge,
                                       std::span<const double> human) {
  std::vector<double> values(judge.begin(), judge.end());
  values.insert(values.end(), human.begin(), human.end());
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

}  // namespace winnow
