#pragma once

// The punctuation set that datatrove's text normalisation and quality filters use
// (specs/punctuation-set.tsv): ASCII and CJK/full-width punctuation, C0/C1 controls except tab and
// newline, and the sentence terminators. Shared by dedup normalisation and the filters.

#include <cstdint>

namespace winnow {

// True for the 281 code points of the punctuation set.
bool IsPunctuation(uint32_t code_point);

// True for the 159 sentence terminators (a subset of the punctuation set).
bool IsTerminalPunctuation(uint32_t code_point);

}  // namespace winnow
