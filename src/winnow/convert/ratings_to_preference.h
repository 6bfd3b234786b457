#pragma once

// ratings -> preference (shared/specs/formats.md): from N rated completions per prompt, chosen =
// best and rejected = worst, or every pair further apart than a margin. Ties and missing ratings
// never make a pair; each prompt that yields none is rejected with the reason.
//
// Two input shapes:
//   - one row per prompt with a list of completions (UltraFeedback: instruction + completions
//     [{response, overall_score, annotations: {helpfulness: {Rating: "4"}}}]):
//     ratings_to_preference, parallel;
//   - one row per (prompt, response, rating) ("long form"), grouped by prompt: grouped_pairs with
//     `group_by`, which holds rows until the end of the input.
// kto_to_preference is grouped_pairs over KTO rows with label true = 1, false = 0.

#include <memory>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

Result<std::unique_ptr<Conversion>> CreateRatingsToPreference(StepOptions& options);
// ratings_to_kto: one KTO row per completion rated >= good (label true) or <= bad (false).
Result<std::unique_ptr<Conversion>> CreateRatingsToKto(StepOptions& options);
Result<std::unique_ptr<Step>> CreateRatingsGroupedStep(StepOptions& options);
Result<std::unique_ptr<Step>> CreateKtoToPreferenceStep(StepOptions& options);

// The step ratings -> preference uses: grouped when `group_by` is given, else per row.
Result<std::unique_ptr<Step>> CreateRatingsStep(StepOptions& options);

}  // namespace winnow
