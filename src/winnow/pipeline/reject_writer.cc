#include "winnow/pipeline/reject_writer.h"

#include "winnow/record/json_writer.h"

namespace winnow {

Result<std::unique_ptr<RejectWriter>> RejectWriter::Create(FileSystem& fs, std::string path) {
  WINNOW_ASSIGN_OR_RETURN(auto output, AtomicOutput::Create(fs, std::move(path)));
  return std::unique_ptr<RejectWriter>(new RejectWriter(std::move(output)));
}

void RejectWriter::Format(const RejectedRecord& rejected, std::string* out) {
  const RecordOrigin& origin = rejected.record.origin();
  out->append("{\"step\":");
  AppendJsonString(rejected.step, out);
  out->append(",\"reason\":");
  AppendJsonString(rejected.reason, out);
  if (!rejected.details.empty()) {
    out->append(",\"details\":");
    out->append(rejected.details);
  }
  if (origin.source) {
    out->append(",\"source\":");
    AppendJsonString(*origin.source, out);
  }
  if (origin.line > 0) {
    out->append(",\"line\":");
    AppendJsonInt(static_cast<int64_t>(origin.line), out);
  } else {
    out->append(",\"byte_offset\":");
    AppendJsonInt(static_cast<int64_t>(origin.byte_offset), out);
  }
  if (rejected.record.parsed()) {
    out->append(",\"record\":");
    rejected.record.AppendJson(out);
  } else {
    out->append(",\"raw\":");
    AppendJsonString(rejected.record.text(), out);
  }
  out->push_back('}');
}

Status RejectWriter::Write(const RejectedRecord& rejected) {
  Format(rejected, &buffer_);
  buffer_.push_back('\n');
  ++count_;
  if (buffer_.size() >= (1 << 20)) {
    WINNOW_RETURN_IF_ERROR(output_->sink().Write(buffer_));
    buffer_.clear();
  }
  return Status::OK();
}

Status RejectWriter::Commit() {
  if (!buffer_.empty()) {
    WINNOW_RETURN_IF_ERROR(output_->sink().Write(buffer_));
    buffer_.clear();
  }
  return output_->Commit();
}

}  // namespace winnow
