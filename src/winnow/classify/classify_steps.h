#pragma once

// The classify family in the step table, for pipeline files: `classify` runs a fastText model over
// each record and adds its columns, optionally keeping records above a threshold for one label.
// Keep-top needs the score distribution first (two passes), so it is `winnow classify apply
// --keep-top` only; that command prints the cut-off, which a pipeline can then use as threshold.

#include <memory>
#include <vector>

#include "winnow/pipeline/step_registry.h"

namespace winnow {

Result<std::unique_ptr<Step>> CreateClassifyStep(StepOptions& options);

void AppendClassifySteps(std::vector<StepSpec>* steps);

}  // namespace winnow
