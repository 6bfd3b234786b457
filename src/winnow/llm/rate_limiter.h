#pragma once

// RateLimiter: requests-per-minute and tokens-per-minute token buckets for one endpoint, plus
// pauses the server asks for (Retry-After on a 429, x-ratelimit-remaining-* at zero). Time is
// passed in (seconds on a steady clock), so tests drive it without sleeping.

#include <cstdint>

namespace winnow::llm {

class TokenBucket {
 public:
  // `per_minute` == 0 means unlimited. The bucket holds one second's worth, starts full.
  explicit TokenBucket(double per_minute = 0);

  bool unlimited() const { return rate_per_second_ == 0; }
  // Seconds from `now` until `amount` is available (0 when it is now). An amount larger than the
  // bucket waits for a full bucket, so one huge request cannot block forever.
  double WaitSeconds(double now, double amount);
  void Take(double now, double amount);
  // Puts back (positive) or takes more (negative) after the real cost is known.
  void Adjust(double now, double amount);

 private:
  void Refill(double now);
  double rate_per_second_ = 0;
  double capacity_ = 0;
  double level_ = 0;
  double last_ = 0;
  bool started_ = false;
};

class RateLimiter {
 public:
  RateLimiter(double requests_per_minute, double tokens_per_minute);

  // Seconds from `now` until a request estimated at `tokens` may be sent.
  double WaitSeconds(double now, double tokens);
  // Records that a request estimated at `tokens` was sent.
  void Acquire(double now, double tokens);
  // After the answer: the real token count replaces the estimate.
  void Settle(double now, double estimated_tokens, double actual_tokens);
  // Sends nothing before `until` (a Retry-After or an exhausted x-ratelimit window).
  void PauseUntil(double until);

 private:
  TokenBucket requests_;
  TokenBucket tokens_;
  double paused_until_ = 0;
};

}  // namespace winnow::llm
