#pragma once

// When to retry a failed HTTP call and how long to wait first: exponential backoff with jitter,
// where a server's Retry-After wins when it asks for longer. Shared by the embedding client and
// the LLM engine, so both treat servers the same way.

#include <random>
#include <string_view>

namespace winnow {

struct BackoffOptions {
  // The wait before retry r (1-based) is initial * 2^(r-1), capped at max, times a jitter factor
  // in [0.5, 1]. Seconds; need 0 <= initial <= max.
  double initial_seconds = 0.5;
  double max_seconds = 30;
};

// Seconds to wait before retry `retry` (1 = the first retry). `retry_after` is the server's
// Retry-After in seconds (< 0 when absent); it is honoured up to max_seconds.
double BackoffSeconds(const BackoffOptions& options, int retry, double retry_after,
                      std::mt19937_64& rng);

// A Retry-After header value in seconds ("7", "0.5"); HTTP dates and junk give -1, so the
// exponential backoff applies instead.
double ParseRetryAfter(std::string_view value);

// Whether an HTTP status is worth retrying: 408, 409 (vLLM's "busy"), 425, 429 and 5xx.
bool IsRetryableHttpStatus(long status);

}  // namespace winnow
