// The real file system (POSIX) and the stdin/stdout streams.

#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

#include "winnow/common/interrupt.h"
#include "winnow/io/file_system.h"

namespace winnow {
namespace {

// Reads smaller than this go through an internal buffer of this size; larger ones go straight
// into the caller's buffer, so the usual 1 MiB reads cost one read(2) and no copy.
constexpr size_t kReadBufferSize = size_t{256} << 10;
// Writes are gathered into blocks of this size before write(2).
constexpr size_t kWriteBufferSize = size_t{1} << 20;

std::string ErrnoText(int error) {
  char buffer[256];
  // GNU strerror_r: thread-safe, returns a pointer to the message (maybe not into `buffer`).
  return strerror_r(error, buffer, sizeof buffer);
}

// "<path>: <strerror>"; NotFound for ENOENT so callers can tell a missing file from a failure.
Status ErrnoStatus(const std::string& path, int error) {
  std::string message = path + ": " + ErrnoText(error);
  if (error == ENOENT) return Status::NotFound(std::move(message));
  return Status::IoError(std::move(message));
}

// Retries on EINTR (a signal such as SIGWINCH must not fail a read), except after Ctrl-C: then
// the read gives up with errno EINTR so a run blocked on an idle stdin can stop.
ssize_t ReadRetrying(int fd, char* buffer, size_t size) {
  ssize_t got;
  do {
    got = ::read(fd, buffer, size);
  } while (got < 0 && errno == EINTR && !InterruptRequested());
  return got;
}

// Writes everything, retrying on EINTR and short writes (pipes, signals).
Status WriteAll(int fd, const std::string& name, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t put = ::write(fd, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(name, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(put));
  }
  return Status::OK();
}

// A read stream over a file descriptor, closed on destruction when owned (stdin is not).
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owns_fd, std::string name)
      : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {}
  ~FdSource() override {
    if (owns_fd_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  Result<size_t> Read(char* buffer, size_t size) override {
    if (begin_ < end_) {
      size_t n = std::min(size, end_ - begin_);
      std::memcpy(buffer, buffer_.get() + begin_, n);
      begin_ += n;
      return n;
    }
    if (size >= kReadBufferSize) return ReadInto(buffer, size);
    if (buffer_ == nullptr) buffer_ = std::make_unique<char[]>(kReadBufferSize);
    WINNOW_ASSIGN_OR_RETURN(size_t got, ReadInto(buffer_.get(), kReadBufferSize));
    begin_ = std::min(size, got);
    end_ = got;
    std::memcpy(buffer, buffer_.get(), begin_);
    return begin_;
  }
  uint64_t raw_bytes_read() const override { return raw_bytes_read_; }
  const std::string& name() const override { return name_; }

 private:
  Result<size_t> ReadInto(char* buffer, size_t size) {
    ssize_t got = ReadRetrying(fd_, buffer, size);
    if (got < 0 && errno == EINTR) return Error(Status::Cancelled("interrupted"));
    if (got < 0) return Error(ErrnoStatus(name_, errno));
    raw_bytes_read_ += static_cast<uint64_t>(got);
    return static_cast<size_t>(got);
  }

  int fd_;
  bool owns_fd_;
  std::string name_;
  std::unique_ptr<char[]> buffer_;  // allocated on the first small read
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t raw_bytes_read_ = 0;
};

// A buffered write stream over a file descriptor. Close() flushes, and closes the descriptor
// when owned (stdout is only flushed: later output may still need it).
class FdSink final : public ByteSink {
 public:
  FdSink(int fd, bool owns_fd, std::string name)
      : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {
    buffer_.reserve(kWriteBufferSize);
  }
  ~FdSink() override {
    if (owns_fd_ && !closed_) ::close(fd_);
  }
  FdSink(const FdSink&) = delete;
  FdSink& operator=(const FdSink&) = delete;

  Status Write(std::string_view bytes) override {
    if (closed_) return Status::Internal(name_ + ": write after Close()");
    bytes_written_ += bytes.size();
    if (buffer_.size() + bytes.size() <= kWriteBufferSize) {
      buffer_.append(bytes);
      return Status::OK();
    }
    WINNOW_RETURN_IF_ERROR(Flush());
    if (bytes.size() >= kWriteBufferSize) return WriteAll(fd_, name_, bytes);
    buffer_.append(bytes);
    return Status::OK();
  }
  // Idempotent: a second Close() returns the first one's result.
  Status Close() override {
    if (closed_) return close_status_;
    closed_ = true;
    close_status_ = Flush();
    // close(2) can report a delayed write error (NFS, quota); it must not be lost.
    if (owns_fd_ && ::close(fd_) != 0 && close_status_.ok()) {
      close_status_ = ErrnoStatus(name_, errno);
    }
    return close_status_;
  }
  uint64_t bytes_written() const override { return bytes_written_; }

 private:
  Status Flush() {
    Status status = WriteAll(fd_, name_, buffer_);
    buffer_.clear();
    return status;
  }

  int fd_;
  bool owns_fd_;
  std::string name_;
  std::string buffer_;
  uint64_t bytes_written_ = 0;
  bool closed_ = false;
  Status close_status_;
};

// Stateless: every call goes straight to the kernel, so one instance may serve many threads.
class LocalFileSystem final : public FileSystem {
 public:
  Result<std::unique_ptr<ByteSource>> OpenRead(const std::string& path, uint64_t offset) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error(ErrnoStatus(path, errno));
    auto source = std::make_unique<FdSource>(fd, /*owns_fd=*/true, path);
    struct stat info;
    if (::fstat(fd, &info) != 0) return Error(ErrnoStatus(path, errno));
    // open(2) succeeds on a directory; say so now rather than fail with EISDIR on the first read.
    if (S_ISDIR(info.st_mode)) return Error(Status::IoError(path + ": is a directory"));
    if (offset > 0 && ::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
      return Error(ErrnoStatus(path, errno));
    }
    // Inputs are read front to back once: ask for aggressive read-ahead. Only a hint.
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return source;
  }

  Result<std::unique_ptr<ByteSink>> OpenWrite(const std::string& path) override {
    int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) return Error(ErrnoStatus(path, errno));
    return std::make_unique<FdSink>(fd, /*owns_fd=*/true, path);
  }

