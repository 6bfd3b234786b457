// Fuzzes the CSV/TSV reader: any bytes must give records that parse as JSON objects, rejects, or
// an error — never a crash, a hang or a leak. The first input byte picks the options, so one
// corpus covers tiny batches (records across read boundaries), both OnError modes, both type
// modes, both delimiters and a small max_record_bytes.

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
  options.batch_bytes = 1 + (control & 7);
  options.on_error = (control & 8) ? winnow::OnError::kSkip : winnow::OnError::kFail;
  options.csv_types = (control & 16) ? winnow::CsvTypes::kString : winnow::CsvTypes::kInfer;
  if (control & 32) options.max_record_bytes = 64;
  const char delimiter = (control & 64) ? '\t' : ',';
  const size_t max_read = (control & 128) ? 3 : SIZE_MAX;

  const std::string name = "fuzz.csv";
  winnow::ReaderSource source;
  source.stream = winnow::NewMemorySource(
      std::string(reinterpret_cast<const char*>(data) + 1, size - 1), name, max_read);
  source.name = &name;
  auto reader = winnow::NewCsvReader(std::move(source), options, delimiter);
  if (!reader) return 0;
  simdjson::dom::parser parser;
  for (;;) {
    winnow::Batch batch;
    winnow::Result<bool> more = (*reader)->ReadBatch(&batch);
    for (winnow::Record& record : batch.records) {
      // The reader writes the JSON itself, so anything unparseable is a bug.
      if (!record.Parse(parser).ok()) std::abort();
    }
    for (const winnow::RejectedRecord& rejected : batch.rejects) {
      if (rejected.reason.empty() || rejected.step != "reader") std::abort();
    }
    if (!more || !*more) break;
  }
  return 0;
}
