#pragma once

// FileSystem: everything winnow does with files goes through this interface, as LevelDB's Env, so
// tests can use an in-memory file system and inject faults. "-" is not special here: the input and
// output layers map it to stdin/stdout.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/io/byte_stream.h"

namespace winnow {

struct FileInfo {
  bool is_directory = false;
  // A device, pipe or socket (/dev/null, a FIFO): something a file cannot be renamed over.
  bool is_special = false;
  uint64_t size = 0;  // bytes, for regular files
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Opens a file for reading from `offset`. NotFound when it does not exist.
  virtual Result<std::unique_ptr<ByteSource>> OpenRead(const std::string& path,
                                                       uint64_t offset = 0) = 0;
  // Creates or truncates a file for writing.
  virtual Result<std::unique_ptr<ByteSink>> OpenWrite(const std::string& path) = 0;
  virtual Result<FileInfo> Stat(const std::string& path) = 0;
  // Entries of a directory (names, not paths), sorted.
  virtual Result<std::vector<std::string>> ListDirectory(const std::string& path) = 0;
  // Paths matching a shell glob (*, ?, [...]), sorted; empty when nothing matches.
  virtual Result<std::vector<std::string>> Glob(const std::string& pattern) = 0;
  // Atomically replaces `to` with `from` (both on this file system).
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Remove(const std::string& path) = 0;
};

// The real file system. Stateless; each call returns a new instance.
std::unique_ptr<FileSystem> NewLocalFileSystem();

// A file system held in memory (for tests). Paths are plain strings; directories are implied by
// the files under them.
class MemoryFileSystem;
std::unique_ptr<MemoryFileSystem> NewMemoryFileSystem();

class MemoryFileSystem : public FileSystem {
 public:
  // Creates or replaces a file.
  virtual void AddFile(const std::string& path, std::string contents) = 0;
  // Contents of a file, or NotFound.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  virtual std::vector<std::string> ListAll() = 0;
};

// stdin / stdout as streams named "<stdin>" / "<stdout>".
std::unique_ptr<ByteSource> NewStdinSource();
std::unique_ptr<ByteSink> NewStdoutSink();

}  // namespace winnow
