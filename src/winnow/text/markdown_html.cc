#include "winnow/text/markdown_html.h"

#include <algorithm>
#include <array>

#include "winnow/text/markdown_scan.h"

namespace winnow {
namespace {

// HTML elements (HTML5 plus the obsolete ones READMEs still use: center, font, big, strike, tt).
// Sorted for binary search.
constexpr auto kElements = std::to_array<std::string_view>({
    "a",        "abbr",     "address", "area",     "article",    "aside",  "audio",    "b",
    "base",     "bdi",      "bdo",     "big",      "blockquote", "body",   "br",       "button",
    "canvas",   "caption",  "center",  "cite",     "code",       "col",    "colgroup", "data",
    "datalist", "dd",       "del",     "details",  "dfn",        "dialog", "div",      "dl",
    "dt",       "em",       "embed",   "fieldset", "figcaption", "figure", "font",     "footer",
    "form",     "h1",       "h2",      "h3",       "h4",         "h5",     "h6",       "head",
    "header",   "hgroup",   "hr",      "html",     "i",          "iframe", "img",      "input",
    "ins",      "kbd",      "label",   "legend",   "li",         "link",   "main",     "map",
    "mark",     "math",     "menu",    "meta",     "meter",      "nav",    "noscript", "object",
    "ol",       "optgroup", "option",  "output",   "p",          "param",  "picture",  "pre",
    "progress", "q",        "rp",      "rt",       "ruby",       "s",      "samp",     "script",
    "section",  "select",   "small",   "source",   "span",       "strike", "strong",   "style",
    "sub",      "summary",  "sup",     "svg",      "table",      "tbody",  "td",       "template",
    "textarea", "tfoot",    "th",      "thead",    "time",       "title",  "tr",       "track",
    "tt",       "u",        "ul",      "var",      "video",      "wbr",    "xmp",
});
static_assert(std::is_sorted(kElements.begin(), kElements.end()));

constexpr auto kBlockElements = std::to_array<std::string_view>({
    "address", "article", "aside",  "blockquote", "body",    "br",    "caption",  "center",
    "dd",      "details", "dialog", "div",        "dl",      "dt",    "fieldset", "figcaption",
    "figure",  "footer",  "form",   "h1",         "h2",      "h3",    "h4",       "h5",
    "h6",      "head",    "header", "hr",         "html",    "li",    "main",     "nav",
    "ol",      "p",       "pre",    "section",    "summary", "table", "td",       "th",
    "title",   "tr",      "ul",     "video",
});
static_assert(std::is_sorted(kBlockElements.begin(), kBlockElements.end()));

bool IsHtmlElement(std::string_view name) {
  return std::binary_search(kElements.begin(), kElements.end(), name);
}

bool IsAttributeNameStart(char c) { return IsAsciiAlpha(c) || c == '_' || c == ':'; }
bool IsAttributeNameChar(char c) {
  return IsAsciiAlnum(c) || c == '_' || c == '.' || c == ':' || c == '-';
}
bool IsUnquotedValueChar(char c) {
  return !IsMarkdownSpace(c) && c != '"' && c != '\'' && c != '=' && c != '<' && c != '>' &&
         c != '`';
}

size_t SkipSpace(std::string_view text, size_t i) {
  while (i < text.size() && IsMarkdownSpace(text[i])) ++i;
  return i;
}

// One attribute at `i` (name, optional = value); returns the position after it or kNoPos.
size_t AttributeEnd(std::string_view text, size_t i) {
  if (i >= text.size() || !IsAttributeNameStart(text[i])) return kNoPos;
  while (i < text.size() && IsAttributeNameChar(text[i])) ++i;
  size_t j = SkipSpace(text, i);
  if (j >= text.size() || text[j] != '=') return i;
  j = SkipSpace(text, j + 1);
  if (j >= text.size()) return kNoPos;
  if (text[j] == '"' || text[j] == '\'') {
    size_t close = text.find(text[j], j + 1);
    return close == kNoPos ? kNoPos : close + 1;
  }
  size_t start = j;
  while (j < text.size() && IsUnquotedValueChar(text[j])) ++j;
  return j > start ? j : kNoPos;
}

// Attributes and the end of an opening tag, from just after its name.
size_t OpeningTagEnd(std::string_view text, size_t i) {
  for (;;) {
    size_t after_space = SkipSpace(text, i);
    if (after_space >= text.size()) return kNoPos;
    if (text[after_space] == '>') return after_space + 1;
    if (text.substr(after_space).starts_with("/>")) return after_space + 2;
    if (after_space == i) return kNoPos;  // attributes are separated by whitespace
    i = AttributeEnd(text, after_space);
    if (i == kNoPos) return kNoPos;
  }
}

}  // namespace

bool ParseHtmlTag(std::string_view text, size_t pos, size_t limit, HtmlTag* tag) {
  text = text.substr(0, limit);
  size_t i = pos + 1;
  tag->closing = i < text.size() && text[i] == '/';
  if (tag->closing) ++i;
  if (i >= text.size() || !IsAsciiAlpha(text[i])) return false;
  tag->name.clear();
  for (; i < text.size() && (IsAsciiAlnum(text[i]) || text[i] == '-'); ++i) {
    if (tag->name.size() > 16) return false;
    tag->name += AsciiLower(text[i]);
  }
  if (!IsHtmlElement(tag->name)) return false;
  if (tag->closing) {
    i = SkipSpace(text, i);
    if (i >= text.size() || text[i] != '>') return false;
    tag->end = i + 1;
    return true;
  }
  tag->end = OpeningTagEnd(text, i);
  return tag->end != kNoPos;
}

bool IsBlockHtmlElement(std::string_view name) {
  return std::binary_search(kBlockElements.begin(), kBlockElements.end(), name);
}

size_t AutolinkEnd(std::string_view text, size_t pos, size_t limit) {
  text = text.substr(0, limit);
  size_t i = pos + 1;
  const size_t scheme_begin = i;
  if (i >= text.size() || !IsAsciiAlpha(text[i])) return kNoPos;
  while (i < text.size() && i - scheme_begin < 33 &&
         (IsAsciiAlnum(text[i]) || text[i] == '+' || text[i] == '.' || text[i] == '-')) {
    ++i;
  }
  const size_t scheme_length = i - scheme_begin;
  if (scheme_length < 2 || scheme_length > 32 || i >= text.size() || text[i] != ':') {
    return kNoPos;
  }
  for (++i; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '>') return i + 1;
    if (c <= ' ' || c == '<' || c == 0x7F) return kNoPos;
  }
  return kNoPos;
}

}  // namespace winnow
