#pragma once

// to_prompt_completion: messages -> prompt/completion, split before the assistant's reply to the
// last user turn (prompt = everything up to and including that user turn, completion = the
// assistant turns after it, tool calls and results included). Conversational by default; the
// standard form (strings) only when the prompt is one user turn and the completion one assistant
// turn without tool calls — anything else cannot be flattened without a chat template and is
// rejected with the reason.

#include <memory>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

Result<std::unique_ptr<Conversion>> CreateToPromptCompletion(StepOptions& options);

}  // namespace winnow
