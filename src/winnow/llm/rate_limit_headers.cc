#include "winnow/llm/rate_limit_headers.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace winnow::llm {

double ParseResetDuration(std::string_view text) {
  if (text.empty()) return -1;
  double total = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    double number = 0;
    auto [next, error] = std::from_chars(p, end, number);
    if (error != std::errc() || !(number >= 0) || !std::isfinite(number)) return -1;
    p = next;
    if (p == end) {  // a bare number counts as seconds
      return std::isfinite(total + number) ? total + number : -1;
    }
    std::string_view rest(p, static_cast<size_t>(end - p));
    if (rest.starts_with("ms")) {
      total += number / 1000;
      p += 2;
    } else if (rest.starts_with("h")) {
      total += number * 3600;
      ++p;
    } else if (rest.starts_with("m")) {
      total += number * 60;
      ++p;
    } else if (rest.starts_with("s")) {
      total += number;
      ++p;
    } else {
      return -1;
    }
  }
  return std::isfinite(total) ? total : -1;
}

RateLimitPause ReadRateLimitHeaders(const HttpResponse& response) {
  RateLimitPause pause;
  for (std::string_view kind : {"requests", "tokens"}) {
    std::string remaining = "x-ratelimit-remaining-" + std::string(kind);
    std::string reset = "x-ratelimit-reset-" + std::string(kind);
    std::string_view value = response.Header(remaining);
    if (value != "0") continue;
    double seconds = ParseResetDuration(response.Header(reset));
    if (seconds > 0) pause.seconds = std::max(pause.seconds, seconds);
  }
  return pause;
}

}  // namespace winnow::llm
