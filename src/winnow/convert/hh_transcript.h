#pragma once

// Anthropic HH transcripts: "\n\nHuman: ...\n\nAssistant: ..." strings, as in hh-rlhf's chosen and
// rejected columns.

#include <string_view>
#include <vector>

#include "winnow/record/chat_message.h"

namespace winnow {

// True when `text` starts (after whitespace) with a "Human:" turn marker.
bool LooksLikeHhTranscript(std::string_view text);

// Splits a transcript into user/assistant messages, contents trimmed. Text before the first
// marker is an error, as is a transcript without markers. An empty final "Assistant:" turn gives
// an empty message (the validator then reports it).
Result<std::vector<ChatMessage>> ParseHhTranscript(std::string_view text, std::string_view field);

}  // namespace winnow
