#pragma once

// Raw HTML and autolinks inside Markdown text (internal to text/): recognising an HTML tag or an
// autolink that starts at a '<'. Following CommonMark's grammar for tags, but only for names of
// HTML elements, so "<unk>", "<org>/<repo>" and "10K<n<100K" stay text.

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {

struct HtmlTag {
  size_t end = 0;    // just after the closing '>'
  std::string name;  // lowercase
  bool closing = false;
};

// Parses a tag starting at text[pos] == '<' and ending before `limit`. False when it is not a
// tag of an HTML element (or runs into `limit`).
bool ParseHtmlTag(std::string_view text, size_t pos, size_t limit, HtmlTag* tag);

// Elements whose tags separate words when removed ("a<br>b", "</td><td>").
bool IsBlockHtmlElement(std::string_view name);

// End (after '>') of an autolink "<scheme:...>" starting at text[pos] == '<' and ending before
// `limit`, or npos.
size_t AutolinkEnd(std::string_view text, size_t pos, size_t limit);

}  // namespace winnow
