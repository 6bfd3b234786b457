// CSV/TSV writer: one row per record under a header of column names.
//
// Cells: strings as they are, numbers and bools as their JSON text, null empty, arrays and objects
// as compact JSON. A cell is quoted (inner quotes doubled) when it holds the delimiter, a quote,
// CR or LF, or starts or ends with a space or tab. Strings that winnow's CSV reader would
// otherwise read back as something else (empty, or spelled like a number or a bool) are quoted
// too, so writing and reading back keeps every value and its type.

#include <algorithm>

#include "winnow/formats/writer.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

// True for text matching JSON's number grammar (the reader's kInfer turns those into numbers).
bool LooksLikeJsonNumber(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  auto digits = [&] {
    size_t start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < n && text[i] == '-') ++i;
  if (!digits()) return false;
  if (i < n && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

class CsvWriter : public BufferedFormatWriter {
 public:
  CsvWriter(ByteSink& sink, char delimiter, WriterOptions options)
      : BufferedFormatWriter(sink), delimiter_(delimiter), columns_(std::move(options.columns)) {}

  Status Write(const Record& record) override {
    if (!header_written_) {
      if (columns_.empty()) {
        record.ForEachField([&](std::string_view key, simdjson::dom::element) {
          if (std::find(columns_.begin(), columns_.end(), key) == columns_.end()) {
            columns_.emplace_back(key);
          }
        });
      }
      WriteHeader();
    }
    cells_.assign(columns_.size(), simdjson::dom::element());
    present_.assign(columns_.size(), false);
    std::string_view unknown;
    size_t next = 0;
    record.ForEachField([&](std::string_view key, simdjson::dom::element value) {
      size_t column = FindColumn(key, next);
      if (column == columns_.size()) {
        if (unknown.empty()) unknown = key;
        return;
      }
      cells_[column] = value;
      present_[column] = true;
      next = column + 1;
    });
    if (!unknown.empty()) return UnknownField(record, unknown);
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) buffer_ += delimiter_;
      if (present_[i]) AppendCell(cells_[i]);
    }
    buffer_ += '\n';
    return FlushIfFull();
  }

  Status Finish() override {
    // Known columns and no records: the file still gets its header.
    if (!header_written_ && !columns_.empty()) WriteHeader();
    return Flush();
  }

 private:
  void WriteHeader() {
    header_written_ = true;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) buffer_ += delimiter_;
      AppendText(columns_[i], columns_[i].empty());
    }
    buffer_ += '\n';
  }

  // Records usually list fields in column order, so the column after the previous one is tried
  // before a search.
  size_t FindColumn(std::string_view key, size_t hint) const {
    if (hint < columns_.size() && columns_[hint] == key) return hint;
    return static_cast<size_t>(std::find(columns_.begin(), columns_.end(), key) - columns_.begin());
  }

  void AppendCell(simdjson::dom::element value) {
    switch (value.type()) {
      case simdjson::dom::element_type::STRING: {
        std::string_view text = value.get_string().value_unsafe();
        bool ambiguous = text.empty() || text == "true" || text == "false" || text == "True" ||
                         text == "False" || LooksLikeJsonNumber(text);
        AppendText(text, ambiguous);
        return;
      }
      case simdjson::dom::element_type::NULL_VALUE:
        return;
      default:
        scratch_.clear();
        AppendJsonElement(value, &scratch_);
        AppendText(scratch_, false);
    }
  }

  void AppendText(std::string_view text, bool force_quotes) {
    bool quote = force_quotes || text.find_first_of(special_) != std::string_view::npos;
    if (!quote && !text.empty()) {
      quote =
          text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t';
    }
    if (!quote) {
      buffer_ += text;
      return;
    }
    buffer_ += '"';
    for (size_t start = 0;;) {
      size_t q = text.find('"', start);
      if (q == std::string_view::npos) {
        buffer_ += text.substr(start);
        break;
      }
      buffer_ += text.substr(start, q + 1 - start);
      buffer_ += '"';
      start = q + 1;
    }
    buffer_ += '"';
  }

  Status UnknownField(const Record& record, std::string_view field) const {
    std::string message = record.origin().ToString() + ": field ";
    AppendJsonString(field, &message);
    message +=
        delimiter_ == '\t' ? " is not among the TSV columns (" : " is not among the CSV columns (";
    constexpr size_t kShown = 20;
    for (size_t i = 0; i < columns_.size() && i < kShown; ++i) {
      if (i > 0) message += ", ";
      message += columns_[i];
    }
    if (columns_.size() > kShown) message += ", ... " + std::to_string(columns_.size()) + " in all";
    message += "); list columns with --columns";
    return Status::InvalidArgument(std::move(message));
  }

  char delimiter_;
  const std::string special_ = std::string("\"\r\n") + delimiter_;
  std::vector<std::string> columns_;
  bool header_written_ = false;
  std::vector<simdjson::dom::element> cells_;  // this record's value per column
  std::vector<bool> present_;
  std::string scratch_;
};

}  // namespace

std::unique_ptr<FormatWriter> NewCsvWriter(ByteSink& sink, char delimiter, WriterOptions options) {
  return std::make_unique<CsvWriter>(sink, delimiter, std::move(options));
}

}  // namespace winnow
