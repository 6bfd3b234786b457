// JSON array reader: streams a file holding one top-level array of objects, `[ {...}, {...} ]`.
//
// A byte-level scanner that knows only strings, escapes and bracket depth finds each element's
// span; elements are handed out unparsed, like JSONL lines, so workers parse them in parallel and
// a malformed element is reported by the parser with its own line and column. This reader checks
// the array's own punctuation: the opening '[', the commas between elements, the closing ']' and
// that nothing but whitespace follows it; those errors, and an element longer than
// max_record_bytes, stop the read under either OnError mode, as after broken punctuation there is
// no reliable place to resume. Elements that are not objects are left to the parser, which
// rejects them. A file that is empty or only whitespace holds no records and is not an error.
// Only the current batch's elements and one partial element are held in memory.

#include <algorithm>
#include <array>
#include <cstring>

#include "winnow/common/byte_search.h"
#include "winnow/common/utf8.h"
#include "winnow/formats/reader.h"

namespace winnow {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Bytes outside strings that the element scanner must look at; everything else (digits, letters
// of true/false/null, ':') is skipped in a tight loop.
constexpr std::array<bool, 256> kStructural = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : std::string_view("\"{}[],\n\r\t ")) table[c] = true;
  return table;
}();

// "'x'" for a printable byte, "byte 0x1f" otherwise.
std::string Describe(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7F) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

class JsonArrayReader : public FormatReader {
 public:
  JsonArrayReader(ReaderSource source, const ReaderOptions& options)
      : source_(std::move(source)), options_(options) {}

  Result<bool> ReadBatch(Batch* batch) override {
    if (done_) return false;
    spans_.clear();
    const uint64_t start = work_offset_ + scan_pos_;
    Status status = Collect();
    // Elements found before an error are still good records.
    Emit(batch);
    batch->input_bytes += work_offset_ + scan_pos_ - start;
    Compact();
    if (!status.ok()) {
      done_ = true;
      return Error(std::move(status));
    }
    return !done_;
  }

 private:
  enum class Stage {
    kBeforeArray,   // expecting '['
    kFirstElement,  // after '[': an element or ']'
    kAfterComma,    // an element
    kInElement,     // inside an element's text
    kAfterElement,  // ',' or ']'
    kAfterArray,    // only whitespace until the end
  };

  struct Span {
    size_t offset;  // in work_
    size_t size;
    RecordOrigin origin;
  };

  // Reads and scans until at least one element is complete (or the input ends).
  Status Collect() {
    for (;;) {
      size_t want = std::max<size_t>(options_.batch_bytes, kBom.size());
      // A long element: read at least as much again, so its bytes are copied O(log n) times.
      if (stage_ == Stage::kInElement) want = std::max(want, work_.size() - element_start_);
      const bool at_start = work_offset_ == 0 && work_.empty();
      WINNOW_RETURN_IF_ERROR(ReadMore(want));
      if (at_start && std::string_view(work_).starts_with(kBom)) {
        scan_pos_ = cursor_offset_ = kBom.size();
      }
      WINNOW_RETURN_IF_ERROR(Scan());
      if (stage_ == Stage::kInElement &&
          work_.size() - element_start_ > options_.max_record_bytes) {
        return TooLong();
      }
      if (eof_) return Finish();
      if (!spans_.empty()) return Status::OK();
      Compact();
    }
  }

