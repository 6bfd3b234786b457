// Plain-text readers. Per line: each line that is not blank becomes {"<text_field>": "<line>"}
// (a trailing CR is dropped; lines of only spaces and tabs are skipped). Per file: the whole file
// becomes {"<text_field>": "<content>", "path": "<source name>"}, unless it is blank. Either way
// invalid UTF-8 is an error naming line and column (a reject under OnError::kSkip), and a record
// is limited to max_record_bytes of input.

#include <algorithm>
#include <cstring>

#include "winnow/common/utf8.h"
#include "winnow/formats/reader.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  });
}

// "line:column" (column in code points) of `offset` within `text`, whose first line is `line`.
std::string LineColumn(std::string_view text, size_t offset, uint64_t line) {
  std::string_view before = text.substr(0, offset);
  size_t last_newline = before.rfind('\n');
  size_t line_begin = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  line += std::count(before.begin(), before.end(), '\n');
  return std::to_string(line) + ":" +
         std::to_string(CountCodePoints(before.substr(line_begin)) + 1);
}

// Shared by both readers: the stream, the output JSON of the batch and its records.
class TextReaderBase : public FormatReader {
 protected:
  TextReaderBase(ReaderSource source, const ReaderOptions& options)
      : source_(std::move(source)), options_(options) {
    AppendJsonString(options_.text_field, &prefix_);
    prefix_.insert(0, "{");
    prefix_ += ':';
  }

  // Appends up to `want` bytes from the stream to input_.
  Status ReadMore(size_t want) {
    if (eof_) return Status::OK();
    size_t filled = input_.size();
    input_.resize(filled + want);
    WINNOW_ASSIGN_OR_RETURN(size_t got, ReadFull(*source_.stream, input_.data() + filled, want));
    if (got < want) eof_ = true;
    input_.resize(filled + got);
    return Status::OK();
  }

  // Sets *ok when `text` (starting at origin.line) is valid UTF-8. Otherwise fails, or under
  // kSkip adds it to the rejects and returns OK with *ok false.
  Status Check(std::string_view text, const RecordOrigin& origin, bool* ok, Batch* batch) {
    *ok = IsValidUtf8(text);
    if (*ok) return Status::OK();
    Status problem = Status::InvalidInput(
        Name() + ":" + LineColumn(text, FindInvalidUtf8(text), origin.line) + ": invalid UTF-8");
    if (options_.on_error == OnError::kFail) return problem;
    batch->rejects.push_back({Record::Owned(text, origin), "reader", problem.message(), {}});
    return Status::OK();
  }

  RecordOrigin Origin(uint64_t line, uint64_t offset) {
    RecordOrigin origin;
    origin.source = source_.name;
    origin.line = line;
    origin.byte_offset = offset;
    origin.index = index_++;
    return origin;
  }

  void AddRecord(size_t offset, const RecordOrigin& origin) {
    spans_.push_back({offset, out_.size() - offset, origin});
  }

  void Emit(Batch* batch) {
    if (spans_.empty()) return;
    char* buffer = batch->AddBuffer(out_.size());
    std::memcpy(buffer, out_.data(), out_.size());
    for (const Span& span : spans_) {
      batch->records.push_back(
          Record::Borrowed(std::string_view(buffer + span.offset, span.size), span.origin));
    }
    spans_.clear();
    out_.clear();
  }

  std::string Name() const { return source_.name ? *source_.name : source_.stream->name(); }

  struct Span {
    size_t offset;
    size_t size;
    RecordOrigin origin;
  };

  ReaderSource source_;
  ReaderOptions options_;
  std::string prefix_;  // `{"text":`
  std::string input_;
  std::string out_;
  std::vector<Span> spans_;
  uint64_t index_ = 0;
  bool eof_ = false;
  bool done_ = false;
};

class TextLineReader : public TextReaderBase {
 public:
  TextLineReader(ReaderSource source, const ReaderOptions& options)
      : TextReaderBase(std::move(source), options) {}

  Result<bool> ReadBatch(Batch* batch) override {
    if (done_) return false;
    const uint64_t start = input_offset_ + pos_;
    Status status = ReadLines(batch);
    Emit(batch);
    batch->input_bytes += input_offset_ + pos_ - start;
    if (!status.ok()) {
      done_ = true;
      return Error(std::move(status));
    }
    return !done_;
  }

