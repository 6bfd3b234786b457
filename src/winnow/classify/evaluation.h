#pragma once

// Classifier figures on held-out rows: per-label precision, recall and F1, their macro averages
// (the plain mean over labels that occur in the held-out rows or in the predictions, as
// scikit-learn's average="macro") and micro averages (over all decisions; with one label per row
// micro precision = recall = F1 = accuracy). A ratio with nothing to divide by is 0.

#include <cstdint>
#include <string>
#include <vector>

namespace winnow {

struct LabelScores {
  std::string label;
  uint64_t support = 0;    // held-out rows with this label
  uint64_t predicted = 0;  // held-out rows predicted as this label
  uint64_t correct = 0;    // both
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct AveragedScores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct Evaluation {
  std::vector<LabelScores> labels;  // in the order given to ConfusionCounter
  AveragedScores macro;
  AveragedScores micro;
  uint64_t rows = 0;
  double accuracy = 0;
};

// Counts (true label, predicted label) pairs; labels are numbers below the count given.
class ConfusionCounter {
 public:
  explicit ConfusionCounter(std::vector<std::string> labels);
  // `predicted` < 0: no prediction (counts as wrong).
  void Add(size_t truth, int predicted);
  Evaluation Finish() const;

 private:
  std::vector<LabelScores> labels_;
  uint64_t rows_ = 0;
  uint64_t correct_ = 0;
};

}  // namespace winnow
