#pragma once

// RejectWriter: the reject sink as a JSONL file. One line per rejected record:
//   {"step":"gopher_repetition","reason":"dup_line_frac 0.41 > 0.30",
//    "source":"data/train.jsonl","line":17,"record":{...}}
// Records that could not be parsed carry "raw" (their text) instead of "record".

#include <memory>
#include <string>

#include "winnow/io/atomic_output.h"
#include "winnow/io/file_system.h"
#include "winnow/pipeline/sink.h"

namespace winnow {

class RejectWriter : public RejectSink {
 public:
  static Result<std::unique_ptr<RejectWriter>> Create(FileSystem& fs, std::string path);
  Status Write(const RejectedRecord& rejected) override;
  Status Commit() override;
  uint64_t count() const { return count_; }
  const std::string& path() const { return output_->path(); }

  // The JSON line for one rejected record (no newline); shared with tests.
  static void Format(const RejectedRecord& rejected, std::string* out);

 private:
  explicit RejectWriter(std::unique_ptr<AtomicOutput> output) : output_(std::move(output)) {}
  std::unique_ptr<AtomicOutput> output_;
  std::string buffer_;
  uint64_t count_ = 0;
};

}  // namespace winnow
