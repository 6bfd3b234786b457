#include "winnow/llm/rate_limiter.h"

#include <algorithm>

namespace winnow::llm {

// The bucket holds one second's worth (at least 1): requests go out at the allowed pace instead
// of a minute's worth in one burst, which serverless endpoints answer with "overloaded".
TokenBucket::TokenBucket(double per_minute)
    : rate_per_second_(per_minute / 60.0),
      capacity_(per_minute > 0 ? std::max(1.0, per_minute / 60.0) : 0),
      level_(capacity_) {}

void TokenBucket::Refill(double now) {
  if (!started_) {
    started_ = true;
    last_ = now;
    return;
  }
  if (now > last_) {
    level_ = std::min(capacity_, level_ + (now - last_) * rate_per_second_);
    last_ = now;
  }
}

double TokenBucket::WaitSeconds(double now, double amount) {
  if (unlimited()) return 0;
  Refill(now);
  double needed = std::min(amount, capacity_);
  if (level_ >= needed) return 0;
  return (needed - level_) / rate_per_second_;
}

void TokenBucket::Take(double now, double amount) {
  if (unlimited()) return;
  Refill(now);
  // May go negative for an amount above the capacity: later requests then wait it off.
  level_ -= amount;
}

void TokenBucket::Adjust(double now, double amount) {
  if (unlimited()) return;
  Refill(now);
  level_ = std::min(capacity_, level_ + amount);
}

RateLimiter::RateLimiter(double requests_per_minute, double tokens_per_minute)
    : requests_(requests_per_minute), tokens_(tokens_per_minute) {}

double RateLimiter::WaitSeconds(double now, double tokens) {
  double wait = std::max(0.0, paused_until_ - now);
  wait = std::max(wait, requests_.WaitSeconds(now, 1));
  return std::max(wait, tokens_.WaitSeconds(now, tokens));
}

void RateLimiter::Acquire(double now, double tokens) {
  requests_.Take(now, 1);
  tokens_.Take(now, tokens);
}

void RateLimiter::Settle(double now, double estimated_tokens, double actual_tokens) {
  tokens_.Adjust(now, estimated_tokens - actual_tokens);
}

void RateLimiter::PauseUntil(double until) { paused_until_ = std::max(paused_until_, until); }

}  // namespace winnow::llm
