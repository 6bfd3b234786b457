#include "winnow/io/atomic_output.h"

#include <unistd.h>

#include <atomic>
#include <utility>

namespace winnow {
namespace {

// "<target>.tmp-<pid>-<n>": beside the target so the final rename(2) stays on one file system;
// the pid keeps concurrent winnow processes apart and `n` keeps this process's outputs apart.
std::string TempPathFor(const std::string& path) {
  // The one piece of process-wide state here: a counter that only ever increases, so that two
  // AtomicOutputs for the same target (a retry, or two threads) never share a temporary file.
  static std::atomic<uint64_t> next_id{0};
  uint64_t id = next_id.fetch_add(1, std::memory_order_relaxed);
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(id);
}

// Stands in for the real sink after Abort().
class AbortedSink final : public ByteSink {
 public:
  explicit AbortedSink(std::string path) : path_(std::move(path)) {}
  Status Write(std::string_view) override { return Aborted(); }
  Status Close() override { return Aborted(); }
  uint64_t bytes_written() const override { return 0; }

 private:
  Status Aborted() const { return Status::Internal(path_ + ": output was aborted"); }
  std::string path_;
};

}  // namespace

AtomicOutput::AtomicOutput(FileSystem& fs, std::string path, std::string temp_path,
                           std::unique_ptr<ByteSink> sink)
    : fs_(fs), path_(std::move(path)), temp_path_(std::move(temp_path)), sink_(std::move(sink)) {}

Result<std::unique_ptr<AtomicOutput>> AtomicOutput::Create(FileSystem& fs, std::string path) {
  if (path == "-") {
    return std::unique_ptr<AtomicOutput>(
        new AtomicOutput(fs, std::move(path), "", NewStdoutSink()));
  }
  auto existing = fs.Stat(path);
  if (existing.has_value() && existing->is_special) {
    // -o /dev/null or a named pipe: renaming a temp file over it would replace the device, so
    // write to it directly (there is nothing to leave half-written).
    auto file = fs.OpenWrite(path);
    if (!file.has_value()) return Error(file.error());
    auto sink = NewCompressingSink(std::move(*file), CompressionFromExtension(path));
    return std::unique_ptr<AtomicOutput>(
        new AtomicOutput(fs, std::move(path), "", std::move(sink)));
  }
  std::string temp_path = TempPathFor(path);
  auto file = fs.OpenWrite(temp_path);
  if (!file.has_value()) {
    // The temporary name means nothing to the user; the target they asked for does.
    return Error(
        Status(file.error().code(), path + ": cannot create output: " + file.error().message()));
  }
  auto sink = NewCompressingSink(std::move(*file), CompressionFromExtension(path));
  return std::unique_ptr<AtomicOutput>(
      new AtomicOutput(fs, std::move(path), std::move(temp_path), std::move(sink)));
}

AtomicOutput::~AtomicOutput() {
  if (!done_) Abort();
}

Status AtomicOutput::Commit() {
  if (done_) return Status::OK();
  WINNOW_RETURN_IF_ERROR(sink_->Close());
  if (!temp_path_.empty()) WINNOW_RETURN_IF_ERROR(fs_.Rename(temp_path_, path_));
  done_ = true;
  return Status::OK();
}

void AtomicOutput::Abort() {
  if (done_) return;  // committed: the file is in place and stays
  if (!temp_path_.empty()) {
    // Closing first releases the descriptor; its error does not matter, the bytes are discarded.
    (void)sink_->Close();
    (void)fs_.Remove(temp_path_);
    temp_path_.clear();
  }
  // For stdout, dropping the sink unflushed discards only what was still buffered.
  // Later writes, and a Commit(), now fail rather than report success for a file that is gone.
  sink_ = std::make_unique<AbortedSink>(path_);
}

Status WriteFileAtomically(FileSystem& fs, const std::string& path, std::string_view contents) {
  WINNOW_ASSIGN_OR_RETURN(auto output, AtomicOutput::Create(fs, path));
  WINNOW_RETURN_IF_ERROR(output->sink().Write(contents));
  return output->Commit();
}

}  // namespace winnow
