#pragma once

// What tokenizer.json's post_processor adds when Encode is asked for special tokens. Only the
// single-sequence case matters for token counts, so each processor reduces to the ids it puts
// before and after the text ([CLS] ... [SEP], <|begin_of_text|> ...).

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/common/status.h"

namespace winnow::tokenizers {

struct SpecialTokenFrame {
  std::vector<int32_t> prefix;
  std::vector<int32_t> suffix;
};

// TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel (adds nothing) and Sequence of
// these. Unsupported for other types; InvalidInput naming the field for malformed ones.
Result<SpecialTokenFrame> ParsePostProcessor(simdjson::dom::element json, const std::string& path);

}  // namespace winnow::tokenizers
