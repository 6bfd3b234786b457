#pragma once

// Cohen's kappa: agreement between two raters beyond what their own rating habits would give by
// chance, unweighted or weighted for ordinal scales.
//
//   kappa = 1 - sum_ij w_ij o_ij / sum_ij w_ij e_ij
//
// where o_ij is the observed share of items rated i by the judge and j by the human, e_ij the share
// expected by chance (row share i times column share j), and w_ij the disagreement weight:
//   none       w_ij = 0 on the diagonal, 1 elsewhere (plain Cohen's kappa)
//   linear     w_ij = |c_i - c_j| / (c_max - c_min)
//   quadratic  w_ij = ((c_i - c_j) / (c_max - c_min))^2
// The weights use the category values, so a scale with a gap (1, 2, 4, 5) keeps its distances;
// on a full integer scale this equals the usual index-based definition (sklearn's, too).

#include <optional>
#include <string_view>

#include "winnow/agreement/confusion_matrix.h"
#include "winnow/common/status.h"

namespace winnow {

enum class KappaWeights { kNone, kLinear, kQuadratic };

// "none", "linear", "quadratic".
std::string_view KappaWeightsName(KappaWeights weights);
// The inverse; an InvalidArgument error names the accepted spellings.
Result<KappaWeights> ParseKappaWeights(std::string_view text);

// Kappa of `matrix`, or nullopt when it is undefined: fewer than two categories, or no
// disagreement expected by chance (both raters gave every item one and the same rating).
std::optional<double> CohenKappa(const ConfusionMatrix& matrix, KappaWeights weights);

}  // namespace winnow
