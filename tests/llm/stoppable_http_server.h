#pragma once

// StoppableHttpServer: a cpp-httplib server for test servers that must hold hundreds of keep-alive
// connections and still stop at once. cpp-httplib 0.11 on its own falls short in three ways, each
// fixed here:
//   - its accept queue holds 5 connections, so a burst of 256 connects stalls for a second in SYN
//     retries: Bind() listens again with a deep queue;
//   - it closes a connection after 5 requests and waits out an idle connection's keep-alive
//     timeout (seconds) before stop() can return: this server keeps a connection for any number of
//     requests and Stop() shuts every open connection down, so it returns as soon as the handlers
//     do;
//   - its thread pool starts all its threads up front: this one starts a thread per connection
//     when none is idle, up to a maximum (a connection holds its thread while it stays open).
// Thread-safety: Bind, Start and Stop are called by the owner, in that order, from one thread;
// handlers run on the worker threads.

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace winnow::testutil {

class StoppableHttpServer : public httplib::Server {
 public:
  // `max_threads` (>= 1): connections served at once; later ones wait in the accept queue.
  explicit StoppableHttpServer(size_t max_threads);
  ~StoppableHttpServer() override;

  // Binds 127.0.0.1:`port` (0: an ephemeral port). Returns the port, or -1 when binding failed.
  int Bind(int port);
  // Serves on a background thread until Stop(); returns once the server accepts connections.
  void Start();
  // Stops accepting, shuts every open connection down and joins all threads. Handlers still
  // running are waited for: their owner must wake them first. Idempotent.
  void Stop();

  // Called from a handler: its response is never sent and the connection closes, so the client
  // sees the server hang up without answering (not even headers).
  static void AbortCurrentResponse();

 private:
  // cpp-httplib runs this for each accepted connection on a worker thread (a private virtual of
  // httplib::Server, overridden to own the keep-alive loop).
  bool process_and_close_socket(socket_t sock) override;
  bool Register(socket_t sock);
  void Unregister(socket_t sock);

  std::thread thread_;
  std::mutex sockets_mutex_;
  std::unordered_set<socket_t> open_sockets_;
  bool stopping_ = false;  // guarded by sockets_mutex_
};

}  // namespace winnow::testutil
