#pragma once

// The test LLM server's deterministic answers: the key that identifies a question, the default
// answer text, and the word counts it reports as tokens.

#include <cstdint>
#include <string>
#include <string_view>

#include "llm/llm_request_info.h"

namespace winnow::testutil {

// Identifies the question: a hash of (endpoint, model, messages or prompt, seed, temperature).
// Requests that differ only in other fields (max_tokens, structured outputs) share a key.
uint64_t AnswerKey(const RequestInfo& info);

// The variant for answer `choice` (0-based, of n) of a question: what picks among a script
// rule's replies, among structured-output choices, and what the schema answerer receives.
uint64_t AnswerVariant(uint64_t answer_key, int choice);

// "Answer <8 hex digits of the variant> to: <first 60 characters of LastUserText()>".
std::string DefaultAnswer(const RequestInfo& info, uint64_t variant);

// Whitespace-separated words: what the server reports as tokens.
size_t CountWords(std::string_view text);

// The first `words` words of `text` with the whitespace between them (none after the last).
std::string FirstWords(std::string_view text, size_t words);

}  // namespace winnow::testutil
