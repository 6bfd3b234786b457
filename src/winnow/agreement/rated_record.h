#pragma once

// Reading what `winnow agreement` needs from one record: a rater's rating, the item's id, an
// answer's length.

#include <simdjson.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/agreement/annotation_export.h"
#include "winnow/agreement/rating_scale.h"
#include "winnow/agreement/rating_value.h"
#include "winnow/common/status.h"
#include "winnow/record/field_path.h"
#include "winnow/record/record.h"
#include "winnow/record/text_view.h"

namespace winnow {

// Where one rater's rating sits in a record: the field path, or, when the record lacks that path
// but is an annotation export, the question of that name (annotation_export.h: suggestions for
// the judge, submitted responses for the human).
class RatingSource {
 public:
  RatingSource() = default;
  RatingSource(FieldPath path, AnnotationSide side) : path_(std::move(path)), side_(side) {}

  const FieldPath& path() const { return path_; }

  // The rating's value, nullopt when the record has none. An InvalidInput error naming the
  // record's file:line when the path or question yields several values (a wildcard path, or
  // several submitted responses): agreement compares one judge rating with one human rating.
  Result<std::optional<simdjson::dom::element>> Find(const Record& record) const;

 private:
  FieldPath path_;
  AnnotationSide side_ = AnnotationSide::kResponse;
};

// How ratings are read: numbers on a scale, or pairwise verdicts.
struct RatingRules {
  bool pairwise = false;  // A/B/tie verdicts instead of numbers
  RatingScale scale;      // numbers only; undeclared accepts any number
};

// The rating `source` finds in `record`, read under `rules`. A rating that is missing or not a
// number comes back as a RatingRead with its fault (data, not an error). Errors: a rating outside
// the declared scale, as "data.jsonl:7: judge rating 7 in field 'score' is outside --scale 1-5"
// (`rater` is "judge" or "human"), and the errors of RatingSource::Find.
Result<RatingRead> ReadRating(const Record& record, const RatingSource& source,
                              const RatingRules& rules, std::string_view rater);

// An item's id as text: a string as it is, any other value as its JSON text; nullopt when the
// field is missing or null.
std::optional<std::string> ReadItemId(const Record& record, const FieldPath& path);

enum class LengthUnit {
  kCharacters,  // Unicode code points
  kWords,       // runs of non-space characters (Python's str.split())
};

// "chars" or "words"; InvalidArgument otherwise.
Result<LengthUnit> ParseLengthUnit(std::string_view text);
std::string_view LengthUnitName(LengthUnit unit);

// The length of the text under `view` in `record` (a chat message list is its joined contents),
// or NaN when the field is missing or null: an unknown length is left out, never taken as 0.
double AnswerLength(const Record& record, const TextView& view, LengthUnit unit,
                    std::string* scratch);

}  // namespace winnow
