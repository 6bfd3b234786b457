#pragma once

// FilterStep: runs a chain of filters over records, the loop every filter shares (CONVENTIONS:
// a filter is its options and Check; this class owns counters, rejects and reports).
//
// Each stage is a filter applied to a text view of the record (a field, or chat turns of some
// roles). Stages run in order; the first stage that drops a record decides its reject reason
// ("gopher_repetition: dup_line_frac 0.41 > 0.3") and the later stages do not see it. Stages on
// the same view share one FilterDocument, so words and lines are computed once per record. A
// stage whose filter rewrites texts (c4_quality) writes the new text back into a top-level string
// field and later stages see the new text.
//
// With `annotate`, nothing is dropped: every stage measures every rule and the measured values go
// into columns "<filter>_<measure>", with "filter_reason" saying what would have dropped the record
// (null when kept).
//
// Counters: input, kept, dropped, dropped.<filter>.<rule>, rewrite_skipped (a rewrite asked for on
// a view that is not a single string field).

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "winnow/filters/filter.h"
#include "winnow/filters/filter_document.h"
#include "winnow/filters/filter_report.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/record_identity.h"
#include "winnow/record/text_view.h"

namespace winnow {

struct FilterStage {
  std::unique_ptr<Filter> filter;
  TextView view;
};

struct FilterStepOptions {
  bool annotate = false;                        // keep every record, add measured columns
  std::string reason_column = "filter_reason";  // with annotate: why it would be dropped
  std::optional<FieldPath> id_field;            // ids in report examples (default: file:line)
  size_t examples_per_rule = 5;                 // dropped and borderline examples per rule
  std::string name = "filter";                  // the step's name in counters and summaries
};

class FilterStep : public Step {
 public:
  FilterStep(std::vector<FilterStage> stages, FilterStepOptions options);
  ~FilterStep() override;

  std::string_view name() const override { return options_.name; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

  // The merged report; valid after the run.
  FilterReport Report() const;

 private:
  struct Worker;
  struct Verdict;
  // Runs the stages on one record; the verdict names the dropping stage (worker.result holds its
  // result when not annotating).
  Result<Verdict> CheckRecord(Record& record, Worker& worker, simdjson::dom::parser& parser);
  Status Annotate(Record& record, size_t stage, const FilterResult& result,
                  simdjson::dom::parser& parser) const;

  std::vector<FilterStage> stages_;
  std::vector<size_t> stage_document_;  // stage -> index of its shared FilterDocument
  size_t documents_ = 0;
  std::vector<std::string> view_names_;
  FilterStepOptions options_;
  RecordIdentity identity_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace winnow
