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

// What the writers share: output collects in buffer_ and reaches the sink about 1 MiB at a time,
// so the sink (often a compressor) sees few, large writes.
class BufferedFormatWriter : public FormatWriter {
 public:
  uint64_t bytes() const override { return flushed_ + buffer_.size(); }

 protected:
  // `sink` must outlive the writer.
  explicit BufferedFormatWriter(ByteSink& sink) : sink_(sink) {}

  // Flushes once the buffer holds kFlushBytes; call after each record.
  Status FlushIfFull() { return buffer_.size() >= kFlushBytes ? Flush() : Status::OK(); }

  // Hands the buffer to the sink; an empty buffer is not written.
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status status = sink_.Write(buffer_);
    flushed_ += buffer_.size();
    buffer_.clear();
    return status;
  }

  static constexpr size_t kFlushBytes = size_t{1} << 20;
  std::string buffer_;  // output not yet handed to the sink

 private:
  ByteSink& sink_;
  uint64_t flushed_ = 0;
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
