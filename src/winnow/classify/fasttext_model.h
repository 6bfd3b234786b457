#pragma once

// FastTextModel: a supervised fastText classifier (Debian libfasttext 0.9.2), loaded, trained,
// saved and queried without fastText's exceptions or headers leaking out. The only file that
// includes fastText's headers.
//
// Thread-safety: Predict is const and safe to call from many threads on one model. fastText's
// FastText::predict is const and builds its hidden and output vectors in a per-call
// Model::State; Dictionary::getLine is const and reads the words from the stream it is given
// (one per PredictScratch); the matrices are only read. So one loaded model is shared by every
// worker, with no lock and no copy.
//
// Loading checks the file's structure first (fasttext_model_layout.h), because fastText's loader
// hangs, exhausts memory or crashes on some corrupt files instead of throwing.

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

// fastText's supervised settings; defaults are those of `fasttext supervised`.
struct FastTextTrainOptions {
  int epoch = 5;             // passes over the training file
  double lr = 0.1;           // learning rate
  int word_ngrams = 1;       // word n-grams (2 adds bigrams, as DCLM's classifier does)
  int dim = 100;             // vector size
  int min_count = 1;         // words seen fewer times are dropped
  int64_t bucket = 2000000;  // hash buckets for word n-grams (unused, and 0, with unigrams)
  int threads = 1;           // training threads; more than 1 is not deterministic (Hogwild)
  int seed = 0;              // fastText's random seed
};

// Per-worker buffers for Predict; not thread-safe, one per worker.
struct PredictScratch {
  std::string line;
  std::istringstream stream;
  std::vector<int32_t> words;
  std::vector<int32_t> labels;
  std::vector<std::pair<float, int32_t>> predictions;  // fasttext::Predictions
};

class FastTextModel {
 public:
  ~FastTextModel();
  FastTextModel(const FastTextModel&) = delete;
  FastTextModel& operator=(const FastTextModel&) = delete;

  // Loads a .bin model. Errors name `path`: missing or unreadable file, not a supervised dense
  // fastText model (see fasttext_model_layout.h), or fastText's own complaint.
  static Result<std::unique_ptr<FastTextModel>> Load(const std::string& path);
  // The same from a stream of `size` bytes; `name` is used in errors. For tests and fuzzing.
  static Result<std::unique_ptr<FastTextModel>> Read(std::istream& in, uint64_t size,
                                                     const std::string& name);

  // Trains on a fastText training file (one "__label__x text" per line). `on_progress` (may be
  // empty) is called now and then from a training thread with the progress in [0, 1]. Fails on
  // fastText's errors (an empty vocabulary) and with kCancelled on Ctrl-C.
  static Result<std::unique_ptr<FastTextModel>> Train(
      const std::string& train_file, const FastTextTrainOptions& options,
      const std::function<void(double progress)>& on_progress);

  // Writes the model to `path` atomically: a temporary file beside it, checked, then renamed.
  Status Save(const std::string& path) const;

  // The labels without "__label__", in fastText's order (most frequent in training first).
  const std::vector<std::string>& labels() const { return labels_; }
  std::optional<size_t> FindLabel(std::string_view label) const;

  // The probability of every label (indexed like labels()) for `text`, which may hold newlines
  // (normalised as for training, fasttext_text.h). All zero when the text has no known word, or
  // when the model's arithmetic overflows (fastText then refuses a NaN score). Thread-safe.
  void Predict(std::string_view text, PredictScratch& scratch,
               std::vector<float>* probabilities) const;

 private:
  struct Impl;  // fastText's objects
  explicit FastTextModel(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
  std::vector<std::string> labels_;
};

}  // namespace winnow
