#pragma once

// Conversions from logged signals and reference answers:
//   feedback_to_kto: feedback logs (thumbs up/down, star ratings, or implicit signals such as
//     "copied" / "regenerated") -> KTO rows, through user-given label rules evaluated in order
//     (first match wins): "thumbs=up:true;thumbs=down:false;regenerated=true:false;stars>=4:true".
//     A row no rule matches is rejected, never guessed.
//   spin_preference: gold answers + model answers -> preference with chosen = gold and rejected =
//     the model's answer (SPIN, "human text beats model text"); a model answer equal to the gold
//     one is rejected (it teaches nothing).

#include <memory>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

Result<std::unique_ptr<Conversion>> CreateFeedbackToKto(StepOptions& options);
Result<std::unique_ptr<Conversion>> CreateSpinPreference(StepOptions& options);

}  // namespace winnow
