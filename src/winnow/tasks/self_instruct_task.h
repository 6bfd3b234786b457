#pragma once

// self_instruct: Self-Instruct (Wang et al.) as a pipeline step. The input rows are the seed
// tasks (an `instruction` column); each round sends `requests_per_round` prompts of 8 numbered
// instructions (up to 2 machine-made, the rest seeds, sampled with the pipeline's seed), splits
// every answer into new instructions and keeps those that pass the original filters — 4 to 150
// words, no blocklisted word, not "Write a program...", no punctuation or non-ASCII first
// character, and ROUGE-L F <= 0.7 against every instruction already in the pool (seeds and kept
// ones, including those kept earlier in the same round). Kept instructions join the pool at
// once; refused ones go to the reject file with the reason. It stops at `target` new
// instructions (the surplus of the last round is cut) or after `max_rounds`.
//
// Columns out (new rows only; the seeds are not passed on): instruction, source
// ("self_instruct"), round.

#include <memory>
#include <string>

#include "winnow/llm/llm_generator.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmGenerator>> CreateSelfInstructGenerator(StepOptions& options,
                                                                       uint64_t seed);

}  // namespace winnow::tasks