  Result<FileInfo> Stat(const std::string& path) override {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) return Error(ErrnoStatus(path, errno));
    FileInfo result;
    result.is_directory = S_ISDIR(info.st_mode);
    result.is_special = !S_ISDIR(info.st_mode) && !S_ISREG(info.st_mode);
    if (S_ISREG(info.st_mode)) result.size = static_cast<uint64_t>(info.st_size);
    return result;
  }

  Result<std::vector<std::string>> ListDirectory(const std::string& path) override {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), &::closedir);
    if (dir == nullptr) return Error(ErrnoStatus(path, errno));
    std::vector<std::string> names;
    for (;;) {
      errno = 0;
      const dirent* entry = ::readdir(dir.get());
      if (entry == nullptr) break;
      std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    if (errno != 0) return Error(ErrnoStatus(path, errno));
    std::sort(names.begin(), names.end());
    return names;
  }

  Result<std::vector<std::string>> Glob(const std::string& pattern) override {
    glob_t matches{};
    // Sorted below by bytes rather than by glob(3)'s locale collation, so order is the same
    // on every machine.
    int rc = ::glob(pattern.c_str(), GLOB_NOSORT, nullptr, &matches);
    std::unique_ptr<glob_t, void (*)(glob_t*)> cleanup(&matches, &::globfree);
    if (rc == GLOB_NOMATCH) return std::vector<std::string>();
    if (rc == GLOB_NOSPACE) return Error(Status::IoError(pattern + ": out of memory expanding"));
    if (rc != 0) return Error(Status::IoError(pattern + ": cannot read a folder while expanding"));
    std::vector<std::string> paths(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return Status::IoError("cannot rename " + from + " to " + to + ": " + ErrnoText(errno));
    }
    return Status::OK();
  }

  Status Remove(const std::string& path) override {
    // Removing what is already gone is success: Remove is used for cleanup.
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus(path, errno);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<FileSystem> NewLocalFileSystem() { return std::make_unique<LocalFileSystem>(); }

std::unique_ptr<ByteSource> NewStdinSource() {
  return std::make_unique<FdSource>(STDIN_FILENO, /*owns_fd=*/false, "<stdin>");
}

std::unique_ptr<ByteSink> NewStdoutSink() {
  return std::make_unique<FdSink>(STDOUT_FILENO, /*owns_fd=*/false, "<stdout>");
}

}  // namespace winnow
