#pragma once

// Reading one rating strictly. A rating is a number the rater wrote; a missing rating is never a
// zero and a word is never a number (the UltraFeedback lesson, specs/llm-pipelines.md).

#include <simdjson.h>

#include <string>
#include <string_view>

namespace winnow {

enum class RatingFault {
  kNone,
  kMissing,        // no such field, null, or an empty string
  kNotNumeric,     // a bool, list, object, or a string that is not exactly a number
  kNotPreference,  // pairwise: not a spelling ParsePreference knows
};

// "missing", "not_a_number", "not_a_preference" (the JSON report's counter names).
std::string_view RatingFaultName(RatingFault fault);

struct RatingRead {
  double value = 0;  // the rating; a Preference as its number in pairwise mode
  RatingFault fault = RatingFault::kNone;
  std::string shown;  // the offending value as short JSON text, for messages; empty when fine

  bool ok() const { return fault == RatingFault::kNone; }
};

// A numeric rating from `value` (null: the field is absent). A JSON number, or a string that is
// exactly a finite decimal number after trimming spaces ("4", " 4.5 "): judges' parsed outputs
// and CSV columns read as strings often hold those. "4/5", "four", "NaN" and true are not numbers.
RatingRead ReadNumericRating(const simdjson::dom::element* value);

// A pairwise verdict (A, B or tie) from a string value, as ParsePreference spells it.
RatingRead ReadPreferenceRating(const simdjson::dom::element* value);

}  // namespace winnow
