#pragma once

// The sign test behind the position-bias check: if a rater picked the first answer k times out of
// n decisive picks, how surprising is that for a rater that picks either position with
// probability 1/2?

#include <cstdint>

namespace winnow {

// The exact two-sided p-value of k successes in n trials with p = 1/2: the probability of a count
// at least as far from n/2 as k (scipy.stats.binomtest(k, n).pvalue). 1 when n is 0.
double BinomialTestHalf(uint64_t k, uint64_t n);

// The normal approximation's z score (k - n/2) / sqrt(n/4); 0 when n is 0.
double BinomialZScore(uint64_t k, uint64_t n);

}  // namespace winnow
