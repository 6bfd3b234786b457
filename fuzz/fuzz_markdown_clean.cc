// Fuzzes front matter parsing and Markdown cleaning: any bytes must give cleaned text with every
// removed byte counted once (no output larger than the input), valid UTF-8 out of valid UTF-8 in,
// front matter values that are valid JSON, or a "front matter: ..." error — never a crash, a hang
// or a leak. The first input byte picks the cleaning options, so one corpus covers them all.

#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "winnow/common/utf8.h"
#include "winnow/text/markdown_clean.h"

namespace {

void CheckStats(const winnow::MarkdownCleanStats& s, size_t in, size_t out) {
  const uint64_t sum = s.front_matter + s.html_comments + s.html_tags + s.badges + s.images +
                       s.link_urls + s.code_blocks + s.tables + s.whitespace;
  if (s.bytes_in != in || s.bytes_out != out || out > in || sum != in - out) std::abort();
}

void CheckJson(const std::string& json, simdjson::dom::parser& parser) {
  simdjson::padded_string padded(json);
  if (parser.parse(padded).error()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  winnow::MarkdownCleanOptions options;
  options.drop_code_blocks = control & 1;
  options.drop_tables = control & 2;
  options.keep_image_alt = control & 4;
  options.drop_autolinks = control & 8;
  options.drop_bare_urls = control & 16;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool valid_utf8 = winnow::IsValidUtf8(text);

  winnow::MarkdownCleanStats stats;
  std::string body = winnow::CleanMarkdown(text, options, &stats);
  CheckStats(stats, text.size(), body.size());
  if (valid_utf8 && !winnow::IsValidUtf8(body)) std::abort();

  winnow::MarkdownCleanStats document_stats;
  auto document = winnow::CleanMarkdownDocument(text, options, &document_stats);
  if (!document) {
    if (document.error().message().rfind("front matter: ", 0) != 0) std::abort();
    if (document_stats.documents != 0) std::abort();
    return 0;
  }
  CheckStats(document_stats, text.size(), document->text.size());
  if (valid_utf8 && !winnow::IsValidUtf8(document->text)) std::abort();
  if (document->front_matter) {
    simdjson::dom::parser parser;
    CheckJson(document->front_matter->ObjectJson(), parser);
    for (const auto& field : document->front_matter->fields) CheckJson(field.json, parser);
  }
  return 0;
}
