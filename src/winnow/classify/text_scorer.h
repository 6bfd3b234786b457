#pragma once

// TextScorer: a record's text (TextView) through a fastText model, with one set of buffers per
// worker. Shared by the apply step and the scoring pass of keep-top, so both passes compute the
// same float for the same record (fastText's predict is deterministic for a given text).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "winnow/classify/fasttext_model.h"
#include "winnow/record/record.h"
#include "winnow/record/text_view.h"

namespace winnow {

struct TextScore {
  bool empty = true;            // blank text: no prediction, the other fields are unset
  int top = -1;                 // the most probable label (model label index); -1 for none
  float top_probability = 0;    // its probability
  float label_probability = 0;  // the chosen label's probability (0 without a chosen label)
};

class TextScorer {
 public:
  // `model` is shared because the two passes of keep-top (two steps) use one loaded model.
  // `label`: the model label index whose probability label_probability reports, if any.
  TextScorer(std::shared_ptr<const FastTextModel> model, TextView view,
             std::optional<size_t> label);

  void Open(size_t worker_count);
  // Scores `record` on `worker`'s buffers; distinct workers may call this concurrently.
  TextScore Score(const Record& record, size_t worker);

  const FastTextModel& model() const { return *model_; }

 private:
  struct Worker {
    std::string text;
    PredictScratch scratch;
    std::vector<float> probabilities;
  };
  std::shared_ptr<const FastTextModel> model_;
  TextView view_;
  std::optional<size_t> label_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace winnow
