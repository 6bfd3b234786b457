#pragma once

// Keep the top p % of records by a score (DCLM's recipe: keep the 10 % most "high quality" by a
// fastText classifier's probability). Exactly k = ceil(p / 100 * n) of the n scored records are
// kept: the k best by score, and among records with the same score the earlier ones in the input
// (smaller row numbers). So the count is exact and the choice deterministic, whatever the order
// in which workers scored the records.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct RowScore {
  uint64_t row = 0;  // position in the input (RecordOrigin::row)
  float score = 0;
};

// The rank of the last kept record: every record that sorts before or at it is kept.
struct ScoreCutoff {
  float score = 0;         // the lowest kept score
  uint64_t last_row = 0;   // among records with exactly `score`, the last kept row
  uint64_t keep = 0;       // records kept (k)
  uint64_t scored = 0;     // records scored (n)
  bool keep_none = false;  // nothing was scored: nothing is kept

  // True when the record at `row` with `score` is among the kept ones.
  bool Keeps(uint64_t row, float score) const;
};

// "10%" or "10" -> 10. Must be above 0 and at most 100.
Result<double> ParseKeepTopPercent(std::string_view text);

// The cut-off keeping the top `percent` % of `scores` (which it reorders).
ScoreCutoff KeepTopCutoff(std::vector<RowScore>& scores, double percent);

}  // namespace winnow
