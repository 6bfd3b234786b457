#include "winnow/agreement/kappa_interval.h"

#include "winnow/agreement/confusion_matrix.h"

namespace winnow {

std::vector<std::optional<Interval>> KappaIntervals(const std::vector<double>& categories,
                                                    std::span<const size_t> judge,
                                                    std::span<const size_t> human,
                                                    std::span<const KappaWeights> weights,
                                                    const BootstrapOptions& options) {
  if (judge.size() > kMaxBootstrapItems) {
    return std::vector<std::optional<Interval>>(weights.size());
  }
  ConfusionMatrix matrix(categories);
  auto kappas = [&](std::span<const size_t> indexes, std::span<std::optional<double>> values) {
    matrix.Clear();
    for (size_t index : indexes) matrix.Add(judge[index], human[index]);
    for (size_t k = 0; k < weights.size(); ++k) values[k] = CohenKappa(matrix, weights[k]);
  };
  return BootstrapIntervals(judge.size(), weights.size(), kappas, options);
}

}  // namespace winnow
