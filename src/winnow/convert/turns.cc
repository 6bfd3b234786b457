#include "winnow/convert/turns.h"

#include <fmt/format.h>

namespace winnow {

Turns Turns::Text(std::string_view text) {
  Turns turns;
  turns.text = std::string(text);
  return turns;
}

Turns Turns::Messages(std::vector<ChatMessage> messages) {
  Turns turns;
  turns.conversational = true;
  turns.messages = std::move(messages);
  return turns;
}

Turns Turns::Message(std::string role, std::string_view text) {
  return Messages({ChatMessage::Text(std::move(role), text)});
}

std::string Turns::Key() const {
  JsonBuilder json;
  WriteTurns(*this, {}, &json);
  return json.Take();
}

Result<Turns> ReadTurns(simdjson::dom::element value, std::string_view field,
                        simdjson::dom::parser& parser) {
  std::string_view text;
  if (!value.get_string().get(text)) return Turns::Text(text);
  if (value.is_object()) {
    WINNOW_ASSIGN_OR_RETURN(ChatMessage message, ReadChatMessage(value, field, parser));
    std::vector<ChatMessage> messages;
    messages.push_back(std::move(message));
    return Turns::Messages(std::move(messages));
  }
  if (value.is_array()) {
    WINNOW_ASSIGN_OR_RETURN(auto messages, ReadChatMessages(value, field, parser));
    return Turns::Messages(std::move(messages));
  }
  return Error(
      Status::InvalidArgument(fmt::format("{}: expected a string or a list of messages", field)));
}

void WriteTurns(const Turns& turns, const MessageWriteOptions& options, JsonBuilder* out) {
  if (turns.conversational) {
    WriteOpenAiMessages(turns.messages, options, out);
  } else {
    out->String(turns.text);
  }
}

}  // namespace winnow
