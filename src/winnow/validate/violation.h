#pragma once

// One broken validation rule in one record, and the options the rules read.

#include <string>
#include <vector>

namespace winnow {

enum class Severity { kError, kWarning };

struct Violation {
  std::string rule;     // stable id: "missing_column", "bad_turn_order", ...
  std::string field;    // where: "messages[3].role", "chosen"; "" for the whole record
  std::string message;  // one line a user can act on
  Severity severity = Severity::kError;
};

struct ValidationOptions {
  // Strings (text, prompt, completion, message contents) must have a non-space character.
  bool allow_empty_strings = false;
  // A training conversation (messages, chosen/rejected, completion) must end with the assistant.
  bool require_assistant_last = true;
  // Message roles accepted besides system, user, assistant and tool (e.g. "developer").
  std::vector<std::string> extra_roles;
};

}  // namespace winnow
