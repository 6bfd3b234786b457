#pragma once

// ClassifyStep: runs a fastText classifier over each record's text and adds its verdict as
// columns; optionally keeps only the records whose probability for a chosen label passes a
// threshold, or (the second pass of keep-top) ranks among the top p %.
//
// Columns (prefix "classify" by default):
//   <prefix>_label            the most probable label (null for an empty text)
//   <prefix>_score            its probability
//   <prefix>_score_<label>    the chosen label's probability (with a chosen label)
// Reject reasons:
//   classify: empty: no text
//   classify: score_hq 0.21 < 0.5
//   classify: score_hq 0.21 < 0.47 (keep top 10%)
//   classify: score_hq 0.47 ties the cut-off; earlier rows filled the top 10%
// With annotate nothing is dropped and <prefix>_reason says what would have dropped the record
// (null when kept). Counters: input, kept, dropped, dropped.empty, dropped.score.
//
// Parallel: the model is shared read-only (FastTextModel::Predict is thread-safe) and each
// worker has its own buffers.

#include <memory>
#include <optional>
#include <string>

#include "winnow/classify/keep_top.h"
#include "winnow/classify/text_scorer.h"
#include "winnow/filters/threshold.h"
#include "winnow/pipeline/step.h"

namespace winnow {

struct ClassifyStepOptions {
  TextView view;                      // the text to classify
  std::string prefix = "classify";    // column prefix
  std::string label;                  // the chosen label; empty for none
  Threshold threshold{0.5, false};    // keep P(label) >= threshold (needs a label)
  std::optional<ScoreCutoff> cutoff;  // keep-top: keep what the cut-off keeps (needs a label)
  std::string keep_top;               // "10%", for keep-top reasons
  bool annotate = false;              // keep everything, add <prefix>_reason
};

class ClassifyStep : public Step {
 public:
  // Fails when the chosen label is not one of the model's, or a filter is asked for without one.
  static Result<std::unique_ptr<ClassifyStep>> Create(std::shared_ptr<const FastTextModel> model,
                                                      ClassifyStepOptions options);

  std::string_view name() const override { return "classify"; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  ClassifyStep(std::shared_ptr<const FastTextModel> model, ClassifyStepOptions options,
               std::optional<size_t> label);
  bool filters() const { return options_.threshold.enabled || options_.cutoff.has_value(); }
  // Why `score` drops the record at `row`; empty when it is kept.
  std::string DropReason(const TextScore& score, uint64_t row) const;
  Status AddColumns(Record& record, const TextScore& score, simdjson::dom::parser& parser) const;

  ClassifyStepOptions options_;
  TextScorer scorer_;
  std::string label_column_;
  std::string score_column_;
  std::string label_score_column_;
  std::string reason_column_;
  std::string measure_;  // "score_hq"
};

// The scoring pass of keep-top: the chosen label's probability for every record with text,
// collected per worker with the record's row. Adds nothing and drops nothing.
class ClassifyScoresStep : public Step {
 public:
  ClassifyScoresStep(std::shared_ptr<const FastTextModel> model, TextView view, size_t label);

  std::string_view name() const override { return "classify_scores"; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

  // Every worker's scores, in no particular order; call after the run.
  std::vector<RowScore> TakeScores();

 private:
  TextScorer scorer_;
  std::vector<std::vector<RowScore>> scores_;  // per worker
};

}  // namespace winnow
