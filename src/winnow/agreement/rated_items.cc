#include "winnow/agreement/rated_items.h"

namespace winnow {

void ProblemLog::Add(RatingProblem problem) {
  ++counts_[problem.kind];
  ++total_;
  if (listed_.size() < kMaxListedProblems) listed_.push_back(std::move(problem));
}

}  // namespace winnow
