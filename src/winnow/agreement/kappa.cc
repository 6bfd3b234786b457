#include "winnow/agreement/kappa.h"

#include <cmath>
#include <string>

namespace winnow {

std::string_view KappaWeightsName(KappaWeights weights) {
  switch (weights) {
    case KappaWeights::kNone:
      return "none";
    case KappaWeights::kLinear:
      return "linear";
    case KappaWeights::kQuadratic:
      return "quadratic";
  }
  return "none";
}

Result<KappaWeights> ParseKappaWeights(std::string_view text) {
  if (text == "none") return KappaWeights::kNone;
  if (text == "linear") return KappaWeights::kLinear;
  if (text == "quadratic") return KappaWeights::kQuadratic;
  return Error(Status::InvalidArgument("--weights '" + std::string(text) +
                                       "': expected quadratic, linear or none"));
}

std::optional<double> CohenKappa(const ConfusionMatrix& matrix, KappaWeights weights) {
  const size_t k = matrix.size();
  if (k < 2 || matrix.total() == 0) return std::nullopt;
  const std::vector<double>& c = matrix.categories();
  const double range = c.back() - c.front();
  std::vector<double> row(k), column(k);
  for (size_t i = 0; i < k; ++i) {
    row[i] = static_cast<double>(matrix.JudgeTotal(i));
    column[i] = static_cast<double>(matrix.HumanTotal(i));
  }
  const double n = static_cast<double>(matrix.total());
  double observed = 0;
  double expected = 0;
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      if (i == j) continue;
      double w = 1;
      if (weights != KappaWeights::kNone) {
        w = std::abs(c[i] - c[j]) / range;
        if (weights == KappaWeights::kQuadratic) w *= w;
      }
      observed += w * static_cast<double>(matrix.count(i, j)) / n;
      expected += w * row[i] * column[j] / (n * n);
    }
  }
  // Sums of products of shares: a tiny positive remainder is rounding, not chance disagreement.
  if (expected <= 1e-12) return std::nullopt;
  return 1.0 - observed / expected;
}

}  // namespace winnow
