#pragma once

// What `winnow classify train` reports: the rows it used and skipped, the split, the settings,
// and the held-out figures, as text for stderr and as JSON for --report.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "winnow/classify/evaluation.h"
#include "winnow/classify/fasttext_model.h"

namespace winnow {

struct LabelRows {
  std::string label;
  uint64_t train = 0;
  uint64_t valid = 0;
};

struct TrainReport {
  std::string model_path;
  uint64_t rows_read = 0;
  uint64_t rows_used = 0;
  std::vector<std::pair<std::string, uint64_t>> skipped;  // reason ("no_label") -> rows
  std::vector<LabelRows> labels;
  Evaluation evaluation;  // empty when nothing was held out
  FastTextTrainOptions options;
  double valid_fraction = 0;
  uint64_t seed = 0;
  double train_seconds = 0;
  double total_seconds = 0;
};

std::string TrainReportText(const TrainReport& report);
std::string TrainReportJson(const TrainReport& report);

}  // namespace winnow
