#pragma once

// The block level of the Markdown cleaner (internal to text/): splits a document into runs of
// lines the cleaner treats alike. Follows CommonMark where it matters for cleaning, with these
// choices:
//   - A fence may be indented any amount (fences inside list items are common in READMEs); an
//     unclosed fence runs to the end of the document, as in CommonMark.
//   - Indented code needs 4 columns of indent after a blank line, outside a list.
//   - A GFM table is a row with a '|' followed by a delimiter row with as many cells; it ends at
//     the first line without a '|' (GFM would take that line as a row: dropping it could lose
//     prose, so it stays prose).
//   - An HTML comment or a <script>/<style> element that starts a line runs to its closer, across
//     blank lines. Without a closer anywhere after it, it is prose: CommonMark would hide the rest
//     of the document, and silently dropping a whole card for one stray "<!--" is worse.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/markdown_scan.h"

namespace winnow {

enum class MarkdownBlockKind {
  kProse,           // paragraphs, headings, list items, block quotes: lines with no blank between
  kBlank,           // one or more blank lines
  kFencedCode,      // opening fence to closing fence (or the end of the document)
  kIndentedCode,    // indented lines (blank lines inside included)
  kTable,           // header row, delimiter row, body rows
  kHtmlComment,     // <!-- ... --> that starts a line; may end mid-line
  kRawHtml,         // <script> or <style> that starts a line, to its closing tag
  kLinkDefinition,  // [label]: destination "title"
};

// A block is the bytes [begin, end) of the document. Blocks of whole lines end after their last
// line end; comment and raw HTML blocks end after their closer, and the rest of that line is the
// next block. Bytes between blocks (spaces after such a closer) belong to none.
struct MarkdownBlock {
  MarkdownBlockKind kind;
  size_t begin;
  size_t end;
};

struct MarkdownBlocks {
  std::vector<MarkdownBlock> blocks;
  LinkDefinitions definitions;  // views into the document
};

MarkdownBlocks SplitMarkdownBlocks(std::string_view document);
MarkdownBlocks SplitMarkdownBlocks(std::string&& document) = delete;

// Parses a link reference definition line ("[label]: <dest> 'title'", without its line end).
// Footnote definitions ("[^1]: ...") are not link definitions.
bool ParseLinkDefinition(std::string_view line, std::string_view* label,
                         std::string_view* destination);

}  // namespace winnow
