#include <fmt/format.h>

#include "winnow/exec/dag_nodes.h"
#include "winnow/formats/dataset_reader.h"
#include "winnow/io/input_set.h"

namespace winnow {
namespace {

class ReadNode final : public DagNode {
 public:
  ReadNode(const std::string& name, RunShared& shared, std::unique_ptr<DatasetReader> reader,
           OnError on_error)
      : DagNode(name, shared, 0), reader_(std::move(reader)), on_error_(on_error) {}

 protected:
  Status Run() override {
    uint64_t next_row = 0;
    while (!aborted()) {
      Batch batch;
      WINNOW_ASSIGN_OR_RETURN(bool more, reader_->ReadBatch(&batch));
      for (RejectedRecord& rejected : batch.rejects) {
        WINNOW_RETURN_IF_ERROR(shared_.outcomes->Reject(rejected));
      }
      batch.rejects.clear();
      size_t kept = 0;
      uint64_t beyond_limit = 0;
      for (size_t i = 0; i < batch.records.size(); ++i) {
        if (shared_.limit > 0 && next_row >= shared_.limit) {
          beyond_limit = batch.records.size() - i;
          break;
        }
        Record& record = batch.records[i];
        record.mutable_origin().row = next_row++;
        Status parsed = record.Parse(parser_);
        if (!parsed.ok()) {
          if (on_error_ == OnError::kFail) return parsed;
          RejectedRecord rejected{std::move(record), "reader", parsed.message(), {}};
          WINNOW_RETURN_IF_ERROR(shared_.outcomes->Reject(rejected));
          continue;
        }
        if (kept != i) batch.records[kept] = std::move(record);
        ++kept;
      }
      batch.records.resize(kept);
      counters_.Add("in", kept);
      if (!Emit(std::move(batch))) return Status::OK();
      if (!more) break;
      if (shared_.limit > 0 && next_row >= shared_.limit) {
        if (shared_.preview_rows > 0) return CountRest(next_row + beyond_limit);
        break;
      }
    }
    counters_.Add("total", next_row);
    return Status::OK();
  }

  // A dry run reads on without parsing, to know how many rows a real run would see.
  Status CountRest(uint64_t seen) {
    uint64_t total = seen;
    bool more = true;
    while (more && !aborted()) {
      Batch batch;
      WINNOW_ASSIGN_OR_RETURN(more, reader_->ReadBatch(&batch));
      total += batch.records.size();
    }
    counters_.Add("total", total);
    return Status::OK();
  }

 private:
  std::unique_ptr<DatasetReader> reader_;
  OnError on_error_;
};

}  // namespace

Result<std::unique_ptr<DagNode>> MakeReadNode(const std::string& name, StepOptions& options,
                                              FileSystem& fs, RunShared& shared) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> paths, options.GetList("path", ""));
  if (paths.empty()) return Error(Status::InvalidArgument("read needs `path`"));
  ReaderOptions reader;
  WINNOW_ASSIGN_OR_RETURN(std::string format, options.GetString("format", ""));
  if (!format.empty()) {
    WINNOW_ASSIGN_OR_RETURN(Format parsed, ParseFormatName(format));
    reader.format = parsed;
  }
  WINNOW_ASSIGN_OR_RETURN(std::string unit, options.GetString("text_unit", "auto"));
  reader.text_unit = unit == "line"   ? TextUnit::kLine
                     : unit == "file" ? TextUnit::kFile
                                      : TextUnit::kAuto;
  WINNOW_ASSIGN_OR_RETURN(reader.text_field, options.GetString("text_field", "text"));
  WINNOW_ASSIGN_OR_RETURN(std::string csv_types, options.GetString("csv_types", "infer"));
  reader.csv_types = csv_types == "string" ? CsvTypes::kString : CsvTypes::kInfer;
  WINNOW_ASSIGN_OR_RETURN(std::string on_error, options.GetString("on_error", "fail"));
  if (on_error != "fail" && on_error != "skip") {
    return Error(Status::InvalidArgument("on_error must be fail or skip"));
  }
  reader.on_error = on_error == "skip" ? OnError::kSkip : OnError::kFail;
  WINNOW_ASSIGN_OR_RETURN(std::vector<InputFile> files, ExpandInputs(fs, paths));
  WINNOW_ASSIGN_OR_RETURN(auto dataset, DatasetReader::Open(fs, std::move(files), {}, reader));
  return std::unique_ptr<DagNode>(new ReadNode(name, shared, std::move(dataset), reader.on_error));
}

}  // namespace winnow
