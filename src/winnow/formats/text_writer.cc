// Text writer: one line per record holding the text of options.text_field — a string as it is,
// null as an empty line, anything else as its compact JSON. CR and LF inside the text are written
// as the two characters \r and \n so each record stays on one line. A record without the field is
// an error: silently writing blank lines would lose the data.

#include "winnow/formats/writer.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

class TextWriter : public BufferedFormatWriter {
 public:
  TextWriter(ByteSink& sink, WriterOptions options)
      : BufferedFormatWriter(sink), field_(std::move(options.text_field)) {}

  Status Write(const Record& record) override {
    auto value = record.Field(field_);
    if (value.error()) {
      std::string message = record.origin().ToString() + ": record has no field ";
      AppendJsonString(field_, &message);
      message += " to write as text (choose the field with --text-field)";
      return Status::InvalidArgument(std::move(message));
    }
    simdjson::dom::element element = value.value_unsafe();
    if (element.is_string()) {
      AppendLine(element.get_string().value_unsafe());
    } else if (!element.is_null()) {
      scratch_.clear();
      AppendJsonElement(element, &scratch_);
      AppendLine(scratch_);  // compact JSON has no raw newlines
    }
    buffer_ += '\n';
    return FlushIfFull();
  }

  Status Finish() override { return Flush(); }

 private:
  void AppendLine(std::string_view text) {
    size_t start = 0;
    for (size_t i = text.find_first_of("\r\n"); i != std::string_view::npos;
         i = text.find_first_of("\r\n", start)) {
      buffer_ += text.substr(start, i - start);
      buffer_ += text[i] == '\n' ? "\\n" : "\\r";
      start = i + 1;
    }
    buffer_ += text.substr(start);
  }

  std::string field_;
  std::string scratch_;
};

}  // namespace

std::unique_ptr<FormatWriter> NewTextWriter(ByteSink& sink, WriterOptions options) {
  return std::make_unique<TextWriter>(sink, std::move(options));
}

}  // namespace winnow
