#pragma once

// A small HTTP client over libcurl's multi interface: many requests in flight on one thread,
// connections kept alive between calls. Used by the embedding client and, later, the LLM engine.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct HttpRequest {
  std::string url;
  // Sent as a POST body when non-empty; an empty body makes the request a GET.
  std::string body;
  // Full header lines, e.g. "Content-Type: application/json", "Authorization: Bearer ...".
  std::vector<std::string> headers;
  // Whole-transfer limit (connect + send + wait + receive), seconds; must be > 0.
  double timeout_seconds = 60;
};

struct HttpResponse {
  // HTTP status code; 0 when no response arrived (see transport_error).
  long status = 0;
  std::string body;
  // The Retry-After header's value as sent (seconds or an HTTP date), empty when absent.
  std::string retry_after;
  // Not OK when the transfer itself failed: timeout, connection refused or dropped, DNS, TLS.
  // The message names the method, the URL and libcurl's description.
  Status transport_error;
  // True when the transfer failed because timeout_seconds ran out.
  bool timed_out = false;
};

// Thread-safety: an HttpClient is NOT thread-safe; use one per thread (or guard it). Distinct
// clients may be used from different threads at once. Each client keeps its own pool of open
// connections, reused by later PerformAll calls.
class HttpClient {
 public:
  // Initialises libcurl process-wide on first use (once, thread-safely).
  HttpClient();
  ~HttpClient();
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
  struct Transfer;
  Status Start(const HttpRequest& request, HttpResponse* response,
               std::vector<std::unique_ptr<Transfer>>* active);
  void Finish(Transfer* transfer, int curl_code);

  void* multi_ = nullptr;  // CURLM*, kept opaque so users need not include curl.h
};

}  // namespace winnow
