#pragma once

// The bootstrap interval of Cohen's kappa (bootstrap.h): resamples the items, rebuilds the
// confusion matrix from their category indexes and recomputes kappa.

#include <optional>
#include <span>
#include <vector>

#include "winnow/agreement/bootstrap.h"
#include "winnow/agreement/confidence_interval.h"
#include "winnow/agreement/kappa.h"

namespace winnow {

// The most items KappaInterval resamples: 1000 resamples of n items cost 1000 n steps per
// weighting, and at this size the interval is a few thousandths wide anyway.
inline constexpr size_t kMaxBootstrapItems = 200000;

// Item i was rated categories[judge[i]] by the judge and categories[human[i]] by the human.
// One interval per entry of `weights`, from the same resamples; nullopt where the bootstrap gives
// none, and for all of them above kMaxBootstrapItems items.
std::vector<std::optional<Interval>> KappaIntervals(const std::vector<double>& categories,
                                                    std::span<const size_t> judge,
                                                    std::span<const size_t> human,
                                                    std::span<const KappaWeights> weights,
                                                    const BootstrapOptions& options = {});

}  // namespace winnow
