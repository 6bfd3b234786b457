// JSONL reader: splits lines into borrowed records; parsing happens later on worker threads.

#include <algorithm>
#include <cstring>

#include "winnow/formats/reader.h"

namespace winnow {
namespace {

class JsonlReader : public FormatReader {
 public:
  JsonlReader(ReaderSource source, const ReaderOptions& options)
      : source_(std::move(source)), options_(options), offset_(source_.range.begin) {
    // A shard that starts mid-file does not know how many lines came before it.
    line_ = source_.range.begin == 0 ? 1 : 0;
  }

  Result<bool> ReadBatch(Batch* batch) override {
    if (done_) return false;
    if (!started_) {
      started_ = true;
      WINNOW_RETURN_IF_ERROR(Start());
      if (done_) return false;
    }
    // Read straight into a batch buffer: carried-over partial line first, then fresh bytes.
    size_t capacity = carry_.size() + options_.batch_bytes;
    char* buffer = batch->AddBuffer(capacity);
    std::memcpy(buffer, carry_.data(), carry_.size());
    size_t filled = carry_.size();
    carry_.clear();
    WINNOW_ASSIGN_OR_RETURN(size_t got, Fill(buffer + filled, capacity - filled));
    filled += got;
    size_t usable = filled;
    if (!eof_) {
      const char* last_newline = static_cast<const char*>(memrchr(buffer, '\n', filled));
      if (last_newline == nullptr) {
        // One line longer than a batch: collect it on its own, bounded by max_record_bytes.
        carry_.assign(buffer, filled);
        WINNOW_RETURN_IF_ERROR(ReadLongLine());
        buffer = batch->AddBuffer(carry_.size());
        std::memcpy(buffer, carry_.data(), carry_.size());
        filled = usable = carry_.size();
        carry_.clear();
        if (!eof_) {
          // ReadLongLine stopped after a newline: keep only the first line now.
          const char* nl = static_cast<const char*>(std::memchr(buffer, '\n', filled));
          usable = static_cast<size_t>(nl - buffer) + 1;
          carry_.assign(buffer + usable, filled - usable);
        }
      } else {
        usable = static_cast<size_t>(last_newline - buffer) + 1;
        carry_.assign(buffer + usable, filled - usable);
      }
    }
    batch->input_bytes += usable;
    WINNOW_RETURN_IF_ERROR(SplitLines(buffer, usable, batch));
    if (eof_ && carry_.empty()) done_ = true;
    return !done_;
  }

 private:
  Status Start() {
    if (source_.range.begin > 0) {
      // Opened at begin-1: the line in progress there belongs to the previous shard.
      char c = 0;
      for (;;) {
        WINNOW_ASSIGN_OR_RETURN(size_t got, source_.stream->Read(&c, 1));
        if (got == 0) {
          done_ = true;
          return Status::OK();
        }
        ++skipped_;
        if (c == '\n') break;
      }
      offset_ = source_.range.begin - 1 + skipped_;
    } else {
      char bom[3];
      WINNOW_ASSIGN_OR_RETURN(size_t got, Fill(bom, 3));
      if (got == 3 && std::memcmp(bom, "\xEF\xBB\xBF", 3) == 0) {
        offset_ = 3;
        // For --shard, the first record owns the BOM's bytes: it starts at offset 0.
        bom_ = true;
      } else {
        carry_.assign(bom, got);
      }
    }
    return Status::OK();
  }

  // ReadFull that reads nothing once the stream has ended, and notes the end in eof_.
  Result<size_t> Fill(char* out, size_t size) {
    if (eof_) return 0;
    WINNOW_ASSIGN_OR_RETURN(size_t got, ReadFull(*source_.stream, out, size));
    if (got < size) eof_ = true;
    return got;
  }

  Status ReadLongLine() {
    size_t scanned = 0;
    for (;;) {
      if (std::memchr(carry_.data() + scanned, '\n', carry_.size() - scanned) != nullptr) {
        return Status::OK();
      }
      scanned = carry_.size();
      if (carry_.size() > options_.max_record_bytes) {
        return TooLong(line_, offset_);
      }
      if (eof_) return Status::OK();
      size_t old = carry_.size();
      carry_.resize(old + options_.batch_bytes);
      WINNOW_ASSIGN_OR_RETURN(size_t got, Fill(carry_.data() + old, options_.batch_bytes));
      carry_.resize(old + got);
    }
  }

  std::string Where(uint64_t line, uint64_t offset) const {
    RecordOrigin origin;
    origin.source = source_.name;
    origin.line = line;
    origin.byte_offset = offset;
    return origin.ToString();
  }

  Status TooLong(uint64_t line, uint64_t offset) const {
    return Status::InvalidInput(Where(line, offset) + ": record is longer than " +
                                std::to_string(options_.max_record_bytes) +
                                " bytes (raise --max-record-bytes to read it)");
  }

  Status SplitLines(const char* buffer, size_t size, Batch* batch) {
    size_t pos = 0;
    while (pos < size) {
      const char* nl = static_cast<const char*>(std::memchr(buffer + pos, '\n', size - pos));
      size_t end = nl ? static_cast<size_t>(nl - buffer) : size;
      uint64_t record_offset = offset_ + pos;
      uint64_t owner_offset = bom_ && record_offset == 3 ? 0 : record_offset;
      if (owner_offset >= source_.range.end) {
        done_ = true;
        carry_.clear();
        eof_ = true;
        break;
      }
      std::string_view line(buffer + pos, end - pos);
      if (line.size() > options_.max_record_bytes) {
        return TooLong(line_, record_offset);
      }
      if (!IsBlank(line)) {
        RecordOrigin origin;
        origin.source = source_.name;
        origin.line = line_;
        origin.byte_offset = record_offset;
        origin.index = index_++;
        batch->records.push_back(Record::Borrowed(line, origin));
      }
      if (line_ > 0) ++line_;
      pos = end + 1;
    }
    offset_ += size;
    return Status::OK();
  }

  static bool IsBlank(std::string_view line) {
    for (char c : line) {
      if (c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
  }

  ReaderSource source_;
  ReaderOptions options_;
  std::string carry_;
  uint64_t offset_;  // byte offset (in the file) of the first byte not yet split into lines
  uint64_t line_;
  uint64_t index_ = 0;
  uint64_t skipped_ = 0;
  bool started_ = false;
  bool bom_ = false;
  bool eof_ = false;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<FormatReader>> NewJsonlReader(ReaderSource source,
                                                     const ReaderOptions& options) {
  return std::unique_ptr<FormatReader>(new JsonlReader(std::move(source), options));
}

}  // namespace winnow
