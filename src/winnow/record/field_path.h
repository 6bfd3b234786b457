#pragma once

// Field paths: how every winnow command names a part of a record.
//
//   text                 a top-level field
//   meta.source          a nested field
//   messages[0]          the first element of a list; messages[-1] is the last
//   messages[*].content  every element's "content" (a path with [*] can select many values)
//   ["odd.key"].x        a key that contains dots or brackets, quoted

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/record.h"

namespace winnow {

struct PathSegment {
  enum class Kind { kKey, kIndex, kWildcard };
  Kind kind = Kind::kKey;
  std::string key;    // for kKey
  int64_t index = 0;  // for kIndex; negative counts from the end
};

class FieldPath {
 public:
  FieldPath() = default;

  // Parses `text`; errors name the column, e.g. "field path 'a..b': empty field name at column 3".
  static Result<FieldPath> Parse(std::string_view text);

  const std::string& text() const { return text_; }
  const std::vector<PathSegment>& segments() const { return segments_; }
  bool has_wildcard() const { return has_wildcard_; }
  // The first segment's key (every path starts with a key).
  const std::string& top_key() const { return segments_.front().key; }

  // Appends every value the path selects in `record`; appends nothing when a step is missing or
  // of the wrong type. Requires record.parsed().
  void Resolve(const Record& record, std::vector<simdjson::dom::element>* out) const;
  // Same, from an element instead of a record (the first segment applies to `root`).
  void Resolve(simdjson::dom::element root, std::vector<simdjson::dom::element>* out) const;

  // The single value of a path without wildcards; NO_SUCH_FIELD when missing.
  simdjson::simdjson_result<simdjson::dom::element> Get(const Record& record) const;

 private:
  void ResolveFrom(size_t segment, simdjson::dom::element value,
                   std::vector<simdjson::dom::element>* out) const;

  std::string text_;
  std::vector<PathSegment> segments_;
  bool has_wildcard_ = false;
};

}  // namespace winnow
