#pragma once

// ChatMessage: one turn of a conversation in a neutral form, read from any chat format winnow
// knows (OpenAI messages, ShareGPT, LLaMA-Factory's tool-call turns) and written as OpenAI
// messages or ShareGPT. Reading maps role *values* (human -> user, gpt -> assistant,
// function_call -> an assistant tool call, observation -> tool), which is what TRL's own converter
// leaves undone.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/json_builder.h"

namespace winnow {

struct ToolCall {
  std::string id;  // may be empty
  std::string name;
  std::string arguments_json;  // the arguments as JSON text (an object, normally); "{}" if none
};

struct ChatMessage {
  std::string role;  // system, user, assistant or tool
  // The content as JSON text: a string ("\"Hi\"") or a list of parts. Empty when the message had
  // none (an assistant turn that only calls tools).
  std::string content_json;
  std::string text;  // the content's text (parts joined); for comparisons and standard forms
  std::string name;  // the tool's name on tool turns, when known
  std::string tool_call_id;
  std::vector<ToolCall> tool_calls;
  // Other keys of the message (loss_weight, reasoning_content, ...), kept as JSON text.
  std::vector<std::pair<std::string, std::string>> extra;

  bool has_content() const { return !content_json.empty(); }
  static ChatMessage Text(std::string role, std::string_view text);
};

// Maps a role value seen in the wild to system/user/assistant/tool; "" when unknown.
// function_call maps to assistant (the caller turns the value into a tool call).
std::string_view MapRole(std::string_view role);

// Reads a message list in OpenAI or ShareGPT form. `field` names the list in errors
// ("conversations[3].from: unknown role 'narrator'"). `parser` is scratch for parsing tool calls
// written as JSON text. Tool turns get the name of the call they answer when the source left it
// out.
Result<std::vector<ChatMessage>> ReadChatMessages(simdjson::dom::element list,
                                                  std::string_view field,
                                                  simdjson::dom::parser& parser);

// Reads one message object (a LLaMA-Factory chosen/rejected turn, say).
Result<ChatMessage> ReadChatMessage(simdjson::dom::element message, std::string_view field,
                                    simdjson::dom::parser& parser);

enum class ArgumentsForm {
  kString,  // "arguments": "{\"city\": \"Paris\"}" — OpenAI's API (the default)
  kObject,  // "arguments": {"city": "Paris"} — TRL's examples
};

struct MessageWriteOptions {
  ArgumentsForm arguments = ArgumentsForm::kString;
  bool keep_extra_keys = true;  // write ChatMessage::extra
};

// Writes `messages` as an OpenAI message list.
void WriteOpenAiMessages(const std::vector<ChatMessage>& messages,
                         const MessageWriteOptions& options, JsonBuilder* out);
// Writes `messages` as a ShareGPT list ({from, value}; tool calls as function_call turns whose
// value is the call's JSON, tool results as observation turns).
void WriteShareGptMessages(const std::vector<ChatMessage>& messages, JsonBuilder* out);

// The index just after the last user turn: where the reply to it starts. messages.size() when
// there is no user turn or nothing follows it.
size_t ReplyStart(const std::vector<ChatMessage>& messages);

// True when two messages say the same thing (role, content, tool calls), ignoring extra keys.
bool SameMessage(const ChatMessage& a, const ChatMessage& b);

}  // namespace winnow
