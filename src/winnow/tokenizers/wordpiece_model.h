#pragma once

// WordPiece as BERT uses it: greedy longest-match-first from the start of the word; pieces after
// the first carry the continuing_subword_prefix ("##"). A word longer than
// max_input_chars_per_word characters, or one with a stretch no piece matches, is a single unknown
// token.

#include <memory>

#include "winnow/tokenizers/model.h"

namespace winnow::tokenizers {

// From the "model" object of a tokenizer.json whose type is WordPiece. Fails when unk_token is not
// in the vocabulary.
Result<std::unique_ptr<Model>> ParseWordPieceModel(const JsonObjectReader& model);

}  // namespace winnow::tokenizers