  Status Scan() {
    const char* base = work_.data();
    const char* end = base + work_.size();
    const char* p = base + scan_pos_;
    while (p < end) {
      if (stage_ == Stage::kInElement) {
        const char* stop = ScanElement(p, end);
        if (stop == nullptr) {
          p = end;
          break;
        }
        size_t offset = static_cast<size_t>(stop - base);
        if (offset - element_start_ > options_.max_record_bytes) {
          scan_pos_ = offset;
          return TooLong();
        }
        spans_.push_back({element_start_, offset - element_start_, element_origin_});
        stage_ = Stage::kAfterElement;
        p = stop;
        continue;
      }
      const char c = *p;
      if (c == '\n') NewLine(p);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++p;
        continue;
      }
      scan_pos_ = static_cast<size_t>(p - base);
      WINNOW_RETURN_IF_ERROR(Punctuation(c));
      if (stage_ != Stage::kInElement) ++p;
    }
    scan_pos_ = static_cast<size_t>(p - base);
    return Status::OK();
  }

  // Handles a non-space byte at scan_pos_ outside any element.
  Status Punctuation(char c) {
    switch (stage_) {
      case Stage::kBeforeArray:
        if (c != '[') {
          return Fail(Here(), "expected '[' to open a JSON array of objects, found " + Describe(c) +
                                  " (for one object per line use --input-format jsonl)");
        }
        array_line_ = line_;
        array_column_ = ColumnAt(AbsoluteScanPos());
        stage_ = Stage::kFirstElement;
        return Status::OK();
      case Stage::kFirstElement:
        if (c == ']') {
          stage_ = Stage::kAfterArray;
          return Status::OK();
        }
        [[fallthrough]];
      case Stage::kAfterComma:
        if (c == ',' || c == ']' || c == '}') {
          return Fail(Here(), "expected an array element, found " + Describe(c));
        }
        StartElement();
        return Status::OK();
      case Stage::kAfterElement:
        if (c == ',') {
          stage_ = Stage::kAfterComma;
        } else if (c == ']') {
          stage_ = Stage::kAfterArray;
        } else {
          return Fail(Here(), "expected ',' or ']' after an array element, found " + Describe(c));
        }
        return Status::OK();
      case Stage::kAfterArray:
        return Fail(Here(), "unexpected " + Describe(c) + " after the closing ']' of the array");
      case Stage::kInElement:
        break;
    }
    return Status::Internal("JSON array scanner: unexpected state");
  }

  void StartElement() {
    stage_ = Stage::kInElement;
    element_start_ = scan_pos_;
    depth_ = 0;
    in_string_ = false;
    escape_ = false;
    element_origin_ = RecordOrigin();
    element_origin_.source = source_.name;
    element_origin_.line = line_;
    element_origin_.byte_offset = AbsoluteScanPos();
    element_origin_.index = index_++;
    element_column_ = ColumnAt(AbsoluteScanPos());
  }

  // Advances through an element; returns one past its last byte, or nullptr when it continues
  // beyond `end` (the state is kept for the next call).
  const char* ScanElement(const char* p, const char* end) {
    while (p < end) {
      if (in_string_) {
        if (escape_) {
          escape_ = false;
          if (*p == '\n') NewLine(p);
          ++p;
          continue;
        }
        p = FindAnyOf4(p, end, '"', '\\', '\n', '"');
        if (p == end) break;
        if (*p == '\\') {
          escape_ = true;
        } else if (*p == '\n') {
          NewLine(p);  // invalid JSON, but later lines must still be numbered right
        } else {
          in_string_ = false;
          if (depth_ == 0) return p + 1;  // a string element (the parser will reject it)
        }
        ++p;
        continue;
      }
      while (p < end && !kStructural[static_cast<unsigned char>(*p)]) ++p;
      if (p == end) break;
      switch (*p) {
        case '"':
          in_string_ = true;
          break;
        case '{':
        case '[':
          ++depth_;
          break;
        case '}':
        case ']':
          if (depth_ == 0) return p;  // closes the array after a scalar element
          if (--depth_ == 0) return p + 1;
          break;
        case '\n':
          if (depth_ == 0) return p;
          NewLine(p);
          break;
        default:  // ',' or a space ends a scalar element at depth 0
          if (depth_ == 0) return p;
      }
      ++p;
    }
    return nullptr;
  }

  Status Finish() {
    done_ = true;
    switch (stage_) {
      case Stage::kBeforeArray:
      case Stage::kAfterArray:
        return Status::OK();
      case Stage::kInElement:
        return Fail(Here(), "unexpected end of file inside the array element that starts at line " +
                                std::to_string(element_origin_.line) + ", column " +
                                std::to_string(element_column_));
      default:
        return Fail(Here(), "unexpected end of file: the array opened at line " +
                                std::to_string(array_line_) + ", column " +
                                std::to_string(array_column_) + " is not closed");
    }
  }

  Status TooLong() {
    return Fail(std::to_string(element_origin_.line) + ":" + std::to_string(element_column_),
                "array element is longer than " + std::to_string(options_.max_record_bytes) +
                    " bytes (raise --max-record-bytes to read it)");
  }

  void Emit(Batch* batch) {
    if (spans_.empty()) return;
    const size_t first = spans_.front().offset;
    const size_t size = spans_.back().offset + spans_.back().size - first;
    char* buffer = batch->AddBuffer(size);
    std::memcpy(buffer, work_.data() + first, size);
    for (const Span& span : spans_) {
      batch->records.push_back(
          Record::Borrowed(std::string_view(buffer + span.offset - first, span.size), span.origin));
    }
    spans_.clear();
  }

  // Drops scanned bytes, keeping a partial element.
  void Compact() {
    size_t keep_from = stage_ == Stage::kInElement ? element_start_ : scan_pos_;
    uint64_t new_offset = work_offset_ + keep_from;
    if (cursor_offset_ < new_offset) ColumnAt(new_offset);  // count what is about to go
    work_.erase(0, keep_from);
    work_offset_ = new_offset;
    scan_pos_ -= keep_from;
    if (stage_ == Stage::kInElement) element_start_ -= keep_from;
  }

  Status ReadMore(size_t want) {
    if (eof_) return Status::OK();
    size_t filled = work_.size();
    work_.resize(filled + want);
    WINNOW_ASSIGN_OR_RETURN(size_t got, ReadFull(*source_.stream, work_.data() + filled, want));
    if (got < want) eof_ = true;
    work_.resize(filled + got);
    return Status::OK();
  }

  // Line and column bookkeeping. Columns are counted in code points, lazily: the cursor holds
  // the column at one offset of the current line and only moves forward, so every byte is counted
  // at most once even on a file that is one long line.
  void NewLine(const char* newline) {
    ++line_;
    cursor_offset_ = work_offset_ + static_cast<uint64_t>(newline - work_.data()) + 1;
    cursor_columns_ = 0;
  }

  size_t ColumnAt(uint64_t offset) {
    const char* from = work_.data() + (cursor_offset_ - work_offset_);
    cursor_columns_ += CountCodePoints(std::string_view(from, offset - cursor_offset_));
    cursor_offset_ = offset;
    return cursor_columns_ + 1;
  }

  uint64_t AbsoluteScanPos() const { return work_offset_ + scan_pos_; }

  // "line:column" of scan_pos_.
  std::string Here() {
    size_t column = ColumnAt(AbsoluteScanPos());
    return std::to_string(line_) + ":" + std::to_string(column);
  }

  Status Fail(const std::string& line_column, const std::string& message) const {
    std::string name = source_.name ? *source_.name : source_.stream->name();
    return Status::InvalidInput(name + ":" + line_column + ": " + message);
  }

  ReaderSource source_;
  ReaderOptions options_;
  std::string work_;          // input not yet handed out; bytes before scan_pos_ are scanned
  uint64_t work_offset_ = 0;  // file offset of work_[0]
  size_t scan_pos_ = 0;
  bool eof_ = false;
  bool done_ = false;
  Stage stage_ = Stage::kBeforeArray;
  uint64_t line_ = 1;
  uint64_t cursor_offset_ = 0;  // a file offset on the current line, >= work_offset_
  size_t cursor_columns_ = 0;   // code points between the line start and cursor_offset_
  uint64_t array_line_ = 0;
  size_t array_column_ = 0;
  // The element being scanned.
  size_t element_start_ = 0;  // in work_
  size_t element_column_ = 0;
  RecordOrigin element_origin_;
  int64_t depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  uint64_t index_ = 0;
  std::vector<Span> spans_;
};

}  // namespace

Result<std::unique_ptr<FormatReader>> NewJsonArrayReader(ReaderSource source,
                                                         const ReaderOptions& options) {
  return std::unique_ptr<FormatReader>(new JsonArrayReader(std::move(source), options));
}

}  // namespace winnow
