#pragma once

// TRL dataset type detection (shared/specs/formats.md, "TRL dataset types"): reads the column
// statistics of `winnow inspect` and says which TRL type and form a dataset has, which trainers
// take it as it is, and how to convert the common non-TRL shapes (ShareGPT, Alpaca, Anthropic HH,
// LLaMA-Factory preference) into one they take.

#include "winnow/stats/profile.h"

namespace winnow {

// Decides the TRL type from the top-level columns of `profile` (paths without '.'): a field is a
// column of the dataset when it has a non-null value in at least 99% of rows, and a column holds
// strings or message lists when at least 95% of its values are of that kind. Never fails: data that
// fits no type gets type "unknown" with evidence saying why and, for recognised shapes, advice
// (`winnow convert` commands). Pure function of `profile`; safe to call from any thread.
TrlDetection DetectTrlType(const DatasetProfile& profile);

}  // namespace winnow
