#pragma once

// Helpers for the validate tests: parsed records from JSON text, the violations of a record or a
// message list, and matchers over rule ids.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/record/record.h"
#include "winnow/validate/message_rules.h"
#include "winnow/validate/record_validator.h"
#include "winnow/validate/violation.h"

namespace winnow::validate_test {

// What records' origins point at (origins borrow their source name).
inline const std::string& SourceName() {
  static const std::string name = "data.jsonl";
  return name;
}

// A parsed record owning `json`; `row` is its 0-based position in the run (record row + 1 is what
// reports print) and line row + 1 its line in "data.jsonl".
inline Record Parsed(std::string_view json, uint64_t row = 0) {
  RecordOrigin origin;
  origin.source = &SourceName();
  origin.line = row + 1;
  origin.index = row;
  origin.row = row;
  Record record = Record::Owned(json, origin);
  simdjson::dom::parser parser;  // the record keeps its own DOM
  Status status = record.Parse(parser);
  EXPECT_TRUE(status.ok()) << status.message() << "\n" << json;
  return record;
}

// The violations of `json` as a `type` example.
inline std::vector<Violation> Check(std::string_view json, TrlType type,
                                    const ValidationOptions& options = {}) {
  Record record = Parsed(json);
  std::vector<Violation> out;
  ValidateRecord(record, type, options, &out);
  return out;
}

// The violations of a message list (JSON text of the list) used as `kind`.
inline std::vector<Violation> CheckList(std::string_view list_json, TurnsKind kind,
                                        const ValidationOptions& options = {}) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(list_json);
  simdjson::dom::element list;
  EXPECT_EQ(parser.parse(padded).get(list), simdjson::SUCCESS) << list_json;
  std::vector<Violation> out;
  CheckMessageList(list, "messages", kind, options, &out);
  return out;
}

inline std::vector<std::string> Rules(const std::vector<Violation>& violations) {
  std::vector<std::string> rules;
  for (const auto& violation : violations) rules.push_back(violation.rule);
  return rules;
}

// The first violation of `rule`, or nullptr.
inline const Violation* Find(const std::vector<Violation>& violations, std::string_view rule) {
  for (const auto& violation : violations) {
    if (violation.rule == rule) return &violation;
  }
  return nullptr;
}

// "rule @ field: message" lines, for assertion output.
inline std::string Describe(const std::vector<Violation>& violations) {
  std::string out;
  for (const auto& violation : violations) {
    out += violation.rule + " @ " + violation.field + ": " + violation.message + "\n";
  }
  return out.empty() ? "(no violations)\n" : out;
}

}  // namespace winnow::validate_test
