#include "llm/stoppable_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace winnow::testutil {
namespace {

constexpr int kAcceptQueue = 4096;  // the kernel caps it at net.core.somaxconn
constexpr int kReadTimeoutMs = 5000;
constexpr int kWriteTimeoutMs = 5000;
// An idle connection is closed after this long so a client that leaks connections cannot hold
// every thread; Stop() does not wait for it.
constexpr int kIdleTimeoutMs = 60000;

// Starts a worker when a job arrives and none is idle, up to `max_threads`; workers stay until
// shutdown, which cpp-httplib calls once its accept loop has ended.
class GrowingThreadPool : public httplib::TaskQueue {
 public:
  explicit GrowingThreadPool(size_t max_threads) : max_threads_(max_threads) {}

  void enqueue(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { Work(); });
    }
    wake_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      shutdown_ = true;
    }
    wake_.notify_all();
    // No enqueue can race with this: the accept loop that calls it has ended.
    for (std::thread& thread : threads_) thread.join();
  }

 private:
  void Work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      ++idle_;
      wake_.wait(lock, [this] { return shutdown_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  const size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool shutdown_ = false;
};

// Set by AbortCurrentResponse on the worker thread that runs the handler, which is the thread
// that then writes the response.
thread_local bool t_abort_response = false;

// Waits up to `timeout_ms` for `events` on `sock`; true when one (or a hang-up) arrived.
bool PollFor(socket_t sock, short events, int timeout_ms) {
  pollfd fd{sock, events, 0};
  int ready = 0;
  do {
    ready = ::poll(&fd, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

void AddressOf(const sockaddr_storage& address, std::string* ip, int* port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof(text));
    *port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof(text));
    *port = ntohs(v6->sin6_port);
  }
  *ip = text;
}

// A buffered socket stream: cpp-httplib reads request lines one byte at a time, so reads are
// served from a 16 KiB buffer that one recv() fills.
class SocketStream : public httplib::Stream {
 public:
  explicit SocketStream(socket_t sock) : sock_(sock) {}

  bool is_readable() const override {
    return begin_ < end_ || PollFor(sock_, POLLIN, kReadTimeoutMs);
  }
  bool is_writable() const override { return PollFor(sock_, POLLOUT, kWriteTimeoutMs); }

  ssize_t read(char* ptr, size_t size) override {
    if (begin_ == end_) {
      ssize_t filled = Fill();
      if (filled <= 0) return filled;
    }
    const size_t n = std::min(size, end_ - begin_);
    std::copy(buffer_ + begin_, buffer_ + begin_ + n, ptr);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (t_abort_response) return -1;
    for (;;) {
      ssize_t sent = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent >= 0) return sent;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!is_writable()) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, &ip, &port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, &ip, &port);
    }
  }
  socket_t socket() const override { return sock_; }

  // True when a request (or the peer's close, or Stop's shutdown) is ready to be read.
  bool WaitForData(int timeout_ms) const {
    return begin_ < end_ || PollFor(sock_, POLLIN, timeout_ms);
  }

 private:
  // Returns the bytes buffered, 0 at end of stream, -1 on error or read timeout.
  ssize_t Fill() {
    begin_ = end_ = 0;
    for (;;) {
      ssize_t n = ::recv(sock_, buffer_, sizeof(buffer_), MSG_DONTWAIT);
      if (n >= 0) {
        end_ = static_cast<size_t>(n);
        return n;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!PollFor(sock_, POLLIN, kReadTimeoutMs)) return -1;
    }
  }

  socket_t sock_;
  char buffer_[16384];
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace

StoppableHttpServer::StoppableHttpServer(size_t max_threads) {
  // cpp-httplib owns (and deletes) the queue this returns.
  new_task_queue = [max_threads] { return new GrowingThreadPool(max_threads); };
  // Only the "Keep-Alive: timeout=.., max=.." response header reads these; the loop below keeps
  // connections by its own rules.
  set_keep_alive_max_count(1000000);
  set_keep_alive_timeout(kIdleTimeoutMs / 1000);
}

StoppableHttpServer::~StoppableHttpServer() { Stop(); }

int StoppableHttpServer::Bind(int port) {
  int bound = -1;
  if (port == 0) {
    bound = bind_to_any_port("127.0.0.1");
  } else if (bind_to_port("127.0.0.1", port)) {
    bound = port;
  }
  if (bound > 0) ::listen(svr_sock_, kAcceptQueue);  // listening again only deepens the queue
  return bound;
}

void StoppableHttpServer::Start() {
  thread_ = std::thread([this] { listen_after_bind(); });
  for (int i = 0; i < 500 && !is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void StoppableHttpServer::Stop() {
  {
    std::lock_guard<std::mutex> lock(sockets_mutex_);
    stopping_ = true;
    // Shutting a socket down wakes the worker that waits on it; the worker closes it.
    for (socket_t sock : open_sockets_) ::shutdown(sock, SHUT_RDWR);
  }
  stop();
  if (thread_.joinable()) thread_.join();
}

void StoppableHttpServer::AbortCurrentResponse() { t_abort_response = true; }

bool StoppableHttpServer::Register(socket_t sock) {
  std::lock_guard<std::mutex> lock(sockets_mutex_);
  if (stopping_) return false;
  open_sockets_.insert(sock);
  return true;
}

void StoppableHttpServer::Unregister(socket_t sock) {
  // Under the lock, so Stop() never shuts down a descriptor number that close() has freed.
  std::lock_guard<std::mutex> lock(sockets_mutex_);
  open_sockets_.erase(sock);
}

bool StoppableHttpServer::process_and_close_socket(socket_t sock) {
  bool ok = false;
  if (Register(sock)) {
    // cpp-httplib writes headers and body in two sends; without TCP_NODELAY the second waits for
    // the client's delayed ACK (40 ms).
    int one = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    // Compressing every small JSON answer (brotli at its slowest level) would cost more than
    // everything else the server does, and libcurl offers compression by default.
    auto no_compression = [](httplib::Request& request) {
      request.headers.erase("Accept-Encoding");
    };
    SocketStream stream(sock);
    while (stream.WaitForData(kIdleTimeoutMs)) {
      bool connection_closed = false;
      t_abort_response = false;
      ok = process_request(stream, /*close_connection=*/false, connection_closed, no_compression);
      if (!ok || connection_closed) break;
    }
    Unregister(sock);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace winnow::testutil
