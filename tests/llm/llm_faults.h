#pragma once

// The faults the test LLM server injects into chat and completion answers, and the deterministic
// draws that choose them (and the simulated latency) from a seed, so a run can be replayed.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::testutil {

enum class LlmFault {
  kNone,
  kRateLimited,   // 429 with Retry-After (and the x-ratelimit-* headers when set)
  kServerError,   // 500
  kUnavailable,   // 503 "model is overloaded"
  kBadRequest,    // 400 (not retryable)
  kSlow,          // sleeps, then answers normally (a success)
  kTimeout,       // sleeps past the client's timeout, then closes the connection unanswered
  kDrop,          // sends the headers and half the body, then closes the connection
  kMalformed,     // 200 whose body is not JSON
  kLength,        // finish_reason "length" with the answer cut to half its words
  kInvalidJson,   // a well-formed completion whose content, {"oops":, breaks any schema
  kEmptyChoices,  // a well-formed completion with "choices": []
};
inline constexpr size_t kLlmFaultCount = 12;

// Stable names for logs and flags: "none", "429", "500", "503", "400", "slow", "timeout", "drop",
// "malformed", "length", "invalid_json", "empty_choices".
std::string_view LlmFaultName(LlmFault fault);

// Per-fault settings for queued faults; unset values take the server's defaults.
struct FaultParams {
  // kRateLimited: the Retry-After value, e.g. "2" or "0.05"; empty: the server's default.
  std::string retry_after;
  // kSlow, kTimeout: seconds to sleep; < 0: the server's default.
  double seconds = -1;
};

// Probabilities (each 0..1, sum <= 1) of each fault for requests that find the fault queue empty.
struct FaultRates {
  double rate_limited = 0;
  double server_error = 0;
  double unavailable = 0;
  double slow = 0;
  double timeout = 0;
  double drop = 0;
  double malformed = 0;
  double length = 0;
  double invalid_json = 0;
  double empty_choices = 0;
  uint64_t seed = 0;
};

// OK when every rate is in 0..1 and they sum to at most 1; otherwise names the rate at fault.
Status ValidateFaultRates(const FaultRates& rates);

// The fault for the request whose body hashes to `body_hash` and was seen `seen_before` times
// before: a pure function of (rates, body_hash, seen_before), so a retry of a body draws again
// and a rerun with the same seed draws the same faults.
LlmFault DrawFault(const FaultRates& rates, uint64_t body_hash, uint64_t seen_before);

// Lognormal latency with the given median (seconds) and sigma, drawn like DrawFault (but
// independently of it) from (seed, body_hash, seen_before). 0 when median <= 0.
double DrawLatencySeconds(double median, double sigma, uint64_t seed, uint64_t body_hash,
                          uint64_t seen_before);

}  // namespace winnow::testutil
