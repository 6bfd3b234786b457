#pragma once

// keep_top: keep the top p % of records by a numeric column (a judge's rating, a classifier's
// score) — exactly ceil(p/100 * n) of the n scored records, ties broken by input order
// (classify/keep_top.h). Records wait in memory until the end of the input, then the kept ones
// go on in input order. A record whose column is missing or not a number is rejected with the
// reason, never ranked as 0.

#include <memory>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

// Options: column (field path, required), percent ("50" or "50%", required).
Result<std::unique_ptr<Step>> CreateKeepTopStep(StepOptions& options);

}  // namespace winnow
