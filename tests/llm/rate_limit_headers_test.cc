// Reading what servers say about waiting: Retry-After and OpenAI's x-ratelimit-* headers. Junk,
// HTTP dates and non-finite numbers ("inf" parses as a number) give -1, so a header can never
// stall a run for ever.

#include "winnow/llm/rate_limit_headers.h"

#include <gtest/gtest.h>

#include "winnow/net/retry_policy.h"

namespace winnow::llm {
namespace {

TEST(RateLimitHeadersTest, RetryAfterSecondsOnly) {
  EXPECT_EQ(ParseRetryAfter("7"), 7);
  EXPECT_EQ(ParseRetryAfter(" 0.5\r"), 0.5);
  EXPECT_EQ(ParseRetryAfter("0"), 0);
  for (const char* bad :
       {"", "inf", "INF", "nan", "-1", "1e400", "7s", "Wed, 21 Oct 2015 07:28:00 GMT"}) {
    EXPECT_EQ(ParseRetryAfter(bad), -1) << bad;
  }
}

TEST(RateLimitHeadersTest, ResetDurations) {
  EXPECT_EQ(ParseResetDuration("1s"), 1);
  EXPECT_EQ(ParseResetDuration("6m0s"), 360);
  EXPECT_DOUBLE_EQ(ParseResetDuration("20ms"), 0.02);
  EXPECT_DOUBLE_EQ(ParseResetDuration("1h2m3.5s"), 3723.5);
  EXPECT_EQ(ParseResetDuration("7"), 7);
  for (const char* bad : {"", "inf", "infs", "nan", "-3s", "1e308h", "5x", "s"}) {
    EXPECT_EQ(ParseResetDuration(bad), -1) << bad;
  }
}

TEST(RateLimitHeadersTest, PausesOnlyWhenNothingRemains) {
  HttpResponse response;
  response.headers = {{"x-ratelimit-remaining-requests", "0"},
                      {"x-ratelimit-reset-requests", "6m0s"},
                      {"x-ratelimit-remaining-tokens", "1200"},
                      {"x-ratelimit-reset-tokens", "1h"}};
  EXPECT_EQ(ReadRateLimitHeaders(response).seconds, 360);
  response.headers[0].second = "3";
  EXPECT_EQ(ReadRateLimitHeaders(response).seconds, 0);
  response.headers = {{"x-ratelimit-remaining-tokens", "0"}, {"x-ratelimit-reset-tokens", "inf"}};
  EXPECT_EQ(ReadRateLimitHeaders(response).seconds, 0);
}

}  // namespace
}  // namespace winnow::llm
