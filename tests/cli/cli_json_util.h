#pragma once

// Reading the JSONL a CLI test got back: each line parsed into its own DOM (so elements of every
// line stay valid together), and short accessors that turn a missing or mistyped value into a
// sentinel the assertion then shows.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_test_util.h"
#include "winnow/record/json_writer.h"

namespace winnow::cli_test {

struct ParsedLines {
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers;
  std::vector<simdjson::dom::element> rows;
  size_t size() const { return rows.size(); }
  const simdjson::dom::element& operator[](size_t i) const { return rows[i]; }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
};

// Runs winnow and expects success (the output is still returned for further checks).
// `text` as a JSON string literal, quotes included (for building test records).
inline std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

inline CommandResult Ok(const std::vector<std::string>& args) {
  CommandResult result = RunWinnow(args);
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  return result;
}

// Every non-empty line of `jsonl`; a line that is not JSON is a test failure.
inline ParsedLines ParseLines(const std::string& jsonl) {
  ParsedLines out;
  for (const std::string& line : SplitLines(jsonl)) {
    if (line.empty()) continue;
    out.parsers.push_back(std::make_unique<simdjson::dom::parser>());
    simdjson::dom::element element;
    const auto error = out.parsers.back()->parse(line).get(element);
    EXPECT_EQ(error, simdjson::SUCCESS) << "not JSON: " << line;
    if (!error) out.rows.push_back(element);
  }
  return out;
}

// Runs winnow with `args` (expecting exit 0) and returns the rows it wrote to `output` in `dir`.
inline ParsedLines RunPipelineRows(const TempDir& dir, const std::vector<std::string>& args,
                                   std::string_view output = "out.jsonl") {
  Ok(args);
  return ParseLines(dir.Read(output));
}

inline std::string Str(simdjson::simdjson_result<simdjson::dom::element> value) {
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return "<not a string>";
  return std::string(text);
}

inline int64_t Int(simdjson::simdjson_result<simdjson::dom::element> value) {
  int64_t number = -1;
  if (value.get(number) != simdjson::SUCCESS) return -999;
  return number;
}

inline bool IsNull(simdjson::simdjson_result<simdjson::dom::element> value) {
  simdjson::dom::element element;
  return value.get(element) == simdjson::SUCCESS && element.is_null();
}

// The "id" of every line, in order.
inline std::vector<std::string> IdsOf(const std::string& jsonl) {
  std::vector<std::string> ids;
  const ParsedLines lines = ParseLines(jsonl);
  for (const auto& row : lines.rows) ids.push_back(Str(row["id"]));
  return ids;
}

}  // namespace winnow::cli_test
