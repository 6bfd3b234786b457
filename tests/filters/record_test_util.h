#pragma once

// Helpers for filters that read the record as well as the text: run a filter on a JSON record
// through a text view, or run a whole FilterStep over records.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "winnow/filters/filter_document.h"
#include "winnow/filters/filter_step.h"
#include "winnow/record/batch.h"
#include "winnow/record/text_view.h"

namespace winnow::testing {

struct RecordVerdict {
  std::string verdict;  // "kept" or the failing rule
  std::string explain;  // FilterResult::Explain()
  FilterResult result;
};

// The verdict of `filter` on `json` seen through the view `field` (roles: only these turns).
inline RecordVerdict CheckRecord(const Filter& filter, const std::string& json,
                                 const std::string& field = "messages",
                                 std::vector<std::string> roles = {}, bool measure_all = false) {
  simdjson::dom::parser parser;
  Record record = Record::Owned(json, RecordOrigin{});
  Status parsed = record.Parse(parser);
  EXPECT_TRUE(parsed.ok()) << parsed.message();
  TextViewOptions options;
  options.roles = std::move(roles);
  auto view = TextView::Parse(field, options);
  EXPECT_TRUE(view.has_value());
  std::string scratch;
  FilterDocument doc;
  doc.Reset(view->Get(record, &scratch), &record);
  RecordVerdict out;
  out.result.Reset(measure_all);
  filter.Check(doc, &out.result);
  out.verdict = out.result.kept() ? "kept" : std::string(out.result.rule());
  out.explain = out.result.Explain();
  return out;
}

// The value the filter measured under `name`, or -1.
inline double Measured(const FilterResult& result, std::string_view name) {
  for (const Measurement& measurement : result.measurements()) {
    if (measurement.name == name) return measurement.value;
  }
  return -1;
}

struct StepRun {
  std::vector<std::string> kept;     // kept records as JSON
  std::vector<std::string> reasons;  // reject reasons, in input order
};

// Runs a FilterStep of `stages` over `records` (JSON texts) in one batch.
inline StepRun RunFilterStep(std::vector<FilterStage> stages, const std::vector<std::string>& json,
                             FilterStepOptions options = {}) {
  FilterStep step(std::move(stages), std::move(options));
  EXPECT_TRUE(step.Open(1).ok());
  simdjson::dom::parser parser;
  Batch batch;
  for (const std::string& text : json) batch.records.push_back(Record::Owned(text, RecordOrigin{}));
  StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
  Status status = step.Process(batch, ctx);
  EXPECT_TRUE(status.ok()) << status.message();
  StepRun run;
  for (const Record& record : batch.records) {
    run.kept.emplace_back();
    record.AppendJson(&run.kept.back());
  }
  for (const RejectedRecord& rejected : batch.rejects) run.reasons.push_back(rejected.reason);
  return run;
}

}  // namespace winnow::testing
