#pragma once

// Turns: a prompt, completion, chosen or rejected value in either TRL form — a plain string
// (standard) or a message list (conversational) — so conversions can move values between
// columns without caring which form the dataset uses.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/record/chat_message.h"

namespace winnow {

struct Turns {
  bool conversational = false;
  std::string text;                   // standard form
  std::vector<ChatMessage> messages;  // conversational form

  static Turns Text(std::string_view text);
  static Turns Messages(std::vector<ChatMessage> messages);
  // A single message {role: ..., content: text}.
  static Turns Message(std::string role, std::string_view text);

  // The same value as compact JSON (for grouping and equality).
  std::string Key() const;
};

// Reads a string or a message list (OpenAI or ShareGPT, roles mapped); a single message object
// (LLaMA-Factory's chosen {from, value}) becomes a one-message list.
Result<Turns> ReadTurns(simdjson::dom::element value, std::string_view field,
                        simdjson::dom::parser& parser);

void WriteTurns(const Turns& turns, const MessageWriteOptions& options, JsonBuilder* out);

}  // namespace winnow
