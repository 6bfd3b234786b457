#include "winnow/text/markdown_inline.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "winnow/text/markdown_html.h"

namespace winnow {
namespace {

// Bytes that may start something other than plain text. 'h' and 'w' start bare URLs, looked
// for only when they are dropped (they are frequent, and most of the time plain).
constexpr std::array<bool, 256> SpecialBytes(bool bare_urls) {
  std::array<bool, 256> table{};
  for (unsigned char c : std::string_view("\\`<![] \t\n\r")) table[c] = true;
  if (bare_urls) table['h'] = table['w'] = true;
  return table;
}
constexpr std::array<bool, 256> kSpecial = SpecialBytes(false);
constexpr std::array<bool, 256> kSpecialWithUrls = SpecialBytes(true);

bool IsBadgeUrl(std::string_view url) {
  std::string lower(url.substr(0, 2048));
  for (char& c : lower) c = AsciiLower(c);
  return lower.find("shields.io") != kNoPos || lower.find("badge") != kNoPos ||
         lower.find("travis-ci.") != kNoPos;
}

class InlineCleaner {
 public:
  InlineCleaner(std::string_view text, const MarkdownCleanOptions& options,
                const LinkDefinitions& definitions, MarkdownCleanStats* stats, std::string* out)
      : text_(text),
        options_(options),
        definitions_(definitions),
        stats_(stats),
        out_(out),
        special_(options.drop_bare_urls ? kSpecialWithUrls : kSpecial),
        line_start_(out->size()),
        comment_close_(text, "-->"),
        script_close_(text, "</script", true),
        style_close_(text, "</style", true),
        quote_close_{ForwardFinder(text, "\""), ForwardFinder(text, "'"),
                     ForwardFinder(text, ")")} {}

  void Run() {
    FindCodeSpans();
    MatchBrackets();
    while (pos_ < text_.size()) {
      if (!pending_.empty() && pos_ == pending_.back().close) {
        ClosePending();
      } else {
        Step();
      }
    }
    TrimTrailingSpace();
  }

 private:
  struct Span {
    size_t begin;
    size_t end;
  };
  // The rest of a link or image whose opening bracket is already gone: when the scan reaches
  // `close`, the bytes up to `resume` (the "](url)") are removed into `category`.
  struct Pending {
    size_t close;
    size_t resume;
    uint64_t* category;
  };
  struct LinkTail {
    size_t end = kNoPos;  // after the ")" or "]" that ends the link
    std::string_view destination;
  };

  void Step() {
    switch (text_[pos_]) {
      case '\\':
        return CopyEscape();
      case '`':
        return CopyBackticks();
      case '<':
        return TryAngle() ? void() : CopyByte();
      case '!':
        return TryImage() ? void() : CopyByte();
      case '[':
        return TryLink() ? void() : CopyByte();
      case ' ':
      case '\t':
        return Space();
      case '\n':
        return Newline();
      case '\r':
        ++pos_;
        return;  // CRLF line ends become LF
      case 'h':
      case 'w':
        if (options_.drop_bare_urls && TryBareUrl()) return;
        break;
      default:
        break;
    }
    size_t end = pos_ + 1;
    while (end < text_.size() && !special_[static_cast<unsigned char>(text_[end])]) ++end;
    CopyTo(end);
  }

  // The innermost pending link ends the region anything removed or skipped may span.
  size_t Limit() const { return pending_.empty() ? text_.size() : pending_.back().close; }

  void CopyTo(size_t end) {
    out_->append(text_.substr(pos_, end - pos_));
    indenting_ = false;
    pos_ = end;
  }
  void CopyByte() { CopyTo(pos_ + 1); }

  void Remove(size_t end, uint64_t* category) {
    *category += end - pos_;
    pos_ = end;
    removed_on_line_ = true;
  }

  // Removes a whole construct (image, badge, comment, URL). A space left before punctuation
  // ("see <url>." -> "see .") goes too.
  void RemoveWhole(size_t end, uint64_t* category) {
    Remove(end, category);
    const bool punctuation_next =
        pos_ < text_.size() && std::string_view(".,;:!?)").find(text_[pos_]) != kNoPos;
    if (punctuation_next && !indenting_ && out_->size() > line_start_ &&
        IsSpaceOrTab(out_->back())) {
      out_->pop_back();
    }
  }

  void CopyEscape() {
    bool escapes = pos_ + 1 < Limit() && IsAsciiPunct(text_[pos_ + 1]);
    CopyTo(pos_ + (escapes ? 2 : 1));
  }

