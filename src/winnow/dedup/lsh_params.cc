#include "winnow/dedup/lsh_params.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace winnow {
namespace {

// Composite Simpson's rule; the integrands are smooth polynomials of s, so 2000 panels are far
// more accurate than the comparisons between (b, r) need (scipy's quad in datasketch).
template <typename F>
double Integrate(F f, double from, double to) {
  constexpr int kPanels = 2000;
  const double step = (to - from) / kPanels;
  double sum = f(from) + f(to);
  for (int i = 1; i < kPanels; ++i) sum += f(from + i * step) * ((i % 2) ? 4.0 : 2.0);
  return sum * step / 3.0;
}

}  // namespace

double CandidateProbability(double jaccard, size_t bands, size_t rows) {
  return 1.0 -
         std::pow(1.0 - std::pow(jaccard, static_cast<double>(rows)), static_cast<double>(bands));
}

double ApproximateThreshold(size_t bands, size_t rows) {
  return std::pow(1.0 / static_cast<double>(bands), 1.0 / static_cast<double>(rows));
}

BandsRows OptimalBandsRows(double threshold, size_t num_perm, double fp_weight, double fn_weight) {
  BandsRows best;
  double best_error = std::numeric_limits<double>::infinity();
  for (size_t b = 1; b <= num_perm; ++b) {
    for (size_t r = 1; r <= num_perm / b; ++r) {
      const double false_positive =
          Integrate([&](double s) { return CandidateProbability(s, b, r); }, 0.0, threshold);
      const double false_negative =
          Integrate([&](double s) { return 1.0 - CandidateProbability(s, b, r); }, threshold, 1.0);
      const double error = fp_weight * false_positive + fn_weight * false_negative;
      if (error < best_error) {
        best_error = error;
        best = {b, r};
      }
    }
  }
  return best;
}

std::string SCurveTable(size_t bands, size_t rows) {
  std::string out = fmt::format("{} bands x {} rows = {} hashes; threshold ~ {:.3f}\n", bands, rows,
                                bands * rows, ApproximateThreshold(bands, rows));
  out += "  Jaccard     ";
  for (int i = 50; i <= 95; i += 5) out += fmt::format(" {:>5.2f}", i / 100.0);
  out += "\n  P(caught)   ";
  for (int i = 50; i <= 95; i += 5) {
    out += fmt::format(" {:>5.3f}", CandidateProbability(i / 100.0, bands, rows));
  }
  out += "\n";
  return out;
}

}  // namespace winnow
