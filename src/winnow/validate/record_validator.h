#pragma once

// The validation rules of shared/specs/formats.md for one record of a given TRL type: required
// columns of the right JSON type, non-empty strings, well-formed message lists, one form (standard
// or conversational) across a record's columns, chosen != rejected, a shared prompt in implicit
// preference data, a bool KTO label, stepwise lists of equal length. Dataset-level findings
// (duplicates, label balance, long rows) are ValidationReport's job.

#include <vector>

#include "winnow/record/record.h"
#include "winnow/validate/trl_schema.h"
#include "winnow/validate/violation.h"

namespace winnow {

// Appends the violations of `record` (parsed) as a `type` example to `out`. Thread-safe.
void ValidateRecord(const Record& record, TrlType type, const ValidationOptions& options,
                    std::vector<Violation>* out);

}  // namespace winnow
