#pragma once

// Format writers: records -> bytes of one output format, written to a ByteSink.

#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/formats/format.h"
#include "winnow/io/byte_stream.h"
#include "winnow/record/record.h"

namespace winnow {

class FormatWriter {
 public:
  virtual ~FormatWriter() = default;
  // Writes one parsed record.
  virtual Status Write(const Record& record) = 0;
  // Writes what the format needs after the last record (the closing ']' of a JSON array) and
  // flushes; does not close the sink.
  virtual Status Finish() = 0;
  // Bytes produced so far, including any still buffered (for splitting output by size).
  virtual uint64_t bytes() const = 0;
};

struct WriterOptions {
  // CSV/TSV: columns in order. Empty: the first record's top-level fields. A record with a field
  // outside the columns is an error (naming the field); missing fields are written empty.
  std::vector<std::string> columns;
  // Text: the field whose text view becomes one line (newlines inside are escaped as \n).
  std::string text_field = "text";
};

// `sink` must outlive the writer.
std::unique_ptr<FormatWriter> NewJsonlWriter(ByteSink& sink);
std::unique_ptr<FormatWriter> NewJsonArrayWriter(ByteSink& sink);
std::unique_ptr<FormatWriter> NewCsvWriter(ByteSink& sink, char delimiter, WriterOptions options);
std::unique_ptr<FormatWriter> NewTextWriter(ByteSink& sink, WriterOptions options);

Result<std::unique_ptr<FormatWriter>> NewFormatWriter(Format format, ByteSink& sink,
                                                      WriterOptions options);

}  // namespace winnow
