#pragma once

// The step table: every step a pipeline file or command can use, with its options. One explicit
// list (no self-registration), so `winnow steps`, docs and "did you mean" all come from here.

#include <memory>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

struct StepSpec {
  const char* name;
  const char* summary;
  const char* options;  // one line per option: "name (type, default): meaning"
  const char* example;  // a pipeline-file snippet
  Result<std::unique_ptr<Step>> (*create)(StepOptions& options);
};

const std::vector<StepSpec>& StepTable();

// Builds a step by name; unknown names and options get "did you mean" errors.
Result<std::unique_ptr<Step>> CreateStep(std::string_view name, StepOptions options);

}  // namespace winnow
