// CSV/TSV reader (RFC 4180): turns each row into a JSON object keyed by the header row.
//
// Dialect, for users and for the writer that must produce what this reads back:
//   - fields are separated by the delimiter; rows end with LF or CRLF (a trailing newline at the
//     end of the file is optional; a lone CR inside an unquoted field is data);
//   - a field that starts with '"' is quoted: it may hold delimiters, newlines and quotes written
//     as "", and must be followed by a delimiter or the end of the row;
//   - a quote anywhere else in an unquoted field is an error;
//   - the first non-blank row is the header; an empty header name becomes "column_<n>" (1-based
//     position) and a repeated one gets "_2", "_3", ... appended, so every key is unique;
//   - blank lines are skipped (so a one-column file cannot hold an empty unquoted value);
//   - a row with fewer fields than the header gets null for the missing ones; a row with more is
//     an error;
//   - CsvTypes::kInfer: an unquoted field that is exactly a JSON number becomes a number (integers
//     outside the 64-bit range stay strings, so long IDs keep every digit), true/false/True/False
//     a bool, an empty unquoted field null; quoted fields are always strings.
//     CsvTypes::kString: every field is a string and empty fields are "".
// Under OnError::kSkip a bad row (stray quote, text after a closing quote, too many fields,
// invalid UTF-8) becomes a reject holding its raw text, and reading resumes on the next line; an
// unclosed quote makes the rest of the file the bad row. A bad header, and a row longer than
// max_record_bytes (it cannot be held to be rejected), stop the read in either mode.
// Rows are scanned with a word-at-a-time search for the four bytes that end an unquoted field, and
// each row is written straight into the batch's JSON text, so no per-field allocation happens.

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <set>

