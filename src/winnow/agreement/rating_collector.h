#pragma once

// RatingCollectStep: the reading pass of `winnow agreement` over the judge's rows. For each row it
// reads the judge's rating and the human's (from the same row, or joined by id from a
// HumanRatingTable), keeps the items both rated, and logs every rating it cannot use with its
// file:line. Runs in stream order, so items and problems keep the input's order.

#include <optional>

#include "winnow/agreement/human_ratings.h"
#include "winnow/agreement/rated_items.h"
#include "winnow/agreement/rated_record.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/field_path.h"
#include "winnow/record/text_view.h"

namespace winnow {

struct RatingCollectOptions {
  RatingSource judge;              // --judge (an annotation export: the question's suggestion)
  RatingSource human;              // --human, read from the judge rows when there is no human table
  RatingRules rules;               // --pairwise, --scale
  std::optional<FieldPath> id;     // --id-field: names items, and joins with a human table
  std::optional<TextView> length;  // --length-field (rating mode)
  std::optional<TextView> answer_a;                  // --answer-a (pairwise)
  std::optional<TextView> answer_b;                  // --answer-b (pairwise)
  LengthUnit length_unit = LengthUnit::kCharacters;  // --length-unit
};

class RatingCollectStep : public Step {
 public:
  // `humans` (may be null: human ratings are then read from each row) and `out` must outlive the
  // step. With `humans`, options.id must be set.
  RatingCollectStep(RatingCollectOptions options, HumanRatingTable* humans, CollectedRatings* out);

  std::string_view name() const override { return "agreement"; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  // The human rating for the judge row `record` with `id`; sets *where to the row it came from.
  // nullopt when the item is outside the annotated sample (counted, not a problem).
  Result<std::optional<RatingRead>> HumanRating(const Record& record,
                                                const std::optional<std::string>& id,
                                                std::string* where);
  Status Collect(const Record& record);
  void AddLengths(const Record& record, RatedItem* item);

  RatingCollectOptions options_;
  HumanRatingTable* humans_;
  CollectedRatings* out_;
  std::string scratch_;
};

}  // namespace winnow
