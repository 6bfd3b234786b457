#pragma once

// The filter table: every built-in filter with its options, one explicit list (no
// self-registration). Each filter is also a step in the step table (gopher_quality, ...), and
// `winnow filter` chains several into one FilterStep.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/filter.h"
#include "winnow/filters/filter_step.h"
#include "winnow/filters/threshold.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow {

struct FilterSpec {
  const char* name;
  const char* summary;
  const char* options;  // one line per option: "name (type, default): meaning"
  Result<std::unique_ptr<Filter>> (*create)(StepOptions& options);
  std::string step_options;  // kFilterStageOptions + options, for the step table
  std::string step_example;  // a pipeline-file snippet
  // The roles the stage reads when the options name none (comma-separated; "" = all turns).
  const char* default_roles = "";
};

const std::vector<FilterSpec>& FilterTable();

// The filter named `name` ("gopher-quality" and "gopher_quality" both work); an unknown name
// gets a "did you mean" error.
Result<const FilterSpec*> FindFilter(std::string_view name);

// The options every filter stage takes besides its own, documented once for the step table.
extern const char* const kFilterStageOptions;

// A stage from options: the view (field, roles, role_prefix) and the filter's own options.
// Leaves unknown-key checking to the caller (options.Finish()).
Result<FilterStage> CreateFilterStage(const FilterSpec& spec, StepOptions& options);

// Reads a threshold option: a number, or "off" / "none" to switch the rule off; `fallback`
// (enabled or not) when the option is not given.
Result<Threshold> GetThreshold(StepOptions& options, std::string_view key, Threshold fallback);

// Adds one step per filter (gopher_quality, gopher_repetition, c4_quality, c4_paragraph,
// fineweb_quality, rules, fabricated_urls, truncation, conversation_hygiene, length) to the step
// table.
void AppendFilterSteps(std::vector<StepSpec>* steps);

}  // namespace winnow
