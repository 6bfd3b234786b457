#include "winnow/text/markdown_clean.h"

#include "winnow/text/markdown_blocks.h"
#include "winnow/text/markdown_inline.h"

namespace winnow {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Calls fn(line) for each line of `text`, without line ends.
template <typename Fn>
void ForEachLine(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
    if (newline == kNoPos) break;
    text.remove_prefix(newline + 1);
  }
}

bool IsBlankLine(std::string_view line) { return line.find_first_not_of(" \t") == kNoPos; }

// Joins output lines with "\n": at most one blank line between two lines, none at either end.
class LineWriter {
 public:
  explicit LineWriter(std::string* out) : out_(out) {}

  void Blank() { blank_pending_ = wrote_line_; }

  void Line(std::string_view line) {
    if (wrote_line_) out_->append(blank_pending_ ? "\n\n" : "\n");
    out_->append(line);
    wrote_line_ = true;
    blank_pending_ = false;
  }

  // Lines of cleaned prose. A line that removals left blank goes entirely instead of becoming a
  // blank line, so a paragraph does not split where a badge or comment was.
  void ProseLines(std::string_view text) {
    ForEachLine(text, [this](std::string_view line) {
      if (!IsBlankLine(line)) Line(line);
    });
  }

 private:
  std::string* out_;
  bool wrote_line_ = false;
  bool blank_pending_ = false;
};

class BlockEmitter {
 public:
  BlockEmitter(std::string_view body, const MarkdownCleanOptions& options,
               const LinkDefinitions& definitions, MarkdownCleanStats* stats, std::string* out)
      : body_(body), options_(options), definitions_(definitions), stats_(stats), writer_(out) {}

  void Emit(const MarkdownBlock& block) {
    std::string_view text = body_.substr(block.begin, block.end - block.begin);
    switch (block.kind) {
      case MarkdownBlockKind::kBlank:
        return writer_.Blank();
      case MarkdownBlockKind::kProse:
        return EmitProse(WithoutLineEnd(text));
      case MarkdownBlockKind::kTable:
        if (options_.drop_tables) return Drop(text, &stats_->tables);
        return ForEachLine(text, [this](std::string_view row) { EmitProse(row); });
      case MarkdownBlockKind::kFencedCode:
      case MarkdownBlockKind::kIndentedCode:
        if (options_.drop_code_blocks) return Drop(text, &stats_->code_blocks);
        return ForEachLine(text, [this](std::string_view line) { writer_.Line(line); });
      case MarkdownBlockKind::kHtmlComment:
        return Drop(text, &stats_->html_comments);
      case MarkdownBlockKind::kRawHtml:
        return Drop(text, &stats_->html_tags);
      case MarkdownBlockKind::kLinkDefinition:
        return Drop(text, &stats_->link_urls);
    }
  }

 private:
  static std::string_view WithoutLineEnd(std::string_view text) {
    if (text.ends_with('\n')) text.remove_suffix(1);
    if (text.ends_with('\r')) text.remove_suffix(1);
    return text;
  }

  void EmitProse(std::string_view text) {
    scratch_.clear();
    CleanMarkdownInline(text, options_, definitions_, stats_, &scratch_);
    writer_.ProseLines(scratch_);
  }

  // A dropped block of whole lines leaves a blank line, so the blocks around it stay apart; its
  // last line end pays for that blank and is counted as whitespace, not in `category`.
  void Drop(std::string_view text, uint64_t* category) {
    std::string_view content = WithoutLineEnd(text);
    *category += content.size();
    if (content.size() < text.size()) writer_.Blank();
  }

  std::string_view body_;
  const MarkdownCleanOptions& options_;
  const LinkDefinitions& definitions_;
  MarkdownCleanStats* stats_;
  LineWriter writer_;
  std::string scratch_;
};

}  // namespace

void MarkdownCleanStats::Add(const MarkdownCleanStats& other) {
  documents += other.documents;
  bytes_in += other.bytes_in;
  bytes_out += other.bytes_out;
  front_matter += other.front_matter;
  html_comments += other.html_comments;
  html_tags += other.html_tags;
  badges += other.badges;
  images += other.images;
  link_urls += other.link_urls;
  code_blocks += other.code_blocks;
  tables += other.tables;
  whitespace += other.whitespace;
}

std::string CleanMarkdown(std::string_view markdown, const MarkdownCleanOptions& options,
                          MarkdownCleanStats* stats) {
  std::string_view body = markdown.starts_with(kBom) ? markdown.substr(kBom.size()) : markdown;
  MarkdownBlocks blocks = SplitMarkdownBlocks(body);
  MarkdownCleanStats local;
  std::string out;
  out.reserve(body.size());
  BlockEmitter emitter(body, options, blocks.definitions, &local, &out);
  for (const MarkdownBlock& block : blocks.blocks) emitter.Emit(block);
  local.documents = 1;
  local.bytes_in = markdown.size();
  local.bytes_out = out.size();
  // Every other removal is counted where it happens; what is left is collapsed whitespace.
  const uint64_t counted = local.html_comments + local.html_tags + local.badges + local.images +
                           local.link_urls + local.code_blocks + local.tables;
  const uint64_t removed = local.bytes_in - local.bytes_out;
  local.whitespace = removed > counted ? removed - counted : 0;
  stats->Add(local);
  return out;
}

Result<CleanedMarkdown> CleanMarkdownDocument(std::string_view document,
                                              const MarkdownCleanOptions& options,
                                              MarkdownCleanStats* stats) {
  CleanedMarkdown result;
  std::string_view body = document;
  size_t front_matter_bytes = 0;
  if (auto block = SplitFrontMatter(document)) {
    WINNOW_ASSIGN_OR_RETURN(result.front_matter,
                            ParseFrontMatter(block->yaml, block->yaml_first_line));
    body = block->body;
    front_matter_bytes = block->block_bytes;
  }
  MarkdownCleanStats local;
  result.text = CleanMarkdown(body, options, &local);
  local.bytes_in += front_matter_bytes;
  local.front_matter += front_matter_bytes;
  stats->Add(local);
  return result;
}

}  // namespace winnow
