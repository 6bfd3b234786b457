#pragma once

// Markdown cleaning for text fed to LLMs: keeps headings, prose, lists and (by default) code and
// tables, and removes what a reader of the rendered page never sees as text or what is noise in a
// training document: HTML comments, HTML tags (their inner text stays), badges, images, link
// URLs, reference definitions and surplus whitespace. It is a one-pass scanner over CommonMark's
// block structure (fences, indented code, GFM tables, HTML comment and script blocks, link
// reference definitions) and inline syntax (code spans, links, images, autolinks, raw HTML), not a
// renderer: output stays Markdown, only lighter. Linear time on any input; valid UTF-8 in gives
// valid UTF-8 out (every cut falls on an ASCII delimiter).
//
// Known simplifications: container blocks (block quotes, list items) are not nested parsers, so a
// fence inside a block quote is prose; an HTML tag is only removed when its name is an HTML
// element (dataset cards write placeholder tokens such as <org> in angle brackets; they stay).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/text/front_matter.h"

namespace winnow {

struct MarkdownCleanOptions {
  // Remove fenced (``` and ~~~) and indented code blocks. Default false: code is kept byte for
  // byte, as it often is the content (examples of the data, citations).
  bool drop_code_blocks = false;
  // Remove GFM pipe tables. Default false: tables are kept with links and tags cleaned in cells.
  bool drop_tables = false;
  // Keep the alt text of images (`![a chart](c.png)` -> `a chart`). Default false: images go
  // entirely. Badges lose their alt text either way ("build passing" is not prose).
  bool keep_image_alt = false;
  // Remove autolinks (`<https://x.org>`) entirely. Default false: the URL is the visible text, so
  // it stays and only the angle brackets go.
  bool drop_autolinks = false;
  // Remove bare URLs in prose (http://, https://, www.). Default false.
  bool drop_bare_urls = false;
};

// Byte counts; every removed byte is counted in exactly one category, so
// bytes_in - bytes_out == the sum of the categories. Add() sums documents.
struct MarkdownCleanStats {
  uint64_t documents = 0;
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  uint64_t front_matter = 0;   // the YAML block with its markers
  uint64_t html_comments = 0;  // <!-- ... -->
  uint64_t html_tags = 0;      // tags, and the contents of <script> and <style>
  uint64_t badges = 0;         // linked images ([![alt](img)](url)) and shields.io-style images
  uint64_t images = 0;         // ![alt](src), or its syntax only with keep_image_alt
  uint64_t link_urls = 0;      // link syntax and URLs, reference definitions, autolink brackets
  uint64_t code_blocks = 0;    // with drop_code_blocks
  uint64_t tables = 0;         // with drop_tables
  uint64_t whitespace = 0;     // blank-line runs, trailing and repeated spaces, CRs, a BOM

  uint64_t removed() const { return bytes_in - bytes_out; }
  void Add(const MarkdownCleanStats& other);
};

// Cleans a Markdown body (front matter is not looked for; see CleanMarkdownDocument). Lines are
// joined with "\n" and the result has no trailing newline. Adds to *stats (documents += 1).
std::string CleanMarkdown(std::string_view markdown, const MarkdownCleanOptions& options,
                          MarkdownCleanStats* stats);

struct CleanedMarkdown {
  std::string text;
  std::optional<FrontMatter> front_matter;  // nullopt when the document has none
};

// Splits off and parses the front matter (see front_matter.h), then cleans the rest. Fails only
// when the front matter does not parse ("front matter: line 4, column 3: ..."); *stats is then
// left unchanged.
Result<CleanedMarkdown> CleanMarkdownDocument(std::string_view document,
                                              const MarkdownCleanOptions& options,
                                              MarkdownCleanStats* stats);

}  // namespace winnow
