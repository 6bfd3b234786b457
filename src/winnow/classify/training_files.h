#pragma once

// The files `classify train` works through: every usable row as a fastText line (written by
// LabelledRowsStep), split into a training file and a held-out file, and the evaluation of a
// model on the held-out file. Paths are local files: fastText reads its training file itself.

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/classify/evaluation.h"
#include "winnow/classify/fasttext_model.h"
#include "winnow/classify/train_report.h"
#include "winnow/common/status.h"

namespace winnow {

// Copies the lines of `all_path` to `valid_path` where `held_out[i]` and to `train_path`
// otherwise; returns the rows of each label (numbered as in `labels`) on each side.
Result<std::vector<LabelRows>> WriteSplitFiles(const std::string& all_path,
                                               const std::vector<bool>& held_out,
                                               const std::vector<uint32_t>& row_labels,
                                               const std::vector<std::string>& labels,
                                               const std::string& train_path,
                                               const std::string& valid_path);

// Predicts every line of `valid_path` ("__label__x text") and compares with its label. The
// prediction is the most probable label; `labels` are all labels of the data, in report order.
Result<Evaluation> EvaluateOnFile(const FastTextModel& model, const std::string& valid_path,
                                  const std::vector<std::string>& labels);

}  // namespace winnow
