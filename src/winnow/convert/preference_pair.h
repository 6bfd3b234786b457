#pragma once

// Reading preference data of any shape into one explicit-prompt pair:
//   explicit      prompt, chosen, rejected (strings or message lists);
//   implicit      chosen, rejected whole conversations (lists, or strings): the shared prefix is
//                 the prompt, cut back to end with a user turn (TRL's extract_prompt, turn-aware);
//   hh            Anthropic HH transcripts ("\n\nHuman: ...\n\nAssistant: ..."), split into turns;
//   llamafactory  conversations + chosen {from, value} + rejected {from, value}, or LLaMA-Factory
//                 v1's chosen_messages / rejected_messages.

#include <simdjson.h>

#include <memory>
#include <string>

#include "winnow/convert/conversion.h"
#include "winnow/convert/turns.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

enum class PreferenceSource { kAuto, kExplicit, kImplicit, kHh, kLlamaFactory };

Result<PreferenceSource> ParsePreferenceSource(std::string_view text);

struct PreferencePair {
  Turns prompt;
  Turns chosen;
  Turns rejected;
};

// Reads `record` as a preference pair. `standard` keeps string transcripts as strings (HH: prompt
// ends with "\n\nAssistant:", chosen/rejected start after it, as TRL's hh-rlhf script writes);
// otherwise HH transcripts become message lists.
Result<PreferencePair> ReadPreferencePair(const Record& record, PreferenceSource source,
                                          bool standard, simdjson::dom::parser& parser);

// The columns any preference shape uses.
std::set<std::string, std::less<>> PreferenceColumns();

struct PreferenceOptions {
  PreferenceSource source = PreferenceSource::kAuto;
  bool standard = false;  // see ReadPreferencePair
  MessageWriteOptions write;
};
Result<PreferenceOptions> ReadPreferenceOptions(StepOptions& options);

// to_preference: any preference shape -> explicit prompt/chosen/rejected.
Result<std::unique_ptr<Conversion>> CreateToPreference(StepOptions& options);
// to_kto: each pair -> a (prompt, chosen, true) row and a (prompt, rejected, false) row; LLaMA-
// Factory KTO rows (messages + label) -> prompt/completion/label.
Result<std::unique_ptr<Conversion>> CreateToKto(StepOptions& options);

}  // namespace winnow
