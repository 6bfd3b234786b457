#pragma once

// Conversions into and out of OpenAI messages (shared/specs/formats.md, "Chat formats"):
//   to_messages: ShareGPT conversations, OpenAI messages (normalised), Alpaca
//     instruction/input/output (+ system, history) or prompt/completion -> {"messages": [...]},
//     role values mapped, tool calls normalised, a `system` column folded in as the first turn and
//     a `tools` column written as a list of function schemas;
//   to_sharegpt: messages -> {"conversations": [{from, value}]}.

#include <memory>
#include <string>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/record/chat_message.h"

namespace winnow {

enum class ChatSource { kAuto, kShareGpt, kMessages, kAlpaca, kPromptCompletion };

// "auto", "sharegpt", "messages", "alpaca", "prompt_completion" (also with '-').
Result<ChatSource> ParseChatSource(std::string_view text);

struct ToMessagesOptions {
  ChatSource source = ChatSource::kAuto;  // auto: decided per record by its columns
  std::string field;                      // the conversation column; "" = the source's default
  MessageWriteOptions write;
  std::string alpaca_separator = "\n\n";  // between an Alpaca instruction and its input
  std::string system;                     // a system prompt to put first when a record has none
};

std::unique_ptr<Conversion> MakeToMessages(ToMessagesOptions options);
std::unique_ptr<Conversion> MakeToShareGpt(std::string field = "messages");

Result<std::unique_ptr<Conversion>> CreateToMessages(StepOptions& options);
Result<std::unique_ptr<Conversion>> CreateToShareGpt(StepOptions& options);

// Reads the `tools` column (a list, or JSON text of one) into function schemas
// {"type": "function", "function": {...}}; bare {name, description, parameters} are wrapped.
Status WriteToolsColumn(simdjson::dom::element tools, simdjson::dom::parser& parser,
                        JsonBuilder* out);

// Reads the shared write options (arguments: string|object) from step options.
Result<MessageWriteOptions> ReadMessageWriteOptions(StepOptions& options);

}  // namespace winnow
