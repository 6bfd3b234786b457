#pragma once

// NLTK's word-tokenizer substitutions as passes over the cells of word_tokenizer_cells.h.

#include <cstdint>

#include "winnow/text/word_tokenizer_cells.h"

namespace winnow::word_tokenizer_internal {

// Applies NLTK's substitutions, in NLTK's order, to *cells (`spare` is scratch). `triggers` is
// the union of kSymbolTables.triggers over the cells' symbols.
void RunNltkPasses(uint32_t triggers, Cells* cells, Cells* spare);

}  // namespace winnow::word_tokenizer_internal
