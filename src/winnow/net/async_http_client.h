#pragma once

// AsyncHttpClient: many HTTP requests in flight on one thread over libcurl's multi interface, with
// connections (HTTP/1.1 keep-alive, HTTP/2 multiplexing) reused between requests. The caller
// starts requests whenever it likes and collects finished ones with Poll, so a scheduler can keep
// a sliding window full instead of waiting for a whole batch.
//
// Thread-safety: one thread owns a client and calls Start/Poll; any thread may call Wakeup to make
// a waiting Poll return early (to start newly queued work).

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/net/http_message.h"

namespace winnow {

class AsyncHttpClient {
 public:
  // Initialises libcurl process-wide on first use (once, thread-safely).
  AsyncHttpClient();
  ~AsyncHttpClient();
  AsyncHttpClient(const AsyncHttpClient&) = delete;
  AsyncHttpClient& operator=(const AsyncHttpClient&) = delete;

  // Starts `request`; its response comes back from Poll with `tag`. Errors only for libcurl
  // failures (out of memory); a request that fails in transport is reported in its response.
  Status Start(HttpRequest request, uint64_t tag);

  // Drives transfers, waiting up to `max_wait_ms` for activity or a Wakeup, and appends the
  // requests that finished as (tag, response).
  Status Poll(int max_wait_ms, std::vector<std::pair<uint64_t, HttpResponse>>* finished);

  // Makes a Poll that is waiting return now. Safe from any thread.
  void Wakeup();

  size_t in_flight() const { return active_.size(); }

 private:
  struct Transfer;
  struct TransferDeleter {
    void operator()(Transfer* transfer) const;
  };
  void Finish(Transfer* transfer, int curl_code);

  void* multi_ = nullptr;  // CURLM*, kept opaque so users need not include curl.h
  // Transfers libcurl is running, by address (what CURLINFO_PRIVATE gives back).
  std::unordered_map<Transfer*, std::unique_ptr<Transfer, TransferDeleter>> active_;
};

// Initialises libcurl once per process (curl_global_init is not safe to race with itself).
void InitCurlOnce();

// Whether the libcurl this process runs with can speak `version` reliably. Not OK for HTTP/2
// without TLS (h2c) when libcurl lacks HTTP/2, or is older than 8.0.0: those fail every request
// that reuses a connection with "Error in the HTTP2 framing layer" (curl issue #10634; Debian 12
// ships 7.88.1). The message says what to use instead.
Status CheckHttpVersionSupport(HttpVersion version);

}  // namespace winnow
