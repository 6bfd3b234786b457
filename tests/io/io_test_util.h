#pragma once

// Helpers shared by the io tests: a real temporary folder, a sink into a string, and reading a
// stream to its end.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/io/byte_stream.h"

namespace winnow::testing_util {

// A fresh folder under testing::TempDir(), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string base = ::testing::TempDir();
    if (!base.ends_with('/')) base += '/';
    std::string pattern = base + "winnow-io-XXXXXX";
    const char* made = ::mkdtemp(pattern.data());
    if (made == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Join(std::string_view relative) const { return path_ + "/" + std::string(relative); }

  // Creates `relative` (and its parent folders) holding `contents`.
  void WriteFile(std::string_view relative, std::string_view contents) const {
    std::filesystem::path full = Join(relative);
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  }
  std::string ReadFile(std::string_view relative) const {
    std::ifstream in(Join(relative), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // Names directly in the folder, sorted.
  std::vector<std::string> List() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::string path_;
};

// Appends everything written to a string the test owns.
class StringSink final : public ByteSink {
 public:
  explicit StringSink(std::string* out, bool* closed = nullptr) : out_(out), closed_(closed) {}
  Status Write(std::string_view bytes) override {
    out_->append(bytes);
    return Status::OK();
  }
  Status Close() override {
    if (closed_ != nullptr) *closed_ = true;
    return Status::OK();
  }
  uint64_t bytes_written() const override { return out_->size(); }

 private:
  std::string* out_;
  bool* closed_;
};

// Reads `source` to its end in pieces of `chunk` bytes.
inline Result<std::string> ReadAll(ByteSource& source, size_t chunk = 1 << 16) {
  std::string all;
  std::vector<char> buffer(chunk);
  for (;;) {
    Result<size_t> got = source.Read(buffer.data(), buffer.size());
    if (!got.has_value()) return Error(got.error());
    if (*got == 0) return all;
    all.append(buffer.data(), *got);
  }
}

// `bytes` compressed with NewCompressingSink.
inline std::string Compress(std::string_view bytes, Compression compression, int level = 0) {
  std::string out;
  auto sink = NewCompressingSink(std::make_unique<StringSink>(&out), compression, level);
  EXPECT_TRUE(sink->Write(bytes).ok());
  EXPECT_TRUE(sink->Close().ok());
  return out;
}

// Decompresses `bytes` named `name` through OpenDecompressed, reading `chunk` bytes at a time.
inline Result<std::string> Decompress(std::string bytes, std::string name, size_t chunk = 1 << 16) {
  auto source = OpenDecompressed(NewMemorySource(std::move(bytes), std::move(name)));
  if (!source.has_value()) return Error(source.error());
  return ReadAll(**source, chunk);
}

// Text of `size` bytes that compresses like real data (repetitive but not constant): JSON lines
// from a fixed pseudo-random sequence.
inline std::string SampleText(size_t size) {
  std::string text;
  text.reserve(size + 128);
  uint64_t state = 0x9e3779b97f4a7c15ull;
  for (uint64_t line = 0; text.size() < size; ++line) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    text += "{\"id\":" + std::to_string(line) + ",\"text\":\"word" + std::to_string(state >> 40) +
            " other" + std::to_string((state >> 20) & 0xfff) + "\"}\n";
  }
  text.resize(size);
  return text;
}

// `size` incompressible bytes (a fixed xorshift sequence).
inline std::string RandomBytes(size_t size) {
  std::string bytes(size, '\0');
  uint64_t state = 0x2545f4914f6cdd1dull;
  for (char& byte : bytes) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    byte = static_cast<char>(state >> 56);
  }
  return bytes;
}

// Redirects a standard descriptor (0 or 1) to a file for the lifetime of the object.
class RedirectFd {
 public:
  RedirectFd(int fd, const std::string& file, int flags) : fd_(fd) {
    std::fflush(stdout);  // GoogleTest's own buffered output belongs to the real stdout
    saved_ = ::dup(fd_);
    int replacement = ::open(file.c_str(), flags | O_CLOEXEC, 0644);
    EXPECT_GE(replacement, 0) << file;
    ::dup2(replacement, fd_);
    ::close(replacement);
  }
  ~RedirectFd() {
    std::fflush(stdout);
    ::dup2(saved_, fd_);
    ::close(saved_);
  }
  RedirectFd(const RedirectFd&) = delete;
  RedirectFd& operator=(const RedirectFd&) = delete;

 private:
  int fd_;
  int saved_;
};

}  // namespace winnow::testing_util
