#pragma once

// The dedup family in the step table, for pipeline files. A fingerprint dedup is several stages
// (datatrove's layout), each usable on its own shard:
//   dedup_signatures  fingerprint this shard's records into a signature folder (records pass)
//   (merge)           `winnow dedup merge DIR` clusters all shards and writes decisions
//   dedup_apply       drop or mark this shard's duplicates from the decisions
// and decontaminate is a single streaming step.

#include <vector>

#include "winnow/pipeline/step_registry.h"

namespace winnow {

void AppendDedupSteps(std::vector<StepSpec>* steps);

}  // namespace winnow
