#pragma once

// The TRL dataset types of shared/specs/formats.md as an enum, with their names, the aliases users
// type (dpo, kto, sft, ...) and the column test that tells a record's type.

#include <optional>
#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/record/record.h"

namespace winnow {

enum class TrlType {
  kLanguageModeling,     // text | messages
  kPromptOnly,           // prompt
  kPromptCompletion,     // prompt, completion
  kPreference,           // prompt, chosen, rejected (explicit prompt)
  kImplicitPreference,   // chosen, rejected (the shared prefix is the prompt)
  kUnpairedPreference,   // prompt, completion, label (KTO)
  kStepwiseSupervision,  // prompt, completions, labels (PRM)
};

// "language_modeling", "prompt_only", "prompt_completion", "preference", "implicit_preference",
// "unpaired_preference", "stepwise_supervision".
std::string_view TrlTypeName(TrlType type);

// Accepts the names above with '-' or '_', and the trainer-style aliases users type: lm, text,
// messages, sft (language_modeling), grpo, prompt (prompt_only), dpo, orpo, cpo (preference),
// reward, implicit (implicit_preference), kto (unpaired_preference), prm, stepwise.
Result<TrlType> ParseTrlType(std::string_view text);

// A comma-separated list of every accepted name, for help and errors.
std::string TrlTypeChoices();

// The type a parsed record's columns say it has (most specific first: label before completion,
// chosen/rejected before prompt), or nullopt when its columns fit none.
std::optional<TrlType> TrlTypeOfRecord(const Record& record);

// For a record in a known non-TRL shape (ShareGPT, Alpaca, LLaMA-Factory preference or KTO),
// the `winnow convert` command that makes it TRL data; "" otherwise.
std::string ConvertHint(const Record& record);

}  // namespace winnow
