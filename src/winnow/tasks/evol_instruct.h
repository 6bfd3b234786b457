#pragma once

// Evol-Instruct (Xu et al. 2023, "WizardLM", github.com/nlpxucan/WizardLM, Evol_Instruct/):
// the prompts that rewrite an instruction into a harder one (in depth) or a new one of the same
// domain (in breadth), the extraction of the rewritten instruction from the answer, and the
// paper's "elimination evolving" rules that decide whether an evolution failed.
//
// Thread safety: every function is safe to call concurrently.

#include <optional>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::tasks {

enum class EvolMutation {
  kAddConstraints,     // in depth: add one more constraint or requirement
  kDeepen,             // in depth: widen and deepen the inquiry
  kConcretize,         // in depth: replace general concepts with specific ones
  kIncreaseReasoning,  // in depth: ask explicitly for multi-step reasoning
  kComplicateInput,    // in depth: add a complex input (table, code, data)
  kBreadth,            // in breadth: a new, rarer instruction of the same domain
};

// "add_constraints", "deepen", "concretize", "increase_reasoning", "complicate_input", "breadth".
std::string_view EvolMutationName(EvolMutation mutation);
Result<EvolMutation> ParseEvolMutation(std::string_view name);

// The user message for one mutation. The four in-depth prompts whose text WizardLM published
// (Evol_Instruct/depth.py) and the breadth prompt (breadth.py) are reproduced byte for byte,
// including their "\r\n" line ends and the tab characters the Python line continuations left
// in depth.py's template. WizardLM's code has no complicate-input prompt; winnow's uses the same
// template with a method sentence of its own.
std::string BuildEvolPrompt(EvolMutation mutation, std::string_view instruction);

// The rewritten instruction in a model's answer: surrounding whitespace removed, and a leading
// label such as "#Rewritten Prompt#:", "**Rewritten Prompt:**" or "#Created Prompt#:" (any case)
// dropped, since models often echo the label the prompt ends with. Nothing else is changed.
std::string ExtractEvolvedInstruction(std::string_view answer);

// Why an evolution failed, by the paper's rules that need no model (section 3.3, "Elimination
// Evolving"), or nullopt when it passes them. `response` is the answer generated for the evolved
// instruction, when the caller has it; the response rules are skipped without it.
//   "empty"                    the evolved instruction is blank (rule 1: no information gain)
//   "copied_original"          equal to the original after lower-casing, collapsing whitespace
//                              and dropping trailing punctuation (rule 1, the case a string
//                              comparison can decide)
//   "prompt_leak"              contains "given prompt", "rewritten prompt" or "created prompt"
//                              (any case, so "#Rewritten Prompt#" too) where the original did
//                              not (rule 4: words copied from the evolving prompt)
//   "response_sorry"           the response contains "sorry" (any case) and has fewer than 80
//                              words (rule 2: the model struggles to answer)
//   "response_only_stopwords"  the response has no word beyond punctuation and English stop
//                              words (rule 3; a blank response counts)
// Rule 1 in general ("no information gain") needs a model: see BuildEvolEqualityPrompt.
std::optional<std::string> EvolEliminationReason(std::string_view original,
                                                 std::string_view evolved,
                                                 std::optional<std::string_view> response);

// The paper's Appendix G prompt asking a model whether two instructions are equal (same
// constraints and requirements, same depth and breadth of inquiry).
std::string BuildEvolEqualityPrompt(std::string_view original, std::string_view evolved);

// The answer to BuildEvolEqualityPrompt: true for "Equal" (the evolution is eliminated), false
// for "Not Equal". Case, surrounding whitespace, quotes, '*' emphasis and one final '.' are
// ignored; anything else is an error quoting the answer, so the engine can ask again.
Result<bool> ParseEvolEquality(std::string_view answer);

}  // namespace winnow::tasks