  void CopyBackticks() {
    auto span = std::lower_bound(spans_.begin(), spans_.end(), pos_,
                                 [](const Span& s, size_t pos) { return s.begin < pos; });
    if (span != spans_.end() && span->begin == pos_ && span->end <= Limit())
      return CopyTo(span->end);
    size_t end = pos_;
    while (end < text_.size() && text_[end] == '`') ++end;
    CopyTo(end);
  }

  void Space() {
    const bool at_line_start = out_->size() == line_start_;
    if (indenting_ && !removed_on_line_) {
      out_->push_back(text_[pos_]);  // indentation carries list nesting
    } else if (!at_line_start && !IsSpaceOrTab(out_->back())) {
      out_->push_back(' ');
    }
    ++pos_;
  }

  void Newline() {
    TrimTrailingSpace();
    out_->push_back('\n');
    line_start_ = out_->size();
    indenting_ = true;
    removed_on_line_ = false;
    ++pos_;
  }

  // Indentation before raw HTML indents the HTML ("  <summary>"), not the text it leaves.
  void DropIndentation() {
    if (indenting_) TrimTrailingSpace();
  }

  void TrimTrailingSpace() {
    while (out_->size() > line_start_ && IsSpaceOrTab(out_->back())) out_->pop_back();
  }

  void ClosePending() {
    Pending pending = pending_.back();
    pending_.pop_back();
    *pending.category += pending.resume - pending.close;
    pos_ = pending.resume;
    removed_on_line_ = true;
  }

  bool TryAngle() {
    const size_t limit = Limit();
    if (text_.substr(pos_).starts_with("<!--")) {
      size_t close = comment_close_.Find(pos_ + 4);
      if (close == kNoPos || close + 3 > limit) return false;
      DropIndentation();
      RemoveWhole(close + 3, &stats_->html_comments);
      return true;
    }
    size_t end = AutolinkEnd(text_, pos_, limit);
    if (end != kNoPos) {
      if (options_.drop_autolinks) {
        RemoveWhole(end, &stats_->link_urls);
      } else {
        stats_->link_urls += 2;  // the angle brackets; the URL is the visible text
        ++pos_;
        CopyTo(end - 1);
        ++pos_;
      }
      return true;
    }
    HtmlTag tag;
    if (!ParseHtmlTag(text_, pos_, limit, &tag)) return false;
    if (!tag.closing && (tag.name == "script" || tag.name == "style")) {
      ForwardFinder& finder = tag.name == "script" ? script_close_ : style_close_;
      size_t close = finder.Find(tag.end);
      HtmlTag closer;
      // Without its closing tag only the opening tag goes: the text after it stays.
      if (close != kNoPos && ParseHtmlTag(text_, close, limit, &closer)) {
        DropIndentation();
        RemoveWhole(closer.end, &stats_->html_tags);
        return true;
      }
    }
    RemoveTag(tag);
    return true;
  }

  void RemoveTag(const HtmlTag& tag) {
    // "a<br>b" and "</td><td>" separate words: keep one space in place of such a tag.
    const bool separate = IsBlockHtmlElement(tag.name) && !indenting_ &&
                          !IsSpaceOrTab(out_->back()) && tag.end < Limit() &&
                          !IsMarkdownSpace(text_[tag.end]);
    DropIndentation();
    Remove(tag.end, &stats_->html_tags);
    if (separate) {
      out_->push_back(' ');
      stats_->html_tags -= 1;
    }
  }

  bool TryImage() {
    const size_t open = pos_ + 1;
    if (open >= text_.size() || text_[open] != '[') return false;
    size_t close = BracketClose(open);
    if (close == kNoPos) return false;
    LinkTail tail = ParseTail(open, close);
    if (tail.end == kNoPos || tail.end > Limit()) return false;
    if (IsBadgeUrl(tail.destination)) {
      RemoveWhole(tail.end, &stats_->badges);
    } else if (!options_.keep_image_alt) {
      RemoveWhole(tail.end, &stats_->images);
    } else {
      Remove(open + 1, &stats_->images);
      pending_.push_back({close, tail.end, &stats_->images});
    }
    return true;
  }

  bool TryLink() {
    const size_t open = pos_;
    size_t close = BracketClose(open);
    if (close == kNoPos) return false;
    LinkTail tail = ParseTail(open, close);
    if (tail.end == kNoPos || tail.end > Limit()) return false;
    if (IsLinkedImage(open + 1, close)) {
      RemoveWhole(tail.end, &stats_->badges);
      return true;
    }
    // The link text stays and is cleaned like any text; its brackets and URL go.
    Remove(open + 1, &stats_->link_urls);
    pending_.push_back({close, tail.end, &stats_->link_urls});
    return true;
  }