#include "winnow/common/byte_search.h"
#include "winnow/common/utf8.h"
#include "winnow/formats/reader.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// True when `text` is a JSON number that simdjson will read back without loss: integers must fit
// 64 bits (IDs longer than that stay strings), other numbers must be finite doubles.
bool IsLosslessJsonNumber(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  auto digits = [&] {
    size_t start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < n && text[i] == '-') ++i;
  if (i == n) return false;
  if (text[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  bool integer = true;
  if (i < n && text[i] == '.') {
    ++i;
    if (digits() == 0) return false;
    integer = false;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
    integer = false;
  }
  if (i != n) return false;
  const char* first = text.data();
  const char* last = text.data() + n;
  if (integer) {
    if (text[0] == '-') {
      int64_t value;
      return std::from_chars(first, last, value).ec == std::errc();
    }
    uint64_t value;
    return std::from_chars(first, last, value).ec == std::errc();
  }
  double value;
  auto result = std::from_chars(first, last, value);
  return result.ec == std::errc() && std::isfinite(value);
}

// Appends `text`, which the caller has checked is valid UTF-8, as a JSON string. json_writer's
// AppendJsonString would validate every field again; rows are validated once, in bulk, instead.
// Runs that need no escape are found eight bytes at a time and appended whole.
void AppendValidJsonString(std::string_view text, std::string* out) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  auto zero_bytes = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* run = p;
  out->push_back('"');
  for (;;) {
    if constexpr (std::endian::native == std::endian::little) {
      while (end - p >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        uint64_t hits = zero_bytes(word ^ (kOnes * '"')) | zero_bytes(word ^ (kOnes * '\\')) |
                        ((word - kOnes * 0x20) & ~word & kHighs);  // a byte below 0x20
        if (hits != 0) {
          p += std::countr_zero(hits) / 8;
          break;
        }
        p += 8;
      }
    }
    while (p < end && static_cast<unsigned char>(*p) >= 0x20 && *p != '"' && *p != '\\') ++p;
    if (p == end) break;
    out->append(run, p);
    if (*p == '"' || *p == '\\') {
      out->push_back('\\');
      out->push_back(*p);
    } else if (*p == '\n') {
      out->append("\\n");
    } else if (*p == '\r') {
      out->append("\\r");
    } else if (*p == '\t') {
      out->append("\\t");
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out->append("\\u00");
      out->push_back(kHex[static_cast<unsigned char>(*p) >> 4]);
      out->push_back(kHex[*p & 0xF]);
    }
    run = ++p;
  }
  out->append(run, end);
  out->push_back('"');
}

struct CsvField {
  size_t begin = 0;  // offset of the value within the row (after an opening quote)
  size_t end = 0;
  bool quoted = false;
  bool escaped = false;  // quoted and holding "" pairs
};

enum class RowState { kComplete, kNeedMore, kBad };

struct RowScan {
  RowState state = RowState::kComplete;
  size_t size = 0;              // bytes of the row including its terminator
  size_t newlines = 0;          // '\n' bytes within the row, terminator included
  size_t bad_at = 0;            // kBad: offset of the problem within the row
  std::string reason;           // kBad: what is wrong
  bool unclosed_quote = false;  // kBad: a quote opened at bad_at never closes
};

// Splits one row into fields. `data` starts at the row's first byte; `eof` says no bytes follow.
// kNeedMore means the row (or, for a bad row, the rest of its line) continues past `data`.
class CsvRowScanner {
 public:
  explicit CsvRowScanner(char delimiter) : delimiter_(delimiter) {}

  RowScan Scan(std::string_view data, bool eof, std::vector<CsvField>* fields) const {
    fields->clear();
    RowScan scan;
    size_t pos = 0;
    for (;;) {
      bool last = false;
      if (pos < data.size() && data[pos] == '"') {
        if (!ScanQuoted(data, eof, &pos, &scan, fields, &last)) return scan;
      } else {
        if (!ScanUnquoted(data, eof, &pos, &scan, fields, &last)) return scan;
      }
      if (last) return scan;
    }
  }

 private:
  // Each returns false when `scan` is final (kNeedMore or kBad); sets *last at the end of the row.
  bool ScanUnquoted(std::string_view data, bool eof, size_t* pos, RowScan* scan,
                    std::vector<CsvField>* fields, bool* last) const {
    const char* begin = data.data() + *pos;
    const char* end = data.data() + data.size();
    for (const char* p = begin;;) {
      p = FindAnyOf4(p, end, delimiter_, '"', '\n', '\r');
      size_t at = static_cast<size_t>(p - data.data());
      if (p == end) {
        if (!eof) return NeedMore(scan);
        fields->push_back({*pos, at, false, false});
        return EndRow(data, at, scan, last);
      }
      if (*p == '"') return Bad(data, eof, at, "quote inside an unquoted field", scan);
      if (*p == '\r' && !IsRowEnd(data, eof, at)) {
        if (at + 1 == data.size()) return NeedMore(scan);
        ++p;  // a lone CR is data
        continue;
      }
      fields->push_back({*pos, at, false, false});
      if (*p == delimiter_) {
        *pos = at + 1;
        return true;
      }
      return EndRow(data, at, scan, last);
    }
  }

  bool ScanQuoted(std::string_view data, bool eof, size_t* pos, RowScan* scan,
                  std::vector<CsvField>* fields, bool* last) const {
    const size_t open = *pos;
    size_t at = open + 1;
    bool escaped = false;
    for (;;) {
      const void* quote = std::memchr(data.data() + at, '"', data.size() - at);
      if (quote == nullptr) {
        if (!eof) return NeedMore(scan);
        return Unclosed(data, open, scan);
      }
      at = static_cast<size_t>(static_cast<const char*>(quote) - data.data()) + 1;
      if (at == data.size() && !eof) return NeedMore(scan);  // "" or a closing quote?
      if (at < data.size() && data[at] == '"') {
        escaped = true;
        ++at;
        continue;
      }
      break;
    }
    scan->newlines += std::count(data.data() + open, data.data() + at, '\n');
    fields->push_back({open + 1, at - 1, true, escaped});
    if (at < data.size() && data[at] == delimiter_) {
      *pos = at + 1;
      return true;
    }
    if (at == data.size() || IsRowEnd(data, eof, at)) return EndRow(data, at, scan, last);
    if (data[at] == '\r' && at + 1 == data.size()) return NeedMore(scan);
    const std::string delimiter_name =
        delimiter_ == '\t' ? "a tab" : std::string("'") + delimiter_ + "'";
    return Bad(data, eof, at,
               "unexpected text after a closing quote (expected " + delimiter_name +
                   " or the end of the row)",
               scan);
  }

  // True when a row terminator (LF, CRLF, or CR as the last byte of the file) starts at `at`.
  static bool IsRowEnd(std::string_view data, bool eof, size_t at) {
    if (data[at] == '\n') return true;
    if (data[at] != '\r') return false;
    if (at + 1 < data.size()) return data[at + 1] == '\n';
    return eof;
  }

  // Ends the row at `at`, where a terminator starts (or the data ends).
  static bool EndRow(std::string_view data, size_t at, RowScan* scan, bool* last) {
    if (at < data.size() && data[at] == '\n') {
      ++scan->newlines;
      scan->size = at + 1;
    } else if (at < data.size()) {  // CR: CRLF or a final CR
      bool crlf = at + 1 < data.size() && data[at + 1] == '\n';
      scan->newlines += crlf ? 1 : 0;
      scan->size = at + (crlf ? 2 : 1);
    } else {
      scan->size = at;
    }
    scan->state = RowState::kComplete;
    *last = true;
    return true;
  }

  static bool NeedMore(RowScan* scan) {
    scan->state = RowState::kNeedMore;
    return false;
  }

  // A bad row runs to the end of the physical line holding the problem, where reading resumes.
  static bool Bad(std::string_view data, bool eof, size_t at, std::string reason, RowScan* scan) {
    const void* newline = std::memchr(data.data() + at, '\n', data.size() - at);
    if (newline == nullptr && !eof) return NeedMore(scan);
    scan->state = RowState::kBad;
    scan->bad_at = at;
    scan->reason = std::move(reason);
    scan->size = newline ? static_cast<size_t>(static_cast<const char*>(newline) - data.data()) + 1
                         : data.size();
    scan->newlines = std::count(data.data(), data.data() + scan->size, '\n');
    return false;
  }

  static bool Unclosed(std::string_view data, size_t open, RowScan* scan) {
    scan->state = RowState::kBad;
    scan->bad_at = open;
    scan->unclosed_quote = true;  // the reader words the message: it knows lines and columns
    scan->size = data.size();
    scan->newlines = std::count(data.begin(), data.end(), '\n');
    return false;
  }

  char delimiter_;
};

class CsvReader : public FormatReader {
 public:
  CsvReader(ReaderSource source, const ReaderOptions& options, char delimiter)
      : source_(std::move(source)), options_(options), scanner_(delimiter) {}

  Result<bool> ReadBatch(Batch* batch) override {
    if (done_) return false;
    const uint64_t start = input_offset_ + pos_;
    out_.clear();
    spans_.clear();
    Status status = ReadRows(batch);
    // Rows already converted stay valid even when a later row failed.
    Emit(batch);
    batch->input_bytes += input_offset_ + pos_ - start;
    if (!status.ok()) return Error(std::move(status));
    return !done_;
  }

 private:
  struct Span {
    size_t offset;
    size_t size;
    RecordOrigin origin;
  };

  Status ReadRows(Batch* batch) {
    if (!header_read_) {
      header_read_ = true;
      WINNOW_RETURN_IF_ERROR(ReadMore(std::max<size_t>(options_.batch_bytes, kBom.size())));
      if (std::string_view(input_).starts_with(kBom)) pos_ = kBom.size();
      WINNOW_ASSIGN_OR_RETURN(bool found, NextRow());
      if (!found) {
        done_ = true;
        return Status::OK();
      }
      WINNOW_RETURN_IF_ERROR(Problem());  // a bad header is never skippable
      SetHeader();
      Advance();
    }
    const uint64_t stop = input_offset_ + pos_ + std::max<size_t>(options_.batch_bytes, 1);
    while (input_offset_ + pos_ < stop) {
      WINNOW_ASSIGN_OR_RETURN(bool found, NextRow());
      if (!found) {
        done_ = true;
        break;
      }
      WINNOW_RETURN_IF_ERROR(TakeRow(batch));
      Advance();
    }
    return Status::OK();
  }

  // Scans the next non-blank row into scan_/fields_, reading more input as needed. False at the
  // end of the input.
  Result<bool> NextRow() {
    for (;;) {
      std::string_view data(input_.data() + pos_, input_.size() - pos_);
      if (data.empty() && eof_) return false;
      if (!data.empty()) {
        scan_ = scanner_.Scan(data, eof_, &fields_);
        if (scan_.state == RowState::kBad) return true;
        if (scan_.state == RowState::kComplete) {
          if (scan_.size > options_.max_record_bytes) return Error(TooLong());
          if (!IsBlankRow()) return true;
          Advance();
          continue;
        }
        if (data.size() > options_.max_record_bytes) return Error(TooLong());
      }
      // Read at least as much as is pending so a long row is rescanned O(log n) times, not O(n).
      Status status = ReadMore(std::max(options_.batch_bytes, data.size()));
      if (!status.ok()) return Error(std::move(status));
    }
  }

  bool IsBlankRow() const {
    return fields_.size() == 1 && !fields_[0].quoted && fields_[0].begin == fields_[0].end;
  }

  std::string_view Row() const { return std::string_view(input_.data() + pos_, scan_.size); }

  void Advance() {
    pos_ += scan_.size;
    line_ += scan_.newlines;
  }

  // What is wrong with the scanned row, as an error naming file:line:column; OK for a good row.
  Status Problem() {
    std::string_view row = Row();
    if (scan_.state == RowState::kBad) {
      Position at = PositionIn(scan_.bad_at);
      if (scan_.unclosed_quote) {
        return Status::InvalidInput(
            Where(at) + ": unclosed quote opened at line " + std::to_string(at.line) + ", column " +
            std::to_string(at.column) + " (the field runs to the end of the file)");
      }
      return Status::InvalidInput(Where(at) + ": " + scan_.reason);
    }
    if (!keys_.empty() && fields_.size() > keys_.size()) {
      const CsvField& extra = fields_[keys_.size()];
      return Status::InvalidInput(Where(PositionIn(extra.quoted ? extra.begin - 1 : extra.begin)) +
                                  ": row has " + std::to_string(fields_.size()) +
                                  " fields, header has " + std::to_string(keys_.size()));
    }
    if (!RowIsValidUtf8()) {
      return Status::InvalidInput(Where(PositionIn(FindInvalidUtf8(row))) + ": invalid UTF-8");
    }
    return Status::OK();
  }

  // Checks a read at a time: one SIMD pass up to the last complete line costs far less than a call
  // per row. Only a region holding invalid bytes has its rows checked one by one.
  bool RowIsValidUtf8() {
    const uint64_t row_begin = input_offset_ + pos_;
    if (row_begin + scan_.size > utf8_checked_until_) {
      std::string_view rest(input_.data() + pos_, input_.size() - pos_);
      size_t region =
          eof_ ? rest.size() : rest.rfind('\n') + 1;  // a newline never splits a code point
      region = std::max(region, scan_.size);
      utf8_region_valid_ = IsValidUtf8(rest.substr(0, region));
      utf8_checked_until_ = row_begin + region;
    }
    return utf8_region_valid_ || IsValidUtf8(Row());
  }

  Status TakeRow(Batch* batch) {
    RecordOrigin origin;
    origin.source = source_.name;
    origin.line = line_;
    origin.byte_offset = input_offset_ + pos_;
    origin.index = index_++;
    Status problem = Problem();
    if (problem.ok()) {
      size_t offset = out_.size();
      AppendRowJson();
      spans_.push_back({offset, out_.size() - offset, origin});
      return Status::OK();
    }
    if (options_.on_error == OnError::kFail) return problem;
    std::string_view raw = Row();
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    batch->rejects.push_back({Record::Owned(raw, origin), "reader", problem.message(), {}});
    return Status::OK();
  }

  void SetHeader() {
    std::set<std::string> used;
    keys_.clear();
    for (size_t i = 0; i < fields_.size(); ++i) {
      std::string name(FieldText(fields_[i]));
      if (name.empty()) name = "column_" + std::to_string(i + 1);
      std::string unique = name;
      for (int n = 2; used.count(unique) > 0; ++n) unique = name + "_" + std::to_string(n);
      used.insert(unique);
      std::string key = i == 0 ? "" : ",";
      AppendJsonString(unique, &key);
      key += ':';
      keys_.push_back(std::move(key));
    }
  }

  // The field's value with "" pairs undone (a view into the input or into scratch_).
  std::string_view FieldText(const CsvField& field) {
    std::string_view raw(input_.data() + pos_ + field.begin, field.end - field.begin);
    if (!field.escaped) return raw;
    scratch_.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
      scratch_ += raw[i];
      if (raw[i] == '"') ++i;  // the second quote of a pair
    }
    return scratch_;
  }

  void AppendRowJson() {
    out_ += '{';
    for (size_t i = 0; i < keys_.size(); ++i) {
      out_ += keys_[i];
      if (i < fields_.size()) {
        AppendValue(fields_[i]);
      } else {
        out_ += "null";
      }
    }
    out_ += '}';
  }

  void AppendValue(const CsvField& field) {
    std::string_view text = FieldText(field);
    if (!field.quoted && options_.csv_types == CsvTypes::kInfer) {
      if (text.empty()) {
        out_ += "null";
        return;
      }
      if (text == "true" || text == "True") {
        out_ += "true";
        return;
      }
      if (text == "false" || text == "False") {
        out_ += "false";
        return;
      }
      if (IsLosslessJsonNumber(text)) {
        out_ += text;
        return;
      }
    }
    AppendValidJsonString(text, &out_);
  }

  void Emit(Batch* batch) {
    if (spans_.empty()) return;
    char* buffer = batch->AddBuffer(out_.size());
    std::memcpy(buffer, out_.data(), out_.size());
    for (const Span& span : spans_) {
      batch->records.push_back(
          Record::Borrowed(std::string_view(buffer + span.offset, span.size), span.origin));
    }
  }

  // Drops consumed input, then appends up to `want` bytes from the stream.
  Status ReadMore(size_t want) {
    input_.erase(0, pos_);
    input_offset_ += pos_;
    pos_ = 0;
    if (eof_) return Status::OK();
    size_t filled = input_.size();
    input_.resize(filled + want);
    WINNOW_ASSIGN_OR_RETURN(size_t got, ReadFull(*source_.stream, input_.data() + filled, want));
    if (got < want) eof_ = true;
    input_.resize(filled + got);
    return Status::OK();
  }

  struct Position {
    uint64_t line;
    size_t column;  // 1-based, in code points
  };

  Position PositionIn(size_t offset_in_row) const {
    std::string_view before(input_.data() + pos_, offset_in_row);
    size_t last_newline = before.rfind('\n');
    size_t line_begin = last_newline == std::string_view::npos ? 0 : last_newline + 1;
    return {line_ + std::count(before.begin(), before.end(), '\n'),
            CountCodePoints(before.substr(line_begin)) + 1};
  }

  // "data.csv:12:5: " style prefix.
  std::string Where(Position at) const {
    return Name() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  }

  Status TooLong() const {
    return Status::InvalidInput(Name() + ":" + std::to_string(line_) + ":1: row is longer than " +
                                std::to_string(options_.max_record_bytes) +
                                " bytes (raise --max-record-bytes to read it)");
  }

  std::string Name() const { return source_.name ? *source_.name : source_.stream->name(); }

  ReaderSource source_;
  ReaderOptions options_;
  CsvRowScanner scanner_;
  std::string input_;          // unconverted input; bytes before pos_ are done
  size_t pos_ = 0;             // start of the next row in input_
  uint64_t input_offset_ = 0;  // file offset of input_[0]
  uint64_t line_ = 1;          // line of input_[pos_]
  uint64_t index_ = 0;
  bool eof_ = false;
  bool header_read_ = false;
  bool done_ = false;
  RowScan scan_;
  uint64_t utf8_checked_until_ = 0;  // file offset up to which utf8_region_valid_ speaks
  bool utf8_region_valid_ = false;
  std::vector<CsvField> fields_;
  std::vector<std::string> keys_;  // `"name":` per column, with a leading ',' after the first
  std::string out_;                // this batch's JSON text, copied into one batch buffer
  std::vector<Span> spans_;
  std::string scratch_;
};

}  // namespace

Result<std::unique_ptr<FormatReader>> NewCsvReader(ReaderSource source,
                                                   const ReaderOptions& options, char delimiter) {
  return std::unique_ptr<FormatReader>(new CsvReader(std::move(source), options, delimiter));
}

}  // namespace winnow
