#pragma once

// What the reading pass of `winnow agreement` hands to the statistics: the items both raters
// rated, and every rating that could not be used, with where it came from.

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace winnow {

struct RatedItem {
  double judge = 0;  // a rating, or a Preference's number in pairwise mode
  double human = 0;
  std::string where;      // the judge row: "data/judged.jsonl:17"
  std::string id;         // the --id-field value; empty without one
  double length = NAN;    // --length-field: the answer's length; NaN when unknown
  double length_a = NAN;  // --answer-a / --answer-b: the answers' lengths; NaN when unknown
  double length_b = NAN;
};

// A rating that could not be used.
struct RatingProblem {
  std::string where;   // file:line of the row that holds (or lacks) it
  std::string id;      // the item's id when known
  std::string kind;    // "judge.missing", "human.not_a_number", "human_file.unmatched", ...
  std::string detail;  // what was there and which field: "field 'score' holds \"four\""
};

// The most problems listed one by one; all of them are counted.
inline constexpr size_t kMaxListedProblems = 1000;

// Problems counted by kind, the first kMaxListedProblems kept in input order.
class ProblemLog {
 public:
  void Add(RatingProblem problem);
  const std::vector<RatingProblem>& listed() const { return listed_; }
  const std::map<std::string, uint64_t>& counts() const { return counts_; }
  uint64_t total() const { return total_; }

 private:
  std::vector<RatingProblem> listed_;
  std::map<std::string, uint64_t> counts_;
  uint64_t total_ = 0;
};

struct CollectedRatings {
  std::vector<RatedItem> items;  // in input order
  ProblemLog problems;
  uint64_t rows = 0;  // rows read from the judge inputs
  // --human-file: judge rows whose id has no human row (outside the annotated sample). Counted,
  // not listed: a judged set is usually much larger than its human-rated sample.
  uint64_t not_annotated = 0;
  uint64_t human_rows = 0;       // rows read from --human-file
  uint64_t unknown_lengths = 0;  // items whose length field(s) were missing or null
};

}  // namespace winnow
