#pragma once

// AtomicOutput: an output file that appears complete or not at all. Bytes go to a temporary file
// beside the target ("<target>.tmp-<pid>-<n>"); Commit() closes it and renames it over the target.
// Destroying an uncommitted AtomicOutput removes the temporary file, so a failed or interrupted run
// leaves no half-written output. Compression follows the target's extension (.gz, .zst).
// The path "-" writes to stdout (not atomic: there is nothing to rename).

#include <memory>
#include <string>

#include "winnow/common/status.h"
#include "winnow/io/byte_stream.h"
#include "winnow/io/file_system.h"

namespace winnow {

class AtomicOutput {
 public:
  // `fs` must outlive the AtomicOutput.
  static Result<std::unique_ptr<AtomicOutput>> Create(FileSystem& fs, std::string path);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  ByteSink& sink() { return *sink_; }
  const std::string& path() const { return path_; }
  // Changes the final path before Commit() (sharded outputs learn their "-of-N" name last).
  void Retarget(std::string path) { path_ = std::move(path); }
  // Finishes the file and moves it into place. Idempotent after success.
  Status Commit();
  // Removes the temporary file (also done by the destructor when not committed).
  void Abort();

 private:
  AtomicOutput(FileSystem& fs, std::string path, std::string temp_path,
               std::unique_ptr<ByteSink> sink);
  FileSystem& fs_;
  std::string path_;
  std::string temp_path_;  // empty for stdout
  std::unique_ptr<ByteSink> sink_;
  bool done_ = false;
};

// Writes `contents` to `path` atomically (a report, a summary): all of it or nothing.
Status WriteFileAtomically(FileSystem& fs, const std::string& path, std::string_view contents);

}  // namespace winnow
