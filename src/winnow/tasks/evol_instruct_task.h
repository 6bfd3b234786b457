#pragma once

// evol_instruct: WizardLM's Evol-Instruct (evol_instruct.h) as a pipeline step. Each round draws a
// mutation, asks the model to rewrite the row's current instruction with it, optionally asks the
// same endpoint to answer the rewritten instruction (the elimination rules on responses need the
// answer) and whether the two instructions are equal, and applies the paper's elimination rules.
// An eliminated evolution leaves the current instruction as it was for the next round, as
// WizardLM puts failed instructions back into the pool. Rounds run one after another within a
// row; rows run in parallel.
//
// Columns in: <instruction>. Columns out: evolved_instruction, evolved_response (with answer),
// evolution (one entry per round), evolution_survived.

#include <memory>
#include <string>

#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

Result<std::unique_ptr<llm::LlmTask>> CreateEvolInstructTask(StepOptions& options,
                                                             const std::string& step_name);

}  // namespace winnow::tasks
