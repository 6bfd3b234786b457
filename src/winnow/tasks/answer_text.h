#pragma once

// Small text helpers the task parsers share: case-insensitive ASCII search, strict integers,
// quoting a model's answer in an error message.

#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::tasks {

std::string AsciiLower(std::string_view text);

// True when `needle` (lower-case ASCII) occurs in `text` ignoring ASCII case.
bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view needle);

// True when `text` starts with `prefix` (lower-case ASCII) ignoring ASCII case.
bool StartsWithIgnoringAsciiCase(std::string_view text, std::string_view prefix);

// A whole token as an integer in [min, max]: ASCII digits only (no sign, no spaces, no decimal
// point, at most 9 digits). Anything else is an InvalidInput error that names `what` and quotes
// the token: `rating "4.5" is not an integer from 1 to 5`. Reading the whole token is what keeps
// a "10" from passing as a 1 (or the reverse) on a 1-to-5 scale.
Result<int> ParseBoundedInt(std::string_view token, int min, int max, std::string_view what);

// `text` for an error message: quoted, on one line, cut to 60 characters.
std::string QuoteForError(std::string_view text);

// The JSON inside a reply that wrapped it in a Markdown code fence (```json ... ``` or
// ``` ... ```), or the reply without surrounding whitespace when there is no fence.
std::string_view StripCodeFence(std::string_view reply);

}  // namespace winnow::tasks
