#include "winnow/exec/dag_nodes.h"

namespace winnow {
namespace {

class DatasetWriteNode final : public WriteNode {
 public:
  DatasetWriteNode(const std::string& name, RunShared& shared,
                   std::unique_ptr<DatasetWriter> writer)
      : WriteNode(name, shared, 1), writer_(std::move(writer)) {}

  Status Commit() override { return writer_ ? writer_->Commit() : Status::OK(); }
  std::vector<std::string> paths() const override {
    return writer_ ? writer_->paths() : std::vector<std::string>();
  }

 protected:
  Status Run() override {
    while (std::optional<NodeInbox::Item> item = NextInput()) {
      counters_.Add("in", item->batch.size());
      if (writer_) WINNOW_RETURN_IF_ERROR(writer_->Write(item->batch));
      Emit(std::move(item->batch));  // no children: only counts and keeps the preview
    }
    return Status::OK();
  }

 private:
  std::unique_ptr<DatasetWriter> writer_;  // null in previews: nothing is written
};

}  // namespace

Result<std::unique_ptr<WriteNode>> MakeWriteNode(const std::string& name, StepOptions& options,
                                                 FileSystem& fs, RunShared& shared) {
  WINNOW_ASSIGN_OR_RETURN(std::string path, options.GetString("path", ""));
  if (path.empty()) return Error(Status::InvalidArgument("write needs `path`"));
  DatasetWriterOptions writer;
  WINNOW_ASSIGN_OR_RETURN(std::string format, options.GetString("format", ""));
  if (!format.empty()) {
    WINNOW_ASSIGN_OR_RETURN(Format parsed, ParseFormatName(format));
    writer.format = parsed;
  }
  WINNOW_ASSIGN_OR_RETURN(int64_t max_rows, options.GetInt("max_rows", 0));
  writer.max_rows = static_cast<uint64_t>(std::max<int64_t>(0, max_rows));
  std::unique_ptr<DatasetWriter> dataset;
  if (!shared.preview) {
    WINNOW_ASSIGN_OR_RETURN(dataset, DatasetWriter::Create(fs, path, std::move(writer)));
  }
  return std::unique_ptr<WriteNode>(new DatasetWriteNode(name, shared, std::move(dataset)));
}

}  // namespace winnow
