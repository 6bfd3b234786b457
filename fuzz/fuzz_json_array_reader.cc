// Fuzzes the JSON array reader: any bytes must give element spans (which the parser may accept
// or reject) or an error — never a crash, a hang or a leak. The first input byte picks the
// options: tiny batches and short reads put elements across read boundaries.

#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "winnow/formats/reader.h"
#include "winnow/io/byte_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  winnow::ReaderOptions options;
  options.batch_bytes = 1 + (control & 15);
  options.on_error = (control & 16) ? winnow::OnError::kSkip : winnow::OnError::kFail;
  if (control & 32) options.max_record_bytes = 64;
  const size_t max_read = (control & 64) ? 2 : SIZE_MAX;

  const std::string name = "fuzz.json";
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  winnow::ReaderSource source;
  source.stream = winnow::NewMemorySource(input, name, max_read);
  source.name = &name;
  auto reader = winnow::NewJsonArrayReader(std::move(source), options);
  if (!reader) return 0;
  // What simdjson makes of the whole file: when it is a valid array, the reader must agree.
  std::string_view body(input);
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  simdjson::dom::parser whole_parser;
  simdjson::padded_string padded(body);
  auto whole = whole_parser.parse(padded);
  simdjson::dom::array expected;
  const bool check = !(control & 32) && !whole.error() && !whole.get_array().get(expected);
  size_t index = 0;
  bool failed = false;

  simdjson::dom::parser parser;
  for (;;) {
    winnow::Batch batch;
    winnow::Result<bool> more = (*reader)->ReadBatch(&batch);
    for (winnow::Record& record : batch.records) {
      std::string_view text = record.text();
      // A span is never empty and never starts or ends with JSON whitespace.
      auto is_json_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
      if (text.empty() || is_json_space(text.front()) || is_json_space(text.back())) std::abort();
      // Elements are the parser's to judge; valid objects must match simdjson's view.
      if (record.Parse(parser).ok() && check) {
        if (index >= expected.size()) std::abort();
        if (simdjson::to_string(record.root()) !=
            simdjson::to_string(expected.at(index).value_unsafe())) {
          std::abort();
        }
      }
      ++index;
    }
    if (!more) failed = true;
    if (!more || !*more) break;
  }
  if (check && (failed || index != expected.size())) std::abort();
  return 0;
}
