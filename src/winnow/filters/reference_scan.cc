#include "winnow/filters/reference_scan.h"

#include <re2/re2.h>
#include <utf8proc.h>

#include <algorithm>
#include <utility>

#include "winnow/common/utf8.h"
#include "winnow/filters/rule_pattern.h"
#include "winnow/text/python_chars.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

using Span = std::pair<size_t, size_t>;  // [begin, end) byte offsets

constexpr int64_t kMaxMem = int64_t{8} << 20;

constexpr const char* kUrlPattern =
    "(?i)(?:https?://|www\\.)[^\\s<>\"`\\x{201C}\\x{201D}\\x{00AB}\\x{00BB}]+";
constexpr const char* kDoiPattern = "10\\.\\d{4,9}/[^\\s\"<>]+";
constexpr const char* kMarkerPattern = "\\[\\^?\\d{1,3}(?:\\s*[,\\x{2013}-]\\s*\\d{1,3})*\\]";

bool IsWordPart(uint32_t c) { return IsPythonWordChar(c); }

// The code point just before `pos` (0 at the start).
uint32_t Before(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return DecodeUtf8(text, &start);
}

// Every match of `regex`, left to right, that `glued` does not reject for the code point before
// it: a URL must not continue a word ("awww.x"), a DOI must not continue a path.
template <typename Glued>
void FindAll(const RE2& regex, std::string_view text, Glued glued,
             std::vector<std::string_view>* out) {
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece match;
  size_t pos = 0;
  while (pos < text.size() && regex.Match(whole, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t start = static_cast<size_t>(match.data() - text.data());
    if (match.empty() || glued(Before(text, start))) {
      pos = start + 1;
      continue;
    }
    out->emplace_back(text.substr(start, match.size()));
    pos = start + match.size();
  }
}

bool GluedToUrl(uint32_t c) {
  return IsWordPart(c) || c == '.' || c == '/' || c == '@' || c == '-';
}
bool IsDoiContinuation(uint32_t c) { return IsWordPart(c) || c == '.' || c == '/'; }
bool NeverGlued(uint32_t) { return false; }

bool Inside(size_t begin, size_t end, const std::vector<Span>& spans) {
  for (const Span& span : spans) {
    if (begin < span.second && span.first < end) return true;
  }
  return false;
}

std::vector<Span> ToSpans(std::string_view text, const std::vector<std::string_view>& views) {
  std::vector<Span> spans;
  for (std::string_view view : views) {
    const size_t begin = static_cast<size_t>(view.data() - text.data());
    spans.emplace_back(begin, begin + view.size());
  }
  return spans;
}

bool IsFenceLine(std::string_view line) {
  line = PythonLStrip(line);
  return line.starts_with("```") || line.starts_with("~~~");
}

// Backtick code spans of one line (outside fences): a run of n backticks up to the next run of n.
void InlineCodeSpans(std::string_view text, size_t line_begin, size_t line_end,
                     std::vector<Span>* out) {
  size_t pos = line_begin;
  while (pos < line_end) {
    if (text[pos] != '`') {
      ++pos;
      continue;
    }
    size_t run_end = pos;
    while (run_end < line_end && text[run_end] == '`') ++run_end;
    const size_t run = run_end - pos;
    size_t search = run_end;
    size_t close = std::string_view::npos;
    while (search < line_end) {
      size_t next = text.find('`', search);
      if (next == std::string_view::npos || next >= line_end) break;
      size_t next_end = next;
      while (next_end < line_end && text[next_end] == '`') ++next_end;
      if (next_end - next == run) {
        close = next_end;
        break;
      }
      search = next_end;
    }
    if (close == std::string_view::npos) {
      pos = run_end;
      continue;
    }
    out->emplace_back(pos, close);
    pos = close;
  }
}

std::vector<Span> CodeSpans(std::string_view text) {
  std::vector<Span> spans;
  bool fenced = false;
  size_t fence_begin = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    if (IsFenceLine(line)) {
      if (fenced) spans.emplace_back(fence_begin, end);
      fenced = !fenced;
      fence_begin = begin;
    } else if (!fenced) {
      InlineCodeSpans(text, begin, end, &spans);
    }
    begin = end + 1;
  }
  if (fenced) spans.emplace_back(fence_begin, text.size());
  return spans;
}

// Drops what ends a sentence or a markdown construct rather than the URL.
std::string_view TrimUrl(std::string_view url) {
  while (!url.empty()) {
    const char last = url.back();
    if (std::string_view(".,;:!?*_'").find(last) != std::string_view::npos) {
      url.remove_suffix(1);
      continue;
    }
    const char open = last == ')' ? '(' : last == ']' ? '[' : last == '}' ? '{' : 0;
    if (open != 0 &&
        std::count(url.begin(), url.end(), open) < std::count(url.begin(), url.end(), last)) {
      url.remove_suffix(1);
      continue;
    }
    break;
  }
  return url;
}

bool HasHost(std::string_view url) {
  const std::string normalised = NormaliseUrl(url);
  return !normalised.empty() && normalised.front() != '/';
}

}  // namespace

struct ReferenceScanner::Regexes {
  Regexes()
      : url(kUrlPattern, RuleRegexOptions(kMaxMem)),
        doi(kDoiPattern, RuleRegexOptions(kMaxMem)),
        marker(kMarkerPattern, RuleRegexOptions(kMaxMem)) {}
  RE2 url;
  RE2 doi;
  RE2 marker;
};

ReferenceScanner::ReferenceScanner() : regexes_(std::make_unique<Regexes>()) {}
ReferenceScanner::~ReferenceScanner() = default;

void ReferenceScanner::FindUrls(std::string_view text, std::vector<std::string_view>* out) const {
  std::vector<std::string_view> raw;
  FindAll(regexes_->url, text, GluedToUrl, &raw);
  for (std::string_view url : raw) {
    url = TrimUrl(url);
    if (HasHost(url)) out->push_back(url);
  }
}

size_t ReferenceScanner::CountCitations(std::string_view text) const {
  std::vector<std::string_view> found;
  FindUrls(text, &found);
  const std::vector<Span> urls = ToSpans(text, found);
  size_t count = 0;
  found.clear();
  FindAll(regexes_->doi, text, IsDoiContinuation, &found);
  for (const Span& doi : ToSpans(text, found)) count += Inside(doi.first, doi.second, urls) ? 0 : 1;
  found.clear();
  FindAll(regexes_->marker, text, NeverGlued, &found);
  if (found.empty()) return count;
  const std::vector<Span> code = CodeSpans(text);
  for (const Span& marker : ToSpans(text, found)) {
    count += Inside(marker.first, marker.second, code) ? 0 : 1;
  }
  return count;
}

std::string NormaliseUrl(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (url.size() >= scheme.size()) {
      std::string head(url.substr(0, scheme.size()));
      std::transform(head.begin(), head.end(), head.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (head == scheme) url.remove_prefix(scheme.size());
    }
  }
  std::string out(url);
  size_t host_end = out.find_first_of("/?#");
  if (host_end == std::string::npos) host_end = out.size();
  std::transform(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(host_end), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (out.starts_with("www.")) out.erase(0, 4);
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

bool UrlCoveredBy(std::string_view url, std::string_view known) {
  if (!known.starts_with(url)) return false;
  if (known.size() == url.size()) return true;
  const char next = known[url.size()];
  return next == '/' || next == '?' || next == '#';
}

}  // namespace winnow
