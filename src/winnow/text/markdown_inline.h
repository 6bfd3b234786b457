#pragma once

// The inline level of the Markdown cleaner (internal to text/): code spans, links, images,
// badges, autolinks, raw HTML and spaces inside one block of prose or one table row.

#include <string>
#include <string_view>

#include "winnow/text/markdown_clean.h"
#include "winnow/text/markdown_scan.h"

namespace winnow {

// Appends the cleaned form of `text` (a prose block without its last line end, or a table row:
// no blank lines inside) to *out. Removed bytes are added to their category in *stats, except
// whitespace, which the caller counts as what is left over. Spaces are collapsed: runs of spaces
// and tabs become one, trailing ones go, leading indentation stays (it carries list nesting)
// unless something was removed before it on the line. Code spans are copied as they are.
void CleanMarkdownInline(std::string_view text, const MarkdownCleanOptions& options,
                         const LinkDefinitions& definitions, MarkdownCleanStats* stats,
                         std::string* out);

}  // namespace winnow