  // [![alt](img)](url): a link whose whole text is one image is a badge.
  bool IsLinkedImage(size_t begin, size_t end) {
    while (begin < end && IsMarkdownSpace(text_[begin])) ++begin;
    while (end > begin && IsMarkdownSpace(text_[end - 1])) --end;
    if (end - begin < 4 || text_[begin] != '!' || text_[begin + 1] != '[') return false;
    size_t close = BracketClose(begin + 1);
    return close != kNoPos && close < end && ParseTail(begin + 1, close).end == end;
  }

  // What follows a bracketed text that makes it a link: "(url 'title')", "[label]", "[]", or
  // nothing when the text itself is a defined label.
  LinkTail ParseTail(size_t open, size_t close) {
    const size_t after = close + 1;
    if (after < text_.size() && text_[after] == '(') {
      LinkTail tail = ParseInlineTail(after);
      if (tail.end != kNoPos) return tail;
    }
    if (after < text_.size() && text_[after] == '[') {
      size_t label_close = BracketClose(after);
      if (label_close != kNoPos) {
        bool collapsed = label_close == after + 1;
        const std::string_view* destination =
            collapsed ? Definition(open, close) : Definition(after, label_close);
        if (destination != nullptr) return {label_close + 1, *destination};
      }
    }
    const std::string_view* destination = Definition(open, close);
    return destination == nullptr ? LinkTail{} : LinkTail{after, *destination};
  }

  // The destination defined for the label between brackets open and close, or null.
  const std::string_view* Definition(size_t open, size_t close) const {
    if (definitions_.empty() || close - open > 1000) return nullptr;
    auto it = definitions_.find(NormalizeLinkLabel(text_.substr(open + 1, close - open - 1)));
    return it == definitions_.end() ? nullptr : &it->second;
  }

  size_t SkipSpace(size_t i) const {
    while (i < text_.size() && IsMarkdownSpace(text_[i])) ++i;
    return i;
  }

  // "(destination 'title')" starting at text_[paren] == '('.
  LinkTail ParseInlineTail(size_t paren) {
    LinkTail tail;
    size_t i = ParseDestination(SkipSpace(paren + 1), &tail.destination);
    if (i == kNoPos) return {};
    size_t j = SkipSpace(i);
    if (j > i && j < text_.size() && (text_[j] == '"' || text_[j] == '\'' || text_[j] == '(')) {
      size_t title_close = TitleClose(j);
      if (title_close == kNoPos) return {};
      j = SkipSpace(title_close + 1);
    }
    if (j >= text_.size() || text_[j] != ')') return {};
    tail.end = j + 1;
    return tail;
  }

  // "<...>" or a run without spaces and with balanced parentheses (nesting capped at 32, as in
  // cmark, which also bounds the scan). Returns the position after it.
  size_t ParseDestination(size_t i, std::string_view* destination) const {
    const size_t begin = i;
    if (i < text_.size() && text_[i] == '<') {
      for (++i; i < text_.size() && text_[i] != '>'; ++i) {
        if (text_[i] == '\n' || text_[i] == '<') return kNoPos;
        if (text_[i] == '\\') ++i;
      }
      if (i >= text_.size()) return kNoPos;
      *destination = text_.substr(begin + 1, i - begin - 1);
      return i + 1;
    }
    int depth = 0;
    for (; i < text_.size(); ++i) {
      const char c = text_[i];
      if (static_cast<unsigned char>(c) <= ' ') break;
      if (c == '\\') {
        ++i;
      } else if (c == '(') {
        if (++depth > 32) return kNoPos;
      } else if (c == ')') {
        if (depth == 0) break;
        --depth;
      }
    }
    if (depth != 0 || i > text_.size()) return kNoPos;
    *destination = text_.substr(begin, i - begin);
    return i;
  }

  // The closing quote or parenthesis of a title opening at `open`, skipping escaped ones.
  size_t TitleClose(size_t open) {
    const char c = text_[open];
    ForwardFinder& finder = quote_close_[c == '"' ? 0 : c == '\'' ? 1 : 2];
    size_t close = finder.Find(open + 1);
    while (close != kNoPos && IsEscaped(close)) close = finder.Find(close + 1);
    return close;
  }

  bool IsEscaped(size_t pos) const {
    size_t backslashes = 0;
    while (pos > backslashes && text_[pos - backslashes - 1] == '\\') ++backslashes;
    return backslashes % 2 == 1;
  }

