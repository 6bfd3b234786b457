#pragma once

// Format readers: each turns one byte stream into records appended to batches. JSONL and JSON
// readers hand out the original bytes unparsed (workers parse them in parallel); CSV and text
// readers build JSON objects. All of them: strip a UTF-8 BOM, accept CRLF, carry line numbers and
// byte offsets in each record's origin, and refuse records longer than max_record_bytes with an
// error instead of growing without bound.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "winnow/common/status.h"
#include "winnow/formats/format.h"
#include "winnow/io/byte_stream.h"
#include "winnow/record/batch.h"

namespace winnow {

enum class OnError {
  kFail,  // the first bad record stops the run with its error (default)
  kSkip,  // bad records go to the reject sink with their error and are counted
};

enum class TextUnit {
  kAuto,  // per file for inputs found in a folder and for .md files, else per line
  kLine,  // a record per non-empty line
  kFile,  // a record per file
};

enum class CsvTypes {
  kInfer,   // numbers become JSON numbers, true/false bools, empty fields null
  kString,  // every field a string, empty fields ""
};

struct ReaderOptions {
  std::optional<Format> format;         // forces a format for every input (--input-format)
  size_t batch_bytes = 1 << 20;         // target bytes of input per batch
  size_t max_record_bytes = 64u << 20;  // a longer record is an error (--max-record-bytes)
  OnError on_error = OnError::kFail;
  TextUnit text_unit = TextUnit::kAuto;
  std::string text_field = "text";  // field that holds the text of text records
  CsvTypes csv_types = CsvTypes::kInfer;
};

// Where in its file a reader starts and stops (for --shard). Offsets are in the uncompressed file;
// only line-splittable formats of uncompressed files get a range other than the whole file.
struct SourceRange {
  uint64_t begin = 0;         // the stream starts here (the source was opened at this offset)
  uint64_t end = UINT64_MAX;  // records starting at or after this offset belong to another shard
};

class FormatReader {
 public:
  virtual ~FormatReader() = default;
  // Appends records (about options.batch_bytes of input) to `batch`, borrowing buffers it adds to
  // the batch. Returns false once the source is exhausted; the batch may still have got records.
  // With OnError::kSkip, malformed records the reader itself detects go to batch->rejects.
  virtual Result<bool> ReadBatch(Batch* batch) = 0;
};

struct ReaderSource {
  std::unique_ptr<ByteSource> stream;  // decompressed bytes, positioned at range.begin
  const std::string* name = nullptr;   // borrowed; outlives the reader
  SourceRange range;
  bool from_directory = false;
};

Result<std::unique_ptr<FormatReader>> NewJsonlReader(ReaderSource source,
                                                     const ReaderOptions& options);
Result<std::unique_ptr<FormatReader>> NewJsonArrayReader(ReaderSource source,
                                                         const ReaderOptions& options);
// A whole file as one record (a pretty-printed .json object).
Result<std::unique_ptr<FormatReader>> NewJsonDocumentReader(ReaderSource source,
                                                            const ReaderOptions& options);
Result<std::unique_ptr<FormatReader>> NewCsvReader(ReaderSource source,
                                                   const ReaderOptions& options, char delimiter);
Result<std::unique_ptr<FormatReader>> NewTextReader(ReaderSource source,
                                                    const ReaderOptions& options, bool per_file);

}  // namespace winnow
