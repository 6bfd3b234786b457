#include "winnow/formats/writer.h"

namespace winnow {
namespace {

// Buffers records and hands the sink ~1 MiB at a time.
class JsonlWriter : public BufferedFormatWriter {
 public:
  explicit JsonlWriter(ByteSink& sink) : BufferedFormatWriter(sink) {
    buffer_.reserve(kFlushBytes + 4096);
  }

  Status Write(const Record& record) override {
    record.AppendJson(&buffer_);
    buffer_.push_back('\n');
    return FlushIfFull();
  }

  Status Finish() override { return Flush(); }
};

class JsonArrayWriter : public BufferedFormatWriter {
 public:
  explicit JsonArrayWriter(ByteSink& sink) : BufferedFormatWriter(sink) {}

  Status Write(const Record& record) override {
    buffer_.append(first_ ? "[\n" : ",\n");
    first_ = false;
    record.AppendJson(&buffer_);
    return FlushIfFull();
  }

  Status Finish() override {
    buffer_.append(first_ ? "[]\n" : "\n]\n");
    first_ = false;
    return Flush();
  }

 private:
  bool first_ = true;
};

}  // namespace

std::unique_ptr<FormatWriter> NewJsonlWriter(ByteSink& sink) {
  return std::make_unique<JsonlWriter>(sink);
}

std::unique_ptr<FormatWriter> NewJsonArrayWriter(ByteSink& sink) {
  return std::make_unique<JsonArrayWriter>(sink);
}

Result<std::unique_ptr<FormatWriter>> NewFormatWriter(Format format, ByteSink& sink,
                                                      WriterOptions options) {
  switch (format) {
    case Format::kJsonl:
      return NewJsonlWriter(sink);
    case Format::kJsonArray:
      return NewJsonArrayWriter(sink);
    case Format::kCsv:
      return NewCsvWriter(sink, ',', std::move(options));
    case Format::kTsv:
      return NewCsvWriter(sink, '\t', std::move(options));
    case Format::kText:
      return NewTextWriter(sink, std::move(options));
    case Format::kParquet:
      break;
  }
  return Error(Status::Unsupported("Parquet output is not supported yet"));
}

}  // namespace winnow