  bool TryBareUrl() {
    if (pos_ > 0 && (IsAsciiAlnum(text_[pos_ - 1]) || text_[pos_ - 1] == '/')) return false;
    std::string_view rest = text_.substr(pos_, Limit() - pos_);
    size_t prefix = rest.starts_with("https://")  ? 8
                    : rest.starts_with("http://") ? 7
                    : rest.starts_with("www.")    ? 4
                                                  : 0;
    if (prefix == 0) return false;
    size_t end = prefix;
    int64_t open_parens = 0;
    for (; end < rest.size() && static_cast<unsigned char>(rest[end]) > ' ' && rest[end] != '<';
         ++end) {
      open_parens += rest[end] == '(' ? 1 : rest[end] == ')' ? -1 : 0;
    }
    // Trailing punctuation ends the sentence, not the URL; so does an unmatched ')'.
    for (; end > prefix; --end) {
      const char c = rest[end - 1];
      if (c == ')' && open_parens < 0) {
        ++open_parens;
      } else if (std::string_view("?!.,:;*_~'\"").find(c) == kNoPos) {
        break;
      }
    }
    if (end == prefix) return false;
    RemoveWhole(pos_ + end, &stats_->link_urls);
    return true;
  }

  // Code spans: a run of n backticks up to the next run of exactly n (CommonMark). Linear: the
  // next run of the same length is found for every run in one backward pass.
  void FindCodeSpans() {
    std::vector<Span> runs;
    for (size_t i = text_.find('`'); i != kNoPos; i = text_.find('`', i)) {
      size_t end = i;
      while (end < text_.size() && text_[end] == '`') ++end;
      runs.push_back({i, end});
      i = end;
    }
    std::vector<size_t> next_same(runs.size(), kNoPos);
    std::unordered_map<size_t, size_t> last_of_length;
    for (size_t r = runs.size(); r-- > 0;) {
      size_t length = runs[r].end - runs[r].begin;
      auto [it, inserted] = last_of_length.emplace(length, r);
      if (!inserted) next_same[r] = std::exchange(it->second, r);
    }
    for (size_t r = 0; r < runs.size();) {
      if (next_same[r] == kNoPos) {
        ++r;
        continue;
      }
      spans_.push_back({runs[r].begin, runs[next_same[r]].end});
      r = next_same[r] + 1;
    }
  }

  // Pairs '[' with ']' (outside code spans, unescaped) with a stack: no rescans, no recursion.
  void MatchBrackets() {
    std::vector<size_t> open;
    size_t span = 0;
    for (size_t i = 0; i < text_.size(); ++i) {
      while (span < spans_.size() && spans_[span].begin < i) ++span;
      if (span < spans_.size() && spans_[span].begin == i) {
        i = spans_[span].end - 1;
        continue;
      }
      if (text_[i] == '\\') {
        ++i;
      } else if (text_[i] == '[') {
        open.push_back(i);
      } else if (text_[i] == ']' && !open.empty()) {
        brackets_.push_back({open.back(), i});
        open.pop_back();
      }
    }
    std::sort(brackets_.begin(), brackets_.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
  }

  size_t BracketClose(size_t open) const {
    auto it = std::lower_bound(brackets_.begin(), brackets_.end(), open,
                               [](const Span& s, size_t pos) { return s.begin < pos; });
    return it != brackets_.end() && it->begin == open ? it->end : kNoPos;
  }

  std::string_view text_;
  const MarkdownCleanOptions& options_;
  const LinkDefinitions& definitions_;
  MarkdownCleanStats* stats_;
  std::string* out_;
  const std::array<bool, 256>& special_;
  size_t pos_ = 0;
  size_t line_start_;             // where the current line starts in *out_
  bool indenting_ = true;         // only spaces written on this line so far
  bool removed_on_line_ = false;  // something was removed on this line
  std::vector<Span> spans_;       // code spans, sorted
  std::vector<Span> brackets_;    // matched [ ], sorted by the '['
  std::vector<Pending> pending_;  // open links, innermost last
  ForwardFinder comment_close_;
  ForwardFinder script_close_;
  ForwardFinder style_close_;
  std::array<ForwardFinder, 3> quote_close_;  // for titles in ", ' and ( )
};

}  // namespace

void CleanMarkdownInline(std::string_view text, const MarkdownCleanOptions& options,
                         const LinkDefinitions& definitions, MarkdownCleanStats* stats,
                         std::string* out) {
  InlineCleaner(text, options, definitions, stats, out).Run();
}

}  // namespace winnow
