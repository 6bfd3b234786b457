#pragma once

// HttpClient: run a set of HTTP requests with bounded concurrency and wait for all of them — the
// blocking form of AsyncHttpClient, for callers that work in batches (the embedding client).

#include <cstddef>
#include <span>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/net/async_http_client.h"
#include "winnow/net/http_message.h"

namespace winnow {

// Thread-safety: an HttpClient is NOT thread-safe; use one per thread (or guard it). Distinct
// clients may be used from different threads at once. Each client keeps its own pool of open
// connections, reused by later PerformAll calls.
class HttpClient {
 public:
  HttpClient() = default;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Runs every request, at most `max_concurrency` (>= 1) at a time, and returns when all are
  // done. `responses` is resized to requests.size(); responses[i] answers requests[i]. A request
  // that fails in transport is reported in its response, not by the returned Status, which is
  // only an error for a bad argument or when libcurl itself fails (out of memory, broken
  // handle).
  Status PerformAll(std::span<const HttpRequest> requests, size_t max_concurrency,
                    std::vector<HttpResponse>* responses);

 private:
  AsyncHttpClient client_;
};

}  // namespace winnow
