#pragma once

// Helpers for the winnow CLI integration tests: run the built `winnow` binary (WINNOW_BINARY) with
// arguments and optional stdin, capturing stdout, stderr and the exit status; a fresh temporary
// folder per test; gzip/zstd through the libraries (not winnow's own code) to build inputs.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace winnow::cli_test {

struct CommandResult {
  int exit_code = -1;  // -1 when the process was killed by a signal
  int term_signal = 0;
  std::string out;
  std::string err;
};

// A running `winnow` with pipes on stdin, stdout and stderr. Not thread-safe; one per test.
class WinnowProcess {
 public:
  explicit WinnowProcess(const std::vector<std::string>& args) {
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        ::pipe2(err, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2: " << std::strerror(errno);
      return;
    }
    // The tests write stdin after the child may have exited: EPIPE, not a fatal SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults, empty;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);  // a shell's background job would otherwise ignore it
    sigemptyset(&empty);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::vector<std::string> argv_strings = {WINNOW_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int rc = ::posix_spawn(&pid_, WINNOW_BINARY, &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    if (rc != 0) {
      ADD_FAILURE() << "posix_spawn " << WINNOW_BINARY << ": " << std::strerror(rc);
      pid_ = -1;
    }
  }
  ~WinnowProcess() {
    for (int fd : {in_, out_, err_}) {
      if (fd >= 0) ::close(fd);
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  WinnowProcess(const WinnowProcess&) = delete;
  WinnowProcess& operator=(const WinnowProcess&) = delete;

  // Queues bytes for stdin; they are written while Wait() drains stdout and stderr.
  void QueueStdin(std::string_view data) { pending_.append(data); }
  // Writes `data` now (small amounts only: a full pipe would block).
  void WriteStdinNow(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::write(in_, data.data(), data.size());
      if (n <= 0) return;
      data.remove_prefix(static_cast<size_t>(n));
    }
  }
  void Signal(int sig) {
    if (pid_ > 0) ::kill(pid_, sig);
  }

  // Writes the queued stdin (then closes it unless `keep_stdin_open`), reads stdout and stderr to
  // their end and reaps the process. Kills it after `timeout`.
  CommandResult Wait(bool keep_stdin_open = false,
                     std::chrono::seconds timeout = std::chrono::seconds(120)) {
    CommandResult result;
    if (pid_ <= 0) return result;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    size_t written = 0;
    if (pending_.empty() && !keep_stdin_open) CloseFd(&in_);
    while (out_ >= 0 || err_ >= 0) {
      std::vector<pollfd> fds;
      if (out_ >= 0) fds.push_back({out_, POLLIN, 0});
      if (err_ >= 0) fds.push_back({err_, POLLIN, 0});
      bool writing = in_ >= 0 && written < pending_.size();
      if (writing) fds.push_back({in_, POLLOUT, 0});
      int ready = ::poll(fds.data(), fds.size(), 100);
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "winnow did not finish within " << timeout.count() << " s";
        ::kill(pid_, SIGKILL);
        deadline += std::chrono::hours(1);
      }
      if (ready <= 0) continue;
      for (const pollfd& p : fds) {
        if (p.revents == 0) continue;
        if (p.fd == in_) {
          ssize_t n = ::write(in_, pending_.data() + written, pending_.size() - written);
          if (n > 0) written += static_cast<size_t>(n);
          if (n < 0 || written == pending_.size()) {
            if (!keep_stdin_open || n < 0) CloseFd(&in_);
          }
          continue;
        }
        int* fd = p.fd == out_ ? &out_ : &err_;
        std::string* sink = p.fd == out_ ? &result.out : &result.err;
        char buffer[65536];
        ssize_t n = ::read(*fd, buffer, sizeof buffer);
        if (n > 0) {
          sink->append(buffer, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          CloseFd(fd);
        }
      }
    }
    CloseFd(&in_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
    return result;
  }

 private:
  static void CloseFd(int* fd) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string pending_;
};

// Runs `winnow ARGS...` with `stdin_data` on stdin and returns what it printed and its status.
inline CommandResult RunWinnow(const std::vector<std::string>& args,
                               std::string_view stdin_data = {}) {
  WinnowProcess process(args);
  process.QueueStdin(stdin_data);
  return process.Wait();
}

// Printable summary for assertion messages.
inline std::string Describe(const CommandResult& result) {
  return "exit " + std::to_string(result.exit_code) + " (signal " +
         std::to_string(result.term_signal) + ")\n--- stderr:\n" + result.err +
         "--- stdout (first 2000 bytes):\n" + result.out.substr(0, 2000);
}

// A fresh folder under testing::TempDir() (mkdtemp), removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string base = ::testing::TempDir();
    if (!base.ends_with('/')) base += '/';
    std::string pattern = base + "winnow-cli-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp " << pattern;
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

  // Creates `relative` (and its parent folders) holding `contents`; returns its full path.
  std::string Write(std::string_view relative, std::string_view contents) const {
    std::filesystem::path full = Join(relative);
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return full.string();
  }
  std::string MakeDir(std::string_view relative) const {
    std::filesystem::create_directories(Join(relative));
    return Join(relative);
  }
  std::string Read(std::string_view relative) const { return ReadPath(Join(relative)); }
  bool Exists(std::string_view relative) const { return std::filesystem::exists(Join(relative)); }

  static std::string ReadPath(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  // Names directly inside `relative` ("" = the folder itself), hidden ones included, sorted.
  std::vector<std::string> List(std::string_view relative = "") const {
    std::vector<std::string> names;
    std::error_code error;
    std::string dir = relative.empty() ? path_ : Join(relative);
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::string path_;
};

// Asserts the failure contract: `exit_code`, and stderr is exactly one line "winnow: ...\n".
inline void ExpectOneLineError(const CommandResult& result, int exit_code) {
  EXPECT_EQ(result.exit_code, exit_code) << Describe(result);
  EXPECT_THAT(result.err, ::testing::StartsWith("winnow: ")) << Describe(result);
  EXPECT_TRUE(result.err.ends_with('\n')) << Describe(result);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << Describe(result);
}

// No "<target>.tmp-..." file left behind by the atomic writer.
inline void ExpectNoTempFiles(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << "temp file left behind: " << name;
  }
}

// `text` as a POSIX extended regex matching itself (for paths inside ContainsRegex).
inline std::string RegexEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

inline std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    lines.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

inline std::string GzipCompress(std::string_view data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  EXPECT_EQ(rc, Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// Decompresses every gzip member of `data`; fails the test on corrupt input.
inline std::string GzipDecompress(std::string_view data) {
  std::string out;
  z_stream stream{};
  inflateInit2(&stream, 15 + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  char buffer[65536];
  for (;;) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    int rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);
      continue;
    }
    if (rc != Z_OK) {
      ADD_FAILURE() << "gzip data does not decompress (zlib " << rc << ")";
      break;
    }
  }
  inflateEnd(&stream);
  return out;
}

inline std::string ZstdCompress(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(size));
  out.resize(size);
  return out;
}

inline std::string ZstdDecompress(std::string_view data) {
  std::string out;
  ZSTD_DCtx* context = ZSTD_createDCtx();
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  char buffer[65536];
  size_t last = 0;
  for (;;) {
    ZSTD_outBuffer chunk{buffer, sizeof buffer, 0};
    last = ZSTD_decompressStream(context, &chunk, &in);
    if (ZSTD_isError(last)) {
      ADD_FAILURE() << "zstd data does not decompress: " << ZSTD_getErrorName(last);
      break;
    }
    out.append(buffer, chunk.pos);
    // Done when the input is used up and the output buffer was not filled (nothing left inside).
    if (in.pos == in.size && chunk.pos < chunk.size) break;
  }
  EXPECT_EQ(last, 0u) << "zstd frame not complete";
  ZSTD_freeDCtx(context);
  return out;
}

}  // namespace winnow::cli_test
