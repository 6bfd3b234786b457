#include "winnow/formats/dataset_writer.h"

#include <fmt/format.h>

namespace winnow {
namespace {

// "out.jsonl.gz" -> ("out", ".jsonl.gz"): shard numbers go between stem and extensions.
std::pair<std::string, std::string> SplitExtensions(const std::string& path) {
  std::string_view base = StripCompressionExtension(path);
  size_t slash = base.find_last_of('/');
  size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;
  size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot <= name_start) dot = base.size();
  return {path.substr(0, dot), path.substr(dot)};
}

}  // namespace

DatasetWriter::DatasetWriter(FileSystem& fs, std::string path, DatasetWriterOptions options,
                             Format format)
    : fs_(fs), path_(std::move(path)), options_(std::move(options)), format_(format) {}

Result<std::unique_ptr<DatasetWriter>> DatasetWriter::Create(FileSystem& fs, std::string path,
                                                             DatasetWriterOptions options) {
  std::optional<Format> format = options.format;
  if (!format) {
    if (path == "-") {
      format = Format::kJsonl;
    } else {
      format = FormatFromPath(path);
      // ".json" output means a JSON array; ".jsonl" lines.
      std::string_view base = StripCompressionExtension(path);
      if (base.ends_with(".json")) format = Format::kJsonArray;
    }
  }
  if (!format) {
    return Error(Status::InvalidArgument(
        path +
        ": cannot tell the output format from the extension (use .jsonl, .json, .csv, "
        ".tsv, .txt, optionally .gz/.zst, or --output-format)"));
  }
  if (path == "-" && (options.max_rows > 0 || options.max_bytes > 0)) {
    return Error(Status::InvalidArgument("cannot split stdout into shards; give an output path"));
  }
  std::unique_ptr<DatasetWriter> writer(
      new DatasetWriter(fs, std::move(path), std::move(options), *format));
  WINNOW_RETURN_IF_ERROR(writer->OpenShard());
  return writer;
}

Status DatasetWriter::OpenShard() {
  if (writer_) WINNOW_RETURN_IF_ERROR(writer_->Finish());
  std::string target = path_;
  if (sharded()) {
    auto [stem, ext] = SplitExtensions(path_);
    target = fmt::format("{}-{:05}{}", stem, outputs_.size(), ext);
  }
  WINNOW_ASSIGN_OR_RETURN(auto output, AtomicOutput::Create(fs_, target));
  WINNOW_ASSIGN_OR_RETURN(writer_, NewFormatWriter(format_, output->sink(), options_.writer));
  outputs_.push_back(std::move(output));
  shard_rows_ = 0;
  return Status::OK();
}

Status DatasetWriter::WriteRecord(const Record& record) {
  if (sharded() && shard_rows_ > 0 &&
      ((options_.max_rows > 0 && shard_rows_ >= options_.max_rows) ||
       (options_.max_bytes > 0 && writer_->bytes() >= options_.max_bytes))) {
    WINNOW_RETURN_IF_ERROR(OpenShard());
  }
  WINNOW_RETURN_IF_ERROR(writer_->Write(record));
  ++shard_rows_;
  ++rows_;
  return Status::OK();
}

Status DatasetWriter::Write(const Batch& batch) {
  for (const auto& record : batch.records) WINNOW_RETURN_IF_ERROR(WriteRecord(record));
  return Status::OK();
}

Status DatasetWriter::Commit() {
  if (committed_) return Status::OK();
  WINNOW_RETURN_IF_ERROR(writer_->Finish());
  writer_.reset();
  final_paths_.clear();
  size_t count = outputs_.size();
  for (size_t i = 0; i < count; ++i) {
    if (sharded()) {
      auto [stem, ext] = SplitExtensions(path_);
      outputs_[i]->Retarget(fmt::format("{}-{:05}-of-{:05}{}", stem, i, count, ext));
    }
    WINNOW_RETURN_IF_ERROR(outputs_[i]->Commit());
    final_paths_.push_back(outputs_[i]->path());
  }
  committed_ = true;
  return Status::OK();
}

}  // namespace winnow
