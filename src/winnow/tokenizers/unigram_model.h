#pragma once

// Unigram (SentencePiece's model) as the Hugging Face library runs it: the segmentation of the word
// into vocabulary pieces with the highest total score (Viterbi over log-probabilities). A character
// no piece starts with becomes an unknown node scored min_score - 10; adjacent unknowns are fused
// into one unknown token, which byte_fallback spells as `<0xNN>` tokens instead when it can.

#include <memory>

#include "winnow/tokenizers/model.h"

namespace winnow::tokenizers {

// From the "model" object of a tokenizer.json whose type is Unigram (`vocab: [[piece, score],
// ...]`, `unk_id`, `byte_fallback`).
Result<std::unique_ptr<Model>> ParseUnigramModel(const JsonObjectReader& model);

}  // namespace winnow::tokenizers
