#pragma once

// Human ratings from a separate file (--human-file), keyed by item id (--join-on), so the judge's
// rows can be paired with them. HumanRatingsStep fills the table in one pass over that file;
// RatingCollectStep then looks each judge row's id up and marks the human row as matched.
//
// One rating per id: an id that appears twice, or a record with several submitted responses, is
// an error naming both places (agreement compares the judge with one human, not a panel).

#include <map>
#include <string>
#include <string_view>

#include "winnow/agreement/rated_items.h"
#include "winnow/agreement/rated_record.h"
#include "winnow/pipeline/step.h"

namespace winnow {

struct HumanRow {
  RatingRead rating;
  std::string where;       // "annotations.jsonl:4"
  std::string matched_by;  // the judge row paired with it; empty until then
};

class HumanRatingTable {
 public:
  // InvalidInput naming both rows when `id` is already in the table.
  Status Add(const std::string& id, HumanRow row);
  // Null when no human row has `id`.
  HumanRow* Find(std::string_view id);

  // Logs every row no judge row matched as "human_file.unmatched": usually an id spelled
  // differently in the two files, which would otherwise shrink the sample unnoticed.
  void LogUnmatched(ProblemLog* problems) const;

 private:
  std::map<std::string, HumanRow, std::less<>> rows_;
};

// Reads every record of the human file into `table`; rows without an id are logged in
// `collected->problems` as "human_file.id_missing" and counted in collected->human_rows. Both
// pointers must outlive the step. Runs in stream order.
class HumanRatingsStep : public Step {
 public:
  HumanRatingsStep(FieldPath join_on, RatingSource human, RatingRules rules,
                   HumanRatingTable* table, CollectedRatings* collected);

  std::string_view name() const override { return "agreement_human_file"; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  FieldPath join_on_;
  RatingSource human_;
  RatingRules rules_;
  HumanRatingTable* table_;
  CollectedRatings* collected_;
};

}  // namespace winnow
