#pragma once

// The conversion steps of the step table (shared/specs/formats.md, "Conversions winnow
// provides"). `winnow convert` builds the same steps from its flags.

#include <memory>
#include <vector>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow {

// Appends every conversion step's spec to `table`.
void AppendConvertSteps(std::vector<StepSpec>* table);

// Wraps a conversion in a ConversionStep, reading the options every conversion step shares
// (keep_columns, allow_empty).
Result<std::unique_ptr<Step>> MakeConversionStep(
    StepOptions& options, Result<std::unique_ptr<Conversion>> (*create)(StepOptions&));

}  // namespace winnow
