#include "winnow/text/markdown_blocks.h"

namespace winnow {
namespace {

struct Line {
  size_t begin;  // first byte
  size_t end;    // end of the content, before "\r\n" or "\n"
  size_t next;   // first byte of the next line
};

Line ReadLine(std::string_view text, size_t pos) {
  size_t newline = text.find('\n', pos);
  Line line{pos, newline == kNoPos ? text.size() : newline,
            newline == kNoPos ? text.size() : newline + 1};
  if (line.end > line.begin && text[line.end - 1] == '\r') --line.end;
  return line;
}

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t") == kNoPos; }

// Columns of leading indentation (a tab advances to the next multiple of 4); *offset is the byte
// after it.
size_t Indent(std::string_view text, size_t* offset) {
  size_t columns = 0;
  size_t i = 0;
  for (; i < text.size() && IsSpaceOrTab(text[i]); ++i) {
    columns = text[i] == '\t' ? columns + 4 - columns % 4 : columns + 1;
  }
  *offset = i;
  return columns;
}

size_t RunLength(std::string_view text, size_t pos, char c) {
  size_t end = pos;
  while (end < text.size() && text[end] == c) ++end;
  return end - pos;
}

struct Fence {
  char marker = 0;
  size_t length = 0;
};

bool ParseFenceOpen(std::string_view rest, Fence* fence) {
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return false;
  size_t length = RunLength(rest, 0, rest[0]);
  if (length < 3) return false;
  // "```a`b" is an inline code span, not a fence: backtick info strings hold no backtick.
  if (rest[0] == '`' && rest.find('`', length) != kNoPos) return false;
  *fence = {rest[0], length};
  return true;
}

bool IsFenceClose(std::string_view rest, const Fence& fence) {
  size_t length = RunLength(rest, 0, fence.marker);
  return length >= fence.length && IsBlank(rest.substr(length));
}

bool IsListMarker(std::string_view rest) {
  size_t i = 0;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+')) {
    i = 1;
  } else {
    while (i < rest.size() && i < 9 && IsAsciiDigit(rest[i])) ++i;
    if (i == 0 || i >= rest.size() || (rest[i] != '.' && rest[i] != ')')) return false;
    ++i;
  }
  return i == rest.size() || IsSpaceOrTab(rest[i]);
}

std::string_view TrimSpaces(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == kNoPos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// A row without its outer pipes: "| a | b |" -> " a | b ".
std::string_view StripOuterPipes(std::string_view row) {
  row = TrimSpaces(row);
  if (row.starts_with('|')) row.remove_prefix(1);
  if (row.ends_with('|') && !row.ends_with("\\|")) row.remove_suffix(1);
  return row;
}

size_t CountCells(std::string_view row) {
  row = StripOuterPipes(row);
  size_t cells = 1;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\') {
      ++i;
    } else if (row[i] == '|') {
      ++cells;
    }
  }
  return cells;
}

// "| --- | :-: |": cells of dashes with optional alignment colons, at least one pipe.
bool IsDelimiterRow(std::string_view row, size_t* cells) {
  if (row.find('|') == kNoPos) return false;
  row = StripOuterPipes(row);
  *cells = 0;
  for (;;) {
    size_t bar = row.find('|');
    std::string_view cell = TrimSpaces(row.substr(0, bar));
    if (cell.starts_with(':')) cell.remove_prefix(1);
    if (cell.ends_with(':')) cell.remove_suffix(1);
    if (cell.empty() || RunLength(cell, 0, '-') != cell.size()) return false;
    ++*cells;
    if (bar == kNoPos) return true;
    row.remove_prefix(bar + 1);
  }
}

class BlockSplitter {
 public:
  explicit BlockSplitter(std::string_view text)
      : text_(text),
        comment_close_(text, "-->"),
        script_close_(text, "</script", true),
        style_close_(text, "</style", true) {}

