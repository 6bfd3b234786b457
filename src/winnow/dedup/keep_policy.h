#pragma once

// Keep policy: which member of a duplicate cluster stays. Every policy becomes a rank per record
// (lower is better; ties go to the record seen first), so clustering never needs the records.
//   first                  the first seen (default; stable)
//   longest | shortest     by the key text's length in code points
//   max:FIELD | min:FIELD  by a numeric field (numbers or numeric strings, e.g. a judge score)
//   priority:FIELD=a,b,c   by where FIELD's value is in the list (a before b before c)
// A record whose field is missing or not a number ranks after every record that has one.

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/field_path.h"
#include "winnow/record/record.h"

namespace winnow {

class KeepPolicy {
 public:
  enum class Kind { kFirst, kLongest, kShortest, kMax, kMin, kPriority };
  static constexpr double kMissing = std::numeric_limits<double>::infinity();

  static Result<KeepPolicy> Parse(std::string_view spec);

  Kind kind() const { return kind_; }
  const std::string& spec() const { return spec_; }
  // True when the rank needs the parsed record (a field), not just the key text.
  bool reads_fields() const {
    return kind_ == Kind::kMax || kind_ == Kind::kMin || kind_ == Kind::kPriority;
  }

  // The rank of a record whose key text is `key_text`.
  double Rank(const Record& record, std::string_view key_text) const;

 private:
  Kind kind_ = Kind::kFirst;
  std::string spec_ = "first";
  FieldPath field_;
  std::vector<std::string> priorities_;
};

}  // namespace winnow
