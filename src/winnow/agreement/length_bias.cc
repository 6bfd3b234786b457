#include "winnow/agreement/length_bias.h"

#include <cmath>
#include <vector>

#include "winnow/agreement/rank_correlation.h"
#include "winnow/common/assert.h"

namespace winnow {

LengthBias MeasureLengthBias(std::span<const double> lengths, std::span<const double> judge,
                             std::span<const double> human) {
  WINNOW_ASSERT(lengths.size() == judge.size() && judge.size() == human.size());
  std::vector<double> known_lengths, known_judge, known_human;
  for (size_t i = 0; i < lengths.size(); ++i) {
    if (std::isnan(lengths[i])) continue;
    known_lengths.push_back(lengths[i]);
    known_judge.push_back(judge[i]);
    known_human.push_back(human[i]);
  }
  LengthBias out;
  out.items = known_lengths.size();
  out.judge_rho = SpearmanCorrelation(known_lengths, known_judge);
  out.human_rho = SpearmanCorrelation(known_lengths, known_human);
  if (out.judge_rho) out.judge_interval = SpearmanInterval(*out.judge_rho, out.items);
  if (out.human_rho) out.human_interval = SpearmanInterval(*out.human_rho, out.items);
  out.judge_favours_length =
      out.judge_rho && out.human_rho && *out.judge_rho - *out.human_rho >= kLengthBiasMargin;
  return out;
}

}  // namespace winnow
