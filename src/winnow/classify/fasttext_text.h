#pragma once

// How texts and labels are written for fastText, the same way when training and when predicting
// (a model only sees what it was trained on).
//
// fastText reads one example per line and splits words on ASCII whitespace; a token starting with
// "__label__" is a label. So a text becomes one line: '\n' and '\r' become spaces, and a word that
// starts with "__label__" loses its first underscore ("_label__x") so it stays a word. A label
// becomes one token: whitespace and NUL become '_' ("very good" -> "very_good").

#include <string>
#include <string_view>

namespace winnow {

inline constexpr std::string_view kFastTextLabelPrefix = "__label__";

// Appends `text` as one fastText line, without the terminating newline.
void AppendFastTextText(std::string_view text, std::string* out);

// `label` as one fastText token, without the prefix ("very good" -> "very_good").
std::string FastTextSafeLabel(std::string_view label);

// True when `text` has nothing but ASCII whitespace (what fastText would see as no words).
bool IsFastTextBlank(std::string_view text);

}  // namespace winnow
