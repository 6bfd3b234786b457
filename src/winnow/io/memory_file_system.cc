// MemoryFileSystem: files in a map, for tests. Thread-safe (one mutex), since tests drive it from
// executor threads too.

#include <fnmatch.h>

#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>

#include "winnow/io/file_system.h"

namespace winnow {
namespace {

// Spellings of one path ("./a/b", "a/b/") map to one key ("a/b"), as they would on disk.
std::string Normalize(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  if (path == ".") return "";
  return std::string(path);
}

// The prefix that every path inside directory `dir` (normalized) starts with; "" is the root of
// relative paths.
std::string ChildPrefix(const std::string& dir) {
  if (dir.empty()) return "";
  return dir.ends_with('/') ? dir : dir + "/";
}

// Holds the bytes until Close(), then stores them: a reader never sees half a file.
class MemoryFileSink final : public ByteSink {
 public:
  MemoryFileSink(MemoryFileSystem& fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  Status Write(std::string_view bytes) override {
    if (closed_) return Status::Internal(path_ + ": write after Close()");
    contents_.append(bytes);
    bytes_written_ += bytes.size();
    return Status::OK();
  }
  Status Close() override {
    if (!closed_) {
      closed_ = true;
      fs_.AddFile(path_, std::move(contents_));
    }
    return Status::OK();
  }
  uint64_t bytes_written() const override { return bytes_written_; }

 private:
  MemoryFileSystem& fs_;
  std::string path_;
  std::string contents_;
  uint64_t bytes_written_ = 0;
  bool closed_ = false;
};

class MemoryFileSystemImpl final : public MemoryFileSystem {
 public:
  Result<std::unique_ptr<ByteSource>> OpenRead(const std::string& path, uint64_t offset) override {
    WINNOW_ASSIGN_OR_RETURN(std::string contents, ReadFile(path));
    contents.erase(0, std::min<uint64_t>(offset, contents.size()));
    return NewMemorySource(std::move(contents), path);
  }

  Result<std::unique_ptr<ByteSink>> OpenWrite(const std::string& path) override {
    // Like O_TRUNC on disk: the file exists, empty, from the moment it is opened.
    AddFile(path, "");
    return std::make_unique<MemoryFileSink>(*this, path);
  }

  Result<FileInfo> Stat(const std::string& path) override {
    std::lock_guard lock(mutex_);
    std::string key = Normalize(path);
    FileInfo info;
    if (auto it = files_.find(key); it != files_.end()) {
      info.size = it->second.size();
      return info;
    }
    if (!HasChildrenLocked(key)) return Error(Status::NotFound(path + ": no such file"));
    info.is_directory = true;
    return info;
  }

  Result<std::vector<std::string>> ListDirectory(const std::string& path) override {
    std::lock_guard lock(mutex_);
    std::string key = Normalize(path);
    if (files_.count(key) > 0) return Error(Status::IoError(path + ": not a directory"));
    std::string prefix = ChildPrefix(key);
    std::set<std::string> names;
    for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
      std::string_view rest = it->first;
      if (!rest.starts_with(prefix)) break;
      rest.remove_prefix(prefix.size());
      // Below the root, only relative paths count: "/x" is not inside "".
      if (prefix.empty() && rest.starts_with('/')) continue;
      names.emplace(rest.substr(0, rest.find('/')));
    }
    if (names.empty() && !key.empty()) return Error(Status::NotFound(path + ": no such folder"));
    return std::vector<std::string>(names.begin(), names.end());
  }

  Result<std::vector<std::string>> Glob(const std::string& pattern) override {
    std::lock_guard lock(mutex_);
    // Directories are implied by files, and glob(3) matches them too: collect both.
    std::set<std::string> candidates;
    for (const auto& [path, contents] : files_) {
      for (size_t slash = path.find('/', 1); slash != std::string::npos;
           slash = path.find('/', slash + 1)) {
        candidates.insert(path.substr(0, slash));
      }
      candidates.insert(path);
    }
    std::string normalized = Normalize(pattern);
    std::vector<std::string> matches;
    for (const auto& path : candidates) {
      // FNM_PATHNAME: '*' stops at '/', FNM_PERIOD: hidden names need an explicit '.', as in
      // glob(3).
      if (fnmatch(normalized.c_str(), path.c_str(), FNM_PATHNAME | FNM_PERIOD) == 0) {
        matches.push_back(path);
      }
    }
    return matches;  // std::set iteration order: already sorted
  }

  Status Rename(const std::string& from, const std::string& to) override {
    std::lock_guard lock(mutex_);
    auto it = files_.find(Normalize(from));
    if (it == files_.end()) return Status::NotFound("cannot rename " + from + ": no such file");
    std::string contents = std::move(it->second);
    files_.erase(it);
    files_[Normalize(to)] = std::move(contents);
    return Status::OK();
  }

  Status Remove(const std::string& path) override {
    std::lock_guard lock(mutex_);
    files_.erase(Normalize(path));
    return Status::OK();
  }

  void AddFile(const std::string& path, std::string contents) override {
    std::lock_guard lock(mutex_);
    files_[Normalize(path)] = std::move(contents);
  }

  Result<std::string> ReadFile(const std::string& path) override {
    std::lock_guard lock(mutex_);
    auto it = files_.find(Normalize(path));
    if (it == files_.end()) return Error(Status::NotFound(path + ": no such file"));
    return it->second;
  }

  std::vector<std::string> ListAll() override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> paths;
    paths.reserve(files_.size());
    for (const auto& [path, contents] : files_) paths.push_back(path);
    return paths;
  }

 private:
  bool HasChildrenLocked(const std::string& key) const {
    std::string prefix = ChildPrefix(key);
    if (prefix.empty()) return true;  // the root of relative paths always exists
    auto it = files_.lower_bound(prefix);
    return it != files_.end() && it->first.starts_with(prefix);
  }

  std::mutex mutex_;
  std::map<std::string, std::string> files_;  // normalized path -> contents
};

}  // namespace

std::unique_ptr<MemoryFileSystem> NewMemoryFileSystem() {
  return std::make_unique<MemoryFileSystemImpl>();
}

}  // namespace winnow
