#include "winnow/net/retry_policy.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace winnow {

double BackoffSeconds(const BackoffOptions& options, int retry, double retry_after,
                      std::mt19937_64& rng) {
  double backoff = std::min(options.max_seconds,
                            options.initial_seconds * std::ldexp(1.0, std::max(0, retry - 1)));
  // Jitter spreads the retries of many clients that failed together (a 429 burst).
  backoff *= 0.5 + 0.5 * std::uniform_real_distribution<double>(0, 1)(rng);
  return std::max(backoff, std::min(retry_after, options.max_seconds));
}

double ParseRetryAfter(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
  if (value.empty()) return -1;
  double seconds = -1;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  // "inf" parses as a number; a server saying it must not stop the run for ever.
  if (error != std::errc() || end != value.data() + value.size() || !(seconds >= 0) ||
      !std::isfinite(seconds)) {
    return -1;
  }
  return seconds;
}

bool IsRetryableHttpStatus(long status) {
  return status == 408 || status == 409 || status == 425 || status == 429 ||
         (status >= 500 && status <= 599);
}

}  // namespace winnow
