#pragma once

// The turns of a chat record as the response checks (fabricated_urls, truncation,
// conversation_hygiene) see them: role and text per message, read straight from the record so a
// check can tell the prompt from the response, which the joined view text cannot.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/record/field_path.h"
#include "winnow/record/record.h"

namespace winnow {

struct ConversationTurn {
  std::string_view role;        // normalised (human -> user, gpt -> assistant); empty when missing
  std::string_view text;        // the content's text; content parts joined with "\n"
  bool has_tool_calls = false;  // an assistant turn that calls tools may have no text
  simdjson::dom::object message;  // the message itself, for keys such as finish_reason
};

// Reads the message list at `field` of `record` into `turns` (cleared first). Texts that are not a
// single string in the record are built in `*arena`. The views stay valid while the record and
// the arena are unchanged. Returns false, leaving `turns` empty, when `record` is null or the
// field is missing or not a message list: the check then works on the view's text.
bool ReadConversation(const Record* record, const FieldPath& field,
                      std::vector<ConversationTurn>* turns, std::string* arena);

// Index of the last turn with role `role` at or before `before`, or -1.
int LastTurnOf(const std::vector<ConversationTurn>& turns, std::string_view role, int before = -1);

}  // namespace winnow
