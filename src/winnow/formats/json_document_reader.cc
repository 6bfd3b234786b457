// JSON document reader: a .json file holding one pretty-printed object (not an array, not JSON
// Lines) is one record. Bounded by max_record_bytes like every other record.

#include <cstring>

#include "winnow/formats/reader.h"

namespace winnow {
namespace {

class JsonDocumentReader : public FormatReader {
 public:
  JsonDocumentReader(ReaderSource source, const ReaderOptions& options)
      : source_(std::move(source)), options_(options) {}

  Result<bool> ReadBatch(Batch* batch) override {
    if (done_) return false;
    done_ = true;
    std::string text;
    char chunk[1 << 16];
    for (;;) {
      WINNOW_ASSIGN_OR_RETURN(size_t got, source_.stream->Read(chunk, sizeof chunk));
      if (got == 0) break;
      text.append(chunk, got);
      if (text.size() > options_.max_record_bytes) {
        return Error(Status::InvalidInput((source_.name ? *source_.name : std::string("<input>")) +
                                          ": JSON document is longer than " +
                                          std::to_string(options_.max_record_bytes) +
                                          " bytes (raise --max-record-bytes to read it)"));
      }
    }
    size_t skip = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    char* buffer = batch->AddBuffer(text.size() - skip);
    std::memcpy(buffer, text.data() + skip, text.size() - skip);
    RecordOrigin origin;
    origin.source = source_.name;
    origin.line = 1;
    origin.byte_offset = skip;
    batch->records.push_back(
        Record::Borrowed(std::string_view(buffer, text.size() - skip), origin));
    batch->input_bytes += text.size();
    return false;
  }

 private:
  ReaderSource source_;
  ReaderOptions options_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<FormatReader>> NewJsonDocumentReader(ReaderSource source,
                                                            const ReaderOptions& options) {
  return std::unique_ptr<FormatReader>(new JsonDocumentReader(std::move(source), options));
}

}  // namespace winnow
