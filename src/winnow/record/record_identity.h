#pragma once

#include <optional>
#include <string>

#include "winnow/record/field_path.h"
#include "winnow/record/record.h"

namespace winnow {

// The id reports (dedup clusters, filter examples) show for a record: the id field's value when it
// has one, else "file:line" (or "file:@byte N" where the line is unknown: a shard starting
// mid-file).
class RecordIdentity {
 public:
  explicit RecordIdentity(std::optional<FieldPath> id_field) : id_field_(std::move(id_field)) {}
  void Append(const Record& record, std::string* out) const;

 private:
  std::optional<FieldPath> id_field_;
};

}  // namespace winnow
