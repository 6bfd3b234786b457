#pragma once

// DatasetReader: reads records from a list of input files in order, whatever their format and
// compression, restricted to one --shard. This is what every command and pipeline reader uses.

#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/formats/reader.h"
#include "winnow/io/file_system.h"
#include "winnow/io/input_set.h"
#include "winnow/record/batch.h"

namespace winnow {

class DatasetReader {
 public:
  // `fs` must outlive the reader. Fails when a file's format is unknown or unsupported.
  static Result<std::unique_ptr<DatasetReader>> Open(FileSystem& fs, std::vector<InputFile> files,
                                                     ShardSpec shard, ReaderOptions options);

  // Appends the next records to `batch` (records of one file at most). False when all are read.
  Result<bool> ReadBatch(Batch* batch);

  // Sum of the on-disk sizes of the files this shard reads (0 when unknown, e.g. stdin), and the
  // on-disk bytes consumed so far: progress and ETA compare the two.
  uint64_t total_bytes() const { return total_bytes_; }
  uint64_t bytes_read() const;

  const std::vector<InputFile>& files() const { return files_; }
  // Messages about inputs that are suspicious but not errors ("x.jsonl: empty file").
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  DatasetReader(FileSystem& fs, std::vector<InputFile> files, ShardSpec shard,
                ReaderOptions options);
  Status OpenNext();  // opens the next file that has bytes in this shard; sets current_ or done_

  struct Plan {
    size_t file = 0;
    SourceRange range;
  };

  FileSystem& fs_;
  std::vector<InputFile> files_;
  std::vector<std::unique_ptr<std::string>> names_;  // stable storage for RecordOrigin::source
  ShardSpec shard_;
  ReaderOptions options_;
  std::vector<Plan> plans_;
  size_t next_plan_ = 0;
  std::unique_ptr<FormatReader> current_;
  const ByteSource* current_stream_ = nullptr;  // owned by current_
  uint64_t current_records_ = 0;
  size_t current_file_ = 0;
  uint64_t finished_bytes_ = 0;
  uint64_t total_bytes_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace winnow
