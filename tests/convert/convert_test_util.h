#pragma once

// Helpers for the convert tests: parsed records from JSON text, running a step from the step
// table over records (in batches, with Finish) and collecting what it emits and rejects, loading
// the records of a .json / .jsonl file, and where the shared and checked-in sample data live.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "validate/validate_test_util.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/record/json_writer.h"
#include "winnow/validate/record_validator.h"

namespace winnow::convert_test {

using validate_test::Parsed;

// What a step emitted for a list of input records.
struct StepRun {
  Status status;                     // the first error Open/Process/Finish returned
  std::vector<std::string> out;      // output records as JSON, in order
  std::vector<std::string> reasons;  // reject reasons, in order
  std::vector<uint64_t> rejected_rows;
  std::vector<std::string> rejected_inputs;  // the rejected records as JSON
};

// Runs `records` (JSON texts; record i gets row i) through `step` in batches of `batch_size`,
// then Finish (whose records count as output too).
inline StepRun RunStep(Step& step, const std::vector<std::string>& records,
                       size_t batch_size = 16) {
  StepRun run;
  simdjson::dom::parser parser;
  run.status = step.Open(1);
  if (!run.status.ok()) return run;
  auto collect = [&](Batch& batch) {
    for (const Record& record : batch.records) {
      std::string json;
      record.AppendJson(&json);
      run.out.push_back(std::move(json));
    }
    for (const RejectedRecord& reject : batch.rejects) {
      run.reasons.push_back(reject.reason);
      run.rejected_rows.push_back(reject.record.origin().row);
      std::string json;
      reject.record.AppendJson(&json);
      run.rejected_inputs.push_back(std::move(json));
    }
  };
  for (size_t start = 0; start < records.size(); start += batch_size) {
    Batch batch;
    for (size_t i = start; i < std::min(records.size(), start + batch_size); ++i) {
      batch.records.push_back(Parsed(records[i], i));
    }
    StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
    run.status = step.Process(batch, ctx);
    if (!run.status.ok()) return run;
    collect(batch);
  }
  Batch tail;
  StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
  run.status = step.Finish(tail, ctx);
  collect(tail);
  return run;
}

// A step from the step table with these options; fails the test when it cannot be made.
inline std::unique_ptr<Step> MakeStep(const std::string& name,
                                      std::map<std::string, std::string> options = {}) {
  auto step = CreateStep(name, StepOptions(name, std::move(options)));
  EXPECT_TRUE(step.has_value()) << name << ": " << step.error().message();
  return step ? std::move(*step) : nullptr;
}

// MakeStep + RunStep.
inline StepRun Convert(const std::string& name, std::map<std::string, std::string> options,
                       const std::vector<std::string>& records) {
  auto step = MakeStep(name, std::move(options));
  if (!step) return {};
  StepRun run = RunStep(*step, records);
  EXPECT_TRUE(run.status.ok()) << name << ": " << run.status.message();
  return run;
}

// One input, one expected output record.
inline void ExpectConverts(const std::string& name, std::map<std::string, std::string> options,
                           std::string_view input, std::string_view expected) {
  StepRun run = Convert(name, std::move(options), {std::string(input)});
  EXPECT_THAT(run.reasons, ::testing::IsEmpty()) << input;
  ASSERT_EQ(run.out.size(), 1u) << input;
  EXPECT_EQ(run.out[0], expected);
}

// One input that is rejected; returns the reason.
inline std::string ExpectRejected(const std::string& name,
                                  std::map<std::string, std::string> options,
                                  std::string_view input) {
  StepRun run = Convert(name, std::move(options), {std::string(input)});
  EXPECT_THAT(run.out, ::testing::IsEmpty()) << input;
  EXPECT_EQ(run.reasons.size(), 1u) << input;
  return run.reasons.empty() ? "" : run.reasons[0];
}

// The violations of `json` as a `type` record.
inline std::vector<Violation> Violations(std::string_view json, TrlType type,
                                         const ValidationOptions& options = {}) {
  Record record = Parsed(json);
  std::vector<Violation> out;
  ValidateRecord(record, type, options, &out);
  return out;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The records of a file as compact JSON: a JSON Lines file (.jsonl) line by line, a .json file
// holding an array element by element, or a .json file holding one object as one record.
inline std::vector<std::string> LoadRecords(const std::string& path) {
  std::vector<std::string> records;
  std::string text = ReadFile(path);
  EXPECT_FALSE(text.empty()) << "cannot read " << path;
  simdjson::dom::parser parser;
  auto add = [&](simdjson::dom::element element) {
    std::string json;
    AppendJsonElement(element, &json);
    records.push_back(std::move(json));
  };
  if (path.ends_with(".jsonl")) {
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      start = end + 1;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      simdjson::dom::element element;
      EXPECT_EQ(parser.parse(line.data(), line.size()).get(element), simdjson::SUCCESS) << path;
      add(element);
    }
    return records;
  }
  simdjson::dom::element root;
  EXPECT_EQ(parser.parse(text).get(root), simdjson::SUCCESS) << path;
  simdjson::dom::array array;
  if (!root.get_array().get(array)) {
    for (simdjson::dom::element element : array) add(element);
  } else {
    add(root);
  }
  return records;
}

// ../shared/data (absent in some checkouts: tests using it skip).
inline std::string SharedDataPath(std::string_view relative) {
  return std::string(WINNOW_SHARED_DATA_DIR) + "/" + std::string(relative);
}
inline bool HaveSharedFile(std::string_view relative) {
  return std::filesystem::is_regular_file(SharedDataPath(relative));
}

// tests/data/convert: small samples of each real shape, checked in (see SOURCES.md there).
inline std::string SamplePath(std::string_view relative) {
  return std::string(WINNOW_TEST_DATA_DIR) + "/convert/" + std::string(relative);
}

// A parsed DOM of `json`, for checking outputs field by field.
class JsonDoc {
 public:
  explicit JsonDoc(std::string_view json) : text_(json) {
    EXPECT_EQ(parser_.parse(text_).get(root_), simdjson::SUCCESS) << json;
  }
  simdjson::dom::element root() const { return root_; }
  simdjson::dom::element operator[](std::string_view key) const {
    simdjson::dom::element value;
    EXPECT_EQ(root_[key].get(value), simdjson::SUCCESS) << key << " in " << text_;
    return value;
  }

 private:
  simdjson::padded_string text_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

// Compact JSON of an element.
inline std::string Compact(simdjson::dom::element element) {
  std::string out;
  AppendJsonElement(element, &out);
  return out;
}

}  // namespace winnow::convert_test
