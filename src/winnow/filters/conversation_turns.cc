#include "winnow/filters/conversation_turns.h"

#include "winnow/record/text_view.h"

namespace winnow {
namespace {

// Where a turn's text is until the arena stops growing.
struct PendingText {
  std::string_view direct;  // the content string in the record
  size_t begin = 0;         // else [begin, end) of the arena
  size_t end = 0;
  bool in_arena = false;
};

}  // namespace

bool ReadConversation(const Record* record, const FieldPath& field,
                      std::vector<ConversationTurn>* turns, std::string* arena) {
  turns->clear();
  arena->clear();
  simdjson::dom::element list;
  if (record == nullptr || field.segments().empty() || field.has_wildcard() ||
      field.Get(*record).get(list) || !IsMessageList(list)) {
    return false;
  }
  std::vector<PendingText> pending;
  TextViewOptions join;
  join.separator = "\n";
  const simdjson::dom::array items = list.get_array().value_unsafe();
  for (simdjson::dom::element item : items) {
    ConversationTurn turn;
    if (item.get_object().get(turn.message)) continue;
    std::string_view role;
    if (!turn.message.at_key("role").get_string().get(role) ||
        !turn.message.at_key("from").get_string().get(role)) {
      turn.role = NormaliseRole(role);
    }
    simdjson::dom::element calls;
    turn.has_tool_calls = !turn.message.at_key("tool_calls").get(calls) &&
                          calls.type() == simdjson::dom::element_type::ARRAY &&
                          calls.get_array().value_unsafe().size() > 0;
    simdjson::dom::element content;
    PendingText text;
    if (!turn.message.at_key("content").get(content) ||
        !turn.message.at_key("value").get(content)) {
      if (content.get_string().get(text.direct)) {
        text.in_arena = true;
        text.begin = arena->size();
        TextView::AppendText(content, join, arena);
        text.end = arena->size();
      }
    }
    turns->push_back(turn);
    pending.push_back(text);
  }
  for (size_t i = 0; i < turns->size(); ++i) {
    const PendingText& text = pending[i];
    (*turns)[i].text = text.in_arena
                           ? std::string_view(*arena).substr(text.begin, text.end - text.begin)
                           : text.direct;
  }
  return true;
}

int LastTurnOf(const std::vector<ConversationTurn>& turns, std::string_view role, int before) {
  int i = before < 0 ? static_cast<int>(turns.size()) - 1 : before;
  for (; i >= 0; --i) {
    if (turns[i].role == role) return i;
  }
  return -1;
}

}  // namespace winnow
