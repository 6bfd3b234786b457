#include "winnow/classify/evaluation.h"

namespace winnow {
namespace {

double Ratio(uint64_t numerator, uint64_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

double F1(double precision, double recall) {
  return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

}  // namespace

ConfusionCounter::ConfusionCounter(std::vector<std::string> labels) {
  for (std::string& label : labels) labels_.push_back({std::move(label)});
}

void ConfusionCounter::Add(size_t truth, int predicted) {
  ++rows_;
  ++labels_[truth].support;
  if (predicted < 0) return;
  ++labels_[predicted].predicted;
  if (static_cast<size_t>(predicted) == truth) {
    ++labels_[truth].correct;
    ++correct_;
  }
}

Evaluation ConfusionCounter::Finish() const {
  Evaluation out;
  out.labels = labels_;
  out.rows = rows_;
  out.accuracy = Ratio(correct_, rows_);
  size_t averaged = 0;
  uint64_t predicted = 0;
  for (LabelScores& scores : out.labels) {
    scores.precision = Ratio(scores.correct, scores.predicted);
    scores.recall = Ratio(scores.correct, scores.support);
    scores.f1 = F1(scores.precision, scores.recall);
    predicted += scores.predicted;
    if (scores.support == 0 && scores.predicted == 0) continue;
    ++averaged;
    out.macro.precision += scores.precision;
    out.macro.recall += scores.recall;
    out.macro.f1 += scores.f1;
  }
  if (averaged > 0) {
    out.macro.precision /= static_cast<double>(averaged);
    out.macro.recall /= static_cast<double>(averaged);
    out.macro.f1 /= static_cast<double>(averaged);
  }
  out.micro.precision = Ratio(correct_, predicted);
  out.micro.recall = Ratio(correct_, rows_);
  out.micro.f1 = F1(out.micro.precision, out.micro.recall);
  return out;
}

}  // namespace winnow
