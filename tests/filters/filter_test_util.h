#pragma once

// Helpers for filter tests: build a filter from the table with options, run it on a text.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "winnow/filters/filter_document.h"
#include "winnow/filters/filter_table.h"

namespace winnow::testing {

inline std::unique_ptr<Filter> MakeFilter(const std::string& name,
                                          std::map<std::string, std::string> options = {}) {
  auto spec = FindFilter(name);
  EXPECT_TRUE(spec.has_value()) << name;
  StepOptions step(name, std::move(options));
  auto filter = (*spec)->create(step);
  EXPECT_TRUE(filter.has_value()) << (filter ? "" : filter.error().message());
  Status finished = step.Finish();
  EXPECT_TRUE(finished.ok()) << finished.message();
  return filter ? std::move(*filter) : nullptr;
}

// The verdict of `filter` on `text`: "kept" or the failing rule.
inline std::string Verdict(const Filter& filter, std::string_view text, bool measure_all = false,
                           FilterResult* out = nullptr) {
  FilterDocument doc;
  doc.Reset(text);
  FilterResult result;
  result.Reset(measure_all);
  filter.Check(doc, &result);
  std::string verdict = result.kept() ? "kept" : std::string(result.rule());
  if (out != nullptr) *out = result;
  return verdict;
}

}  // namespace winnow::testing
