#pragma once

// Reading the rate-limit headers hosted APIs send (x-ratelimit-remaining-requests: 0 with
// x-ratelimit-reset-requests: 6m0s), so the engine pauses before the server starts refusing.

#include <string_view>

#include "winnow/net/http_message.h"

namespace winnow::llm {

struct RateLimitPause {
  double seconds = 0;  // how long to send nothing; 0 = no pause
};

// A pause when a remaining-requests or remaining-tokens header says 0, for as long as the
// matching reset header says.
RateLimitPause ReadRateLimitHeaders(const HttpResponse& response);

// OpenAI's reset durations: "1s", "6m0s", "20ms", "1h2m3.5s", or plain seconds ("7"). -1 when
// unreadable.
double ParseResetDuration(std::string_view text);

}  // namespace winnow::llm
