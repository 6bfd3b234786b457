#pragma once

// Rules for one chat message list (shared/specs/formats.md, "Validation rules"): OpenAI-style
// {role, content} objects, roles from the allowed set, a system turn only first, user and assistant
// alternating, tool turns only after an assistant tool call, and the right last turn for the list's
// place in the record.

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "winnow/validate/violation.h"

namespace winnow {

// What a message list is for, which fixes how it must start and end.
enum class TurnsKind {
  kConversation,  // a whole training conversation: (system) user ... assistant
  kPrompt,        // a prompt: (system) user ... ending with user (or tool results)
  kCompletion,    // a completion: assistant ... ending with assistant
};

// Appends the violations of `list` (the value of `field`) to `out`.
void CheckMessageList(simdjson::dom::element list, std::string_view field, TurnsKind kind,
                      const ValidationOptions& options, std::vector<Violation>* out);

// True when `element` is a list (possibly empty) whose items are all objects: the conversational
// form, as opposed to a string (the standard form).
bool IsConversational(simdjson::dom::element element);

// "string", "list", "object", "number", "bool", "null".
std::string_view JsonTypeName(simdjson::dom::element element);

// True when `text` has a character other than ASCII whitespace.
bool HasNonSpace(std::string_view text);

}  // namespace winnow