  MarkdownBlocks Run() {
    while (pos_ < text_.size()) {
      Line line = ReadLine(text_, pos_);
      std::string_view content = text_.substr(line.begin, line.end - line.begin);
      if (IsBlank(content)) {
        Add(MarkdownBlockKind::kBlank, line.begin, line.next);
        pos_ = line.next;
        prev_blank_ = true;
        continue;
      }
      size_t offset = 0;
      size_t indent = Indent(content, &offset);
      std::string_view rest = content.substr(offset);
      if (!TryIndentedCode(line, indent)) {
        UpdateList(rest, indent);
        bool handled = TryFence(line, rest) || (indent < 4 && TryHtmlBlock(line, offset, rest)) ||
                       (indent < 4 && TryDefinition(line, content)) || TryTable(line, content);
        if (!handled) {
          Add(MarkdownBlockKind::kProse, line.begin, line.next);
          pos_ = line.next;
        }
      }
      prev_blank_ = false;
    }
    return std::move(result_);
  }

 private:
  // Consecutive prose lines and consecutive blank lines merge into one block.
  void Add(MarkdownBlockKind kind, size_t begin, size_t end) {
    auto& blocks = result_.blocks;
    bool merges = kind == MarkdownBlockKind::kProse || kind == MarkdownBlockKind::kBlank;
    if (merges && !blocks.empty() && blocks.back().kind == kind && blocks.back().end == begin) {
      blocks.back().end = end;
      return;
    }
    blocks.push_back({kind, begin, end});
  }

  // True when `line` would continue a paragraph (which indented code and definitions cannot
  // interrupt).
  bool InParagraph(const Line& line) const {
    const auto& blocks = result_.blocks;
    return !blocks.empty() && blocks.back().kind == MarkdownBlockKind::kProse &&
           blocks.back().end == line.begin;
  }

  // A rough list tracker, enough to tell a list item's indented paragraph from indented code:
  // a list stays open until a line indented less than 2 columns follows a blank line or is a
  // heading.
  void UpdateList(std::string_view rest, size_t indent) {
    if (IsListMarker(rest)) {
      list_open_ = true;
    } else if (indent < 2 && (prev_blank_ || rest.starts_with('#'))) {
      list_open_ = false;
    }
  }

  bool TryIndentedCode(const Line& line, size_t indent) {
    if (indent < 4 || list_open_ || InParagraph(line)) return false;
    size_t end = line.next;
    for (size_t pos = line.next; pos < text_.size();) {
      Line next = ReadLine(text_, pos);
      std::string_view content = text_.substr(next.begin, next.end - next.begin);
      size_t offset = 0;
      if (!IsBlank(content) && Indent(content, &offset) < 4) break;
      if (!IsBlank(content)) end = next.next;
      pos = next.next;
    }
    // Trailing blank lines are not code; they are read again as blank lines.
    Add(MarkdownBlockKind::kIndentedCode, line.begin, end);
    pos_ = end;
    return true;
  }

  bool TryFence(const Line& line, std::string_view rest) {
    Fence fence;
    if (!ParseFenceOpen(rest, &fence)) return false;
    size_t end = text_.size();
    for (size_t pos = line.next; pos < text_.size();) {
      Line next = ReadLine(text_, pos);
      std::string_view content = text_.substr(next.begin, next.end - next.begin);
      size_t offset = 0;
      Indent(content, &offset);
      if (IsFenceClose(content.substr(offset), fence)) {
        end = next.next;
        break;
      }
      pos = next.next;
    }
    Add(MarkdownBlockKind::kFencedCode, line.begin, end);
    pos_ = end;
    return true;
  }

  bool TryHtmlBlock(const Line& line, size_t offset, std::string_view rest) {
    const size_t start = line.begin + offset;
    size_t end = kNoPos;
    MarkdownBlockKind kind = MarkdownBlockKind::kRawHtml;
    if (rest.starts_with("<!--")) {
      size_t close = comment_close_.Find(start + 4);
      if (close != kNoPos) end = close + 3;
      kind = MarkdownBlockKind::kHtmlComment;
    } else if (IsRawTagStart(rest, "<script")) {
      end = RawHtmlEnd(script_close_.Find(start), 8);
    } else if (IsRawTagStart(rest, "<style")) {
      end = RawHtmlEnd(style_close_.Find(start), 7);
    }
    if (end == kNoPos) return false;
    Add(kind, line.begin, end);
    // What follows the closer on its line starts the next block.
    while (end < text_.size() && IsSpaceOrTab(text_[end])) ++end;
    pos_ = end;
    return true;
  }

