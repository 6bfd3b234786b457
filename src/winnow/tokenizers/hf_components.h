#pragma once

// Builds the normalizer and pre-tokenizer of a tokenizer.json from their JSON objects. Every
// component type the library defines is either built or refused with an Unsupported error that
// names the field and lists the supported types: silently skipping a step would give wrong counts.

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/tokenizers/json_reader.h"
#include "winnow/tokenizers/normalizer.h"
#include "winnow/tokenizers/pre_tokenizer.h"
#include "winnow/tokenizers/split_pattern.h"

namespace winnow::tokenizers {

Result<std::unique_ptr<Normalizer>> ParseNormalizer(simdjson::dom::element json,
                                                    const std::string& path);

// `raw_byte_level`: the ByteLevel step that ends the chain leaves pieces as raw bytes (see
// NewByteLevelPreTokenizer); only valid when IsRawByteLevelChain(json).
Result<std::unique_ptr<PreTokenizer>> ParsePreTokenizer(simdjson::dom::element json,
                                                        const std::string& path,
                                                        bool raw_byte_level);

// True when the chain holds exactly one ByteLevel pre-tokenizer and it is the last step, so
// nothing after it sees the byte-level spelling.
bool IsRawByteLevelChain(simdjson::dom::element json);
// True when the chain holds a ByteLevel pre-tokenizer (for the tokenizer's name).
bool HasByteLevel(simdjson::dom::element json);

// A {"String": "..."} or {"Regex": "..."} pattern field.
Result<std::unique_ptr<SplitPattern>> ParsePatternField(const JsonObjectReader& owner,
                                                        std::string_view key);

// Standard base64 with optional padding; InvalidInput on other characters.
Result<std::string> DecodeBase64(std::string_view text);

}  // namespace winnow::tokenizers