 private:
  Status ReadLines(Batch* batch) {
    if (!started_) {
      started_ = true;
      WINNOW_RETURN_IF_ERROR(Refill(std::max<size_t>(options_.batch_bytes, kBom.size())));
      if (std::string_view(input_).starts_with(kBom)) pos_ = kBom.size();
    }
    const uint64_t stop = input_offset_ + pos_ + std::max<size_t>(options_.batch_bytes, 1);
    while (input_offset_ + pos_ < stop) {
      const size_t rest = input_.size() - pos_;
      const void* newline = std::memchr(input_.data() + pos_, '\n', rest);
      if (newline == nullptr && !eof_) {
        if (rest > options_.max_record_bytes) return TooLong();
        WINNOW_RETURN_IF_ERROR(Refill(std::max(options_.batch_bytes, rest)));
        continue;
      }
      if (newline == nullptr && rest == 0) {
        done_ = true;
        break;
      }
      size_t end = newline ? static_cast<size_t>(static_cast<const char*>(newline) - input_.data())
                           : input_.size();
      std::string_view line(input_.data() + pos_, end - pos_);
      if (line.size() > options_.max_record_bytes) return TooLong();
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!IsBlank(line)) WINNOW_RETURN_IF_ERROR(TakeLine(line, batch));
      pos_ = newline ? end + 1 : end;
      ++line_;
    }
    return Status::OK();
  }

  Status TakeLine(std::string_view line, Batch* batch) {
    RecordOrigin origin = Origin(line_, input_offset_ + pos_);
    bool ok = false;
    WINNOW_RETURN_IF_ERROR(Check(line, origin, &ok, batch));
    if (!ok) return Status::OK();
    size_t offset = out_.size();
    out_ += prefix_;
    AppendJsonString(line, &out_);
    out_ += '}';
    AddRecord(offset, origin);
    return Status::OK();
  }

  // Drops consumed input, then reads more.
  Status Refill(size_t want) {
    input_.erase(0, pos_);
    input_offset_ += pos_;
    pos_ = 0;
    return ReadMore(want);
  }

  Status TooLong() const {
    return Status::InvalidInput(Name() + ":" + std::to_string(line_) + ":1: line is longer than " +
                                std::to_string(options_.max_record_bytes) +
                                " bytes (raise --max-record-bytes to read it)");
  }

  size_t pos_ = 0;             // start of the next line in input_
  uint64_t input_offset_ = 0;  // file offset of input_[0]
  uint64_t line_ = 1;
  bool started_ = false;
};

class TextFileReader : public TextReaderBase {
 public:
  TextFileReader(ReaderSource source, const ReaderOptions& options)
      : TextReaderBase(std::move(source), options) {}

  Result<bool> ReadBatch(Batch* batch) override {
    if (done_) return false;
    done_ = true;
    // Reads one byte past the limit (plus a BOM) to tell "at the limit" from "over it".
    const size_t limit = options_.max_record_bytes + kBom.size();
    while (!eof_ && input_.size() <= limit) {
      WINNOW_RETURN_IF_ERROR(ReadMore(
          std::min(std::max<size_t>(options_.batch_bytes, 4096), limit + 1 - input_.size())));
    }
    batch->input_bytes += input_.size();
    std::string_view text(input_);
    const size_t skipped = text.starts_with(kBom) ? kBom.size() : 0;
    text.remove_prefix(skipped);
    if (text.size() > options_.max_record_bytes) {
      return Error(Status::InvalidInput(
          Name() + ": file is longer than " + std::to_string(options_.max_record_bytes) +
          " bytes, the limit for a per-file text record (raise --max-record-bytes)"));
    }
    if (IsBlank(text)) return false;
    RecordOrigin origin = Origin(1, skipped);
    bool ok = false;
    WINNOW_RETURN_IF_ERROR(Check(text, origin, &ok, batch));
    if (!ok) return false;
    out_ += prefix_;
    AppendJsonString(text, &out_);
    out_ += ",\"path\":";
    AppendJsonString(Name(), &out_);
    out_ += '}';
    AddRecord(0, origin);
    Emit(batch);
    return false;
  }
};

}  // namespace

Result<std::unique_ptr<FormatReader>> NewTextReader(ReaderSource source,
                                                    const ReaderOptions& options, bool per_file) {
  if (per_file)
    return std::unique_ptr<FormatReader>(new TextFileReader(std::move(source), options));
  return std::unique_ptr<FormatReader>(new TextLineReader(std::move(source), options));
}

}  // namespace winnow
