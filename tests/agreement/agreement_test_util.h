#pragma once

// Helpers for the agreement tests: run a step over JSONL lines held in memory, with origins that
// name a file and line as the reader would.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/batch.h"

namespace winnow::agreement_test {

// Feeds `lines` (one JSON object each) to `step` as one batch from `*source` (which must outlive
// the call), line numbers 1, 2, ...
inline Status RunStep(Step& step, const std::string* source,
                      const std::vector<std::string>& lines) {
  simdjson::dom::parser parser;
  Batch batch;
  for (size_t i = 0; i < lines.size(); ++i) {
    RecordOrigin origin;
    origin.source = source;
    origin.line = i + 1;
    origin.index = i;
    batch.records.push_back(Record::Owned(lines[i], origin));
    Status parsed = batch.records.back().Parse(parser);
    EXPECT_TRUE(parsed.ok()) << parsed.message();
  }
  StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
  return step.Process(batch, ctx);
}

}  // namespace winnow::agreement_test
