#pragma once

// The maths of LSH banding: how likely a pair with Jaccard similarity s becomes a candidate with
// b bands of r rows (1 - (1 - s^r)^b), and datasketch's choice of b x r for a threshold.

#include <cstddef>
#include <string>

namespace winnow {

struct BandsRows {
  size_t bands = 0;
  size_t rows = 0;
};

// Probability that two documents with Jaccard similarity `jaccard` share at least one band.
double CandidateProbability(double jaccard, size_t bands, size_t rows);

// The Jaccard similarity where the S-curve is steepest, about (1/b)^(1/r).
double ApproximateThreshold(size_t bands, size_t rows);

// datasketch's MinHashLSH._optimal_param: over all b, r with b * r <= num_perm, minimise
// fp_weight * (area under the S-curve below the threshold) + fn_weight * (area above the curve
// beyond it). 128 permutations at 0.8 give 9 x 13.
BandsRows OptimalBandsRows(double threshold, size_t num_perm, double fp_weight = 0.5,
                           double fn_weight = 0.5);

// The S-curve as a table: "P(candidate) at Jaccard 0.50 ... 0.95" for reports.
std::string SCurveTable(size_t bands, size_t rows);

}  // namespace winnow