  static bool IsRawTagStart(std::string_view rest, std::string_view open) {
    if (!StartsWithIgnoreCase(rest, open)) return false;
    return rest.size() == open.size() || IsSpaceOrTab(rest[open.size()]) ||
           rest[open.size()] == '>';
  }

  // After "</script" (of `name_length` bytes) at `close`: past its '>' when only spaces stand
  // between, else right after the name.
  size_t RawHtmlEnd(size_t close, size_t name_length) const {
    if (close == kNoPos) return kNoPos;
    size_t end = close + name_length;
    while (end < text_.size() && IsSpaceOrTab(text_[end])) ++end;
    return end < text_.size() && text_[end] == '>' ? end + 1 : close + name_length;
  }

  bool TryDefinition(const Line& line, std::string_view content) {
    std::string_view label, destination;
    if (InParagraph(line) || !ParseLinkDefinition(content, &label, &destination)) return false;
    // The first definition of a label wins, as in CommonMark.
    result_.definitions.emplace(NormalizeLinkLabel(label), destination);
    Add(MarkdownBlockKind::kLinkDefinition, line.begin, line.next);
    pos_ = line.next;
    return true;
  }

  bool TryTable(const Line& line, std::string_view content) {
    if (content.find('|') == kNoPos || line.next >= text_.size()) return false;
    Line delimiter = ReadLine(text_, line.next);
    size_t cells = 0;
    std::string_view row = text_.substr(delimiter.begin, delimiter.end - delimiter.begin);
    if (!IsDelimiterRow(row, &cells) || CountCells(content) != cells) return false;
    size_t end = delimiter.next;
    while (end < text_.size()) {
      Line next = ReadLine(text_, end);
      std::string_view body = text_.substr(next.begin, next.end - next.begin);
      if (IsBlank(body) || body.find('|') == kNoPos) break;
      end = next.next;
    }
    Add(MarkdownBlockKind::kTable, line.begin, end);
    pos_ = end;
    return true;
  }

  std::string_view text_;
  ForwardFinder comment_close_;
  ForwardFinder script_close_;
  ForwardFinder style_close_;
  size_t pos_ = 0;
  bool list_open_ = false;
  bool prev_blank_ = true;  // the previous line was blank, or there was none
  MarkdownBlocks result_;
};

// The destination of a definition: <...> or a run of non-space bytes. Sets *pos after it.
bool ParseDestination(std::string_view line, size_t* pos, std::string_view* destination) {
  size_t i = *pos;
  if (i < line.size() && line[i] == '<') {
    size_t close = line.find('>', i + 1);
    if (close == kNoPos || line.substr(i + 1, close - i - 1).find('<') != kNoPos) return false;
    *destination = line.substr(i + 1, close - i - 1);
    *pos = close + 1;
    return true;
  }
  while (i < line.size() && !IsSpaceOrTab(line[i])) ++i;
  if (i == *pos) return false;
  *destination = line.substr(*pos, i - *pos);
  *pos = i;
  return true;
}

}  // namespace

bool ParseLinkDefinition(std::string_view line, std::string_view* label,
                         std::string_view* destination) {
  size_t i = 0;
  while (i < 3 && i < line.size() && line[i] == ' ') ++i;
  if (i + 1 >= line.size() || line[i] != '[' || line[i + 1] == '^') return false;
  const size_t label_begin = ++i;
  while (i < line.size() && line[i] != ']' && line[i] != '[') i += line[i] == '\\' ? 2 : 1;
  if (i + 1 >= line.size() || line[i] != ']' || line[i + 1] != ':') return false;
  *label = line.substr(label_begin, i - label_begin);
  if (IsBlank(*label) || label->size() > 999) return false;
  i += 2;
  while (i < line.size() && IsSpaceOrTab(line[i])) ++i;
  if (!ParseDestination(line, &i, destination)) return false;
  std::string_view title = TrimSpaces(line.substr(i));
  if (title.empty()) return true;
  // A title needs space before it and fills the rest of the line: "t", 't' or (t).
  if (i == line.size() || !IsSpaceOrTab(line[i]) || title.size() < 2) return false;
  char close = title[0] == '(' ? ')' : title[0];
  return (title[0] == '"' || title[0] == '\'' || title[0] == '(') && title.back() == close;
}

MarkdownBlocks SplitMarkdownBlocks(std::string_view document) {
  return BlockSplitter(document).Run();
}

}  // namespace winnow
