#include "winnow/formats/writer.h"

namespace winnow {
namespace {

// Buffers records and hands the sink ~1 MiB at a time.
class JsonlWriter : public FormatWriter {
 public:
  explicit JsonlWriter(ByteSink& sink) : sink_(sink) { buffer_.reserve(kFlushBytes + 4096); }

  Status Write(const Record& record) override {
    record.AppendJson(&buffer_);
    buffer_.push_back('\n');
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::OK();
  }

  Status Finish() override { return Flush(); }
  uint64_t bytes() const override { return flushed_ + buffer_.size(); }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  Status Flush() {
    Status status = sink_.Write(buffer_);
    flushed_ += buffer_.size();
    buffer_.clear();
    return status;
  }
  ByteSink& sink_;
  std::string buffer_;
  uint64_t flushed_ = 0;
};

class JsonArrayWriter : public FormatWriter {
 public:
  explicit JsonArrayWriter(ByteSink& sink) : sink_(sink) {}

  Status Write(const Record& record) override {
    buffer_.append(first_ ? "[\n" : ",\n");
    first_ = false;
    record.AppendJson(&buffer_);
    if (buffer_.size() >= (1 << 20)) return Flush();
    return Status::OK();
  }

  Status Finish() override {
    buffer_.append(first_ ? "[]\n" : "\n]\n");
    first_ = false;
    return Flush();
  }
  uint64_t bytes() const override { return flushed_ + buffer_.size(); }

 private:
  Status Flush() {
    Status status = sink_.Write(buffer_);
    flushed_ += buffer_.size();
    buffer_.clear();
    return status;
  }
  ByteSink& sink_;
  std::string buffer_;
  uint64_t flushed_ = 0;
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
