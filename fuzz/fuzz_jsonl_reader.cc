// Fuzzes the JSONL reader and record parsing: any bytes must give parsed records, reader errors or
// parse errors with a location — never a crash, a hang or a leak. The first byte picks the
// options: tiny batches (lines across read boundaries), a small max_record_bytes, and a record
// overlay/serialisation round trip.

#include <simdjson.h>

#include <cstdint>
#include <string>

#include "winnow/formats/reader.h"
#include "winnow/io/byte_stream.h"
#include "winnow/record/json_error_locator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  winnow::ReaderOptions options;
  options.batch_bytes = 1 + (control & 15);
  if (control & 16) options.max_record_bytes = 32;
  const std::string name = "fuzz.jsonl";
  winnow::ReaderSource source;
  source.stream =
      winnow::NewMemorySource(std::string(reinterpret_cast<const char*>(data) + 1, size - 1), name);
  source.name = &name;
  auto reader = winnow::NewJsonlReader(std::move(source), options);
  if (!reader) return 0;
  simdjson::dom::parser parser;
  for (int guard = 0; guard < 1000000; ++guard) {
    winnow::Batch batch;
    auto more = (*reader)->ReadBatch(&batch);
    if (!more) break;
    for (auto& record : batch.records) {
      winnow::Status status = record.Parse(parser);
      if (!status.ok()) {
        if (status.message().empty()) __builtin_trap();
        continue;
      }
      if (control & 32) {
        (void)record.SetString("fuzz", record.text(), parser);
        record.Remove("a");
        std::string out;
        record.AppendJson(&out);
        // What we write must be valid JSON again.
        if (winnow::LocateJsonError(out).found) __builtin_trap();
      }
    }
    if (!*more) break;
  }
  return 0;
}
