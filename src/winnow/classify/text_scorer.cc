#include "winnow/classify/text_scorer.h"

#include "winnow/classify/fasttext_text.h"

namespace winnow {

TextScorer::TextScorer(std::shared_ptr<const FastTextModel> model, TextView view,
                       std::optional<size_t> label)
    : model_(std::move(model)), view_(std::move(view)), label_(label) {}

void TextScorer::Open(size_t worker_count) {
  workers_.clear();
  for (size_t i = 0; i < worker_count; ++i) workers_.push_back(std::make_unique<Worker>());
}

TextScore TextScorer::Score(const Record& record, size_t worker_index) {
  Worker& worker = *workers_[worker_index];
  TextScore score;
  const std::string_view text = view_.Get(record, &worker.text);
  if (IsFastTextBlank(text)) return score;
  score.empty = false;
  model_->Predict(text, worker.scratch, &worker.probabilities);
  for (size_t i = 0; i < worker.probabilities.size(); ++i) {
    // Ties go to the earlier label (fastText's order: more frequent in training first).
    if (worker.probabilities[i] > score.top_probability) {
      score.top = static_cast<int>(i);
      score.top_probability = worker.probabilities[i];
    }
  }
  if (label_) score.label_probability = worker.probabilities[*label_];
  return score;
}

}  // namespace winnow
