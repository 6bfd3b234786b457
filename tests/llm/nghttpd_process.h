#pragma once

// NghttpdProcess: nghttp2's reference HTTP/2 server (Debian's nghttp2-server) run on 127.0.0.1,
// so the HTTP/2 paths of winnow's client meet a real HTTP/2 server, with and without TLS.
// nghttpd serves files from a folder and answers a POST with the file at its path, which is
// enough for a fixed chat completion at <folder>/v1/chat/completions. Tests skip when the
// binary is not installed (scripts/install-deps.sh installs it).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace winnow::testutil {

// Where nghttpd is, or "" when it is not installed.
inline std::string FindNghttpd() {
  for (const char* candidate :
       {"/usr/sbin/nghttpd", "/usr/bin/nghttpd", "/usr/local/bin/nghttpd"}) {
    if (::access(candidate, X_OK) == 0) return candidate;
  }
  return "";
}

// A port that was free a moment ago (the kernel's choice for port 0).
inline int FreeLocalPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

inline bool AcceptsConnections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return ok;
}

class NghttpdProcess {
 public:
  // Serves `htdocs` on 127.0.0.1; TLS (HTTP/2 negotiated by ALPN) when key and cert are given,
  // else h2c with prior knowledge. running() says whether it came up within 5 seconds.
  NghttpdProcess(const std::string& binary, const std::string& htdocs,
                 const std::string& key_file = "", const std::string& cert_file = "") {
    for (int attempt = 0; attempt < 3 && pid_ <= 0; ++attempt) {
      port_ = FreeLocalPort();
      std::vector<std::string> args = {binary, "-a", "127.0.0.1", "-d", htdocs};
      if (key_file.empty()) args.push_back("--no-tls");
      args.push_back(std::to_string(port_));
      if (!key_file.empty()) {
        args.push_back(key_file);
        args.push_back(cert_file);
      }
      Spawn(args);
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (pid_ > 0 && !AcceptsConnections(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_ ||
            std::chrono::steady_clock::now() > deadline) {
          Stop();  // exited (port taken) or never listened: try another port
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }
  ~NghttpdProcess() { Stop(); }
  NghttpdProcess(const NghttpdProcess&) = delete;
  NghttpdProcess& operator=(const NghttpdProcess&) = delete;

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }

 private:
  void Spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // Quiet: nghttpd logs nothing without -v, but keep its stdout off the test's output.
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }

  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace winnow::testutil
