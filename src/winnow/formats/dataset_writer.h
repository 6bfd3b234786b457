#pragma once

// DatasetWriter: the output side of a run. Writes records to one file, or to shards when
// max_rows or max_bytes is set ("out.jsonl" -> "out-00000-of-00003.jsonl", Hugging Face style),
// each through an AtomicOutput: nothing appears under the final names until Commit(), and an
// uncommitted writer removes its temporary files.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/formats/writer.h"
#include "winnow/io/atomic_output.h"
#include "winnow/io/file_system.h"
#include "winnow/pipeline/sink.h"

namespace winnow {

struct DatasetWriterOptions {
  std::optional<Format> format;  // default: from the path's extension (jsonl for "-")
  uint64_t max_rows = 0;         // rows per shard; 0 = no limit
  uint64_t max_bytes = 0;        // uncompressed bytes per shard (approximate: checked per record)
  WriterOptions writer;
};

class DatasetWriter : public RecordSink {
 public:
  static Result<std::unique_ptr<DatasetWriter>> Create(FileSystem& fs, std::string path,
                                                       DatasetWriterOptions options);
  Status Write(const Batch& batch) override;
  Status WriteRecord(const Record& record);
  // Finishes every shard and moves all of them into place.
  Status Commit() override;
  // Final paths (after Commit) or planned ones.
  const std::vector<std::string>& paths() const { return final_paths_; }
  uint64_t rows_written() const { return rows_; }

 private:
  DatasetWriter(FileSystem& fs, std::string path, DatasetWriterOptions options, Format format);
  Status OpenShard();
  bool sharded() const { return options_.max_rows > 0 || options_.max_bytes > 0; }

  FileSystem& fs_;
  std::string path_;
  DatasetWriterOptions options_;
  Format format_;
  std::vector<std::unique_ptr<AtomicOutput>> outputs_;
  std::unique_ptr<FormatWriter> writer_;
  uint64_t rows_ = 0;
  uint64_t shard_rows_ = 0;
  std::vector<std::string> final_paths_;
  bool committed_ = false;
};

}  // namespace winnow
