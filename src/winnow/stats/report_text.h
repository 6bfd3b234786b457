#pragma once

// The terminal report of `winnow inspect`: a header, a columns table, per-column details with
// text histograms, conversations, duplicates and the TRL dataset type.

#include <cstddef>
#include <string>

#include "winnow/stats/profile.h"

namespace winnow {

// Renders `profile` as plain text (UTF-8, box-drawing and block characters, no colour) whose
// lines never exceed `width` display columns for widths >= 60; narrower widths are laid out as
// 60. Dataset text is sanitised (control characters and bidi overrides replaced) and cut with "…".
std::string RenderProfileText(const DatasetProfile& profile, size_t width);

// The width to lay the report out for: the terminal's width when stdout is a terminal, else
// $COLUMNS, else 100; always clamped to [60, 200].
size_t TerminalWidth();

}  // namespace winnow
