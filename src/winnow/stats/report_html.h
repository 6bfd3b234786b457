#pragma once

// The HTML report of `winnow inspect`: one self-contained page (inline CSS and SVG, no
// JavaScript, no external assets) that opens offline and can be attached to an issue or a
// dataset card.

#include <string>

#include "winnow/stats/profile.h"

namespace winnow {

// Renders `profile` as an HTML5 page: a summary card, the columns table, a card per column with
// its histogram, conversations, duplicates and the TRL dataset type. All dataset text is
// sanitised and HTML-escaped; example lists and snippets are capped so that profiles of wide
// datasets stay within a few hundred KB.
std::string RenderProfileHtml(const DatasetProfile& profile);

}  // namespace winnow
