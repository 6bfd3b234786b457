#pragma once

// ColumnAccumulator: everything `inspect` learns about one column (a top-level field or a nested
// "a.b" field), fed value by value on one worker and merged across workers at the end.

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/common/hash.h"
#include "winnow/record/record.h"
#include "winnow/stats/hyperloglog.h"
#include "winnow/stats/profile.h"
#include "winnow/stats/summary.h"

namespace winnow {

// Keeps the k longest (or shortest) values seen, with their rows.
class ExtremeRows {
 public:
  ExtremeRows(size_t capacity, bool longest) : capacity_(capacity), longest_(longest) {}
  // Cheap test before building a snippet.
  bool Qualifies(uint64_t length, uint64_t row) const;
  void Add(uint64_t length, uint64_t row, std::string_view text, const RecordOrigin& origin);
  void Merge(const ExtremeRows& other);
  std::vector<RowRef> rows() const;

 private:
  struct Item {
    uint64_t length;
    uint64_t row;
    RowRef ref;
  };
  bool Before(uint64_t length_a, uint64_t row_a, uint64_t length_b, uint64_t row_b) const;
  size_t capacity_;
  bool longest_;
  std::vector<Item> items_;  // sorted best first
};

// A one-line example of a row, for reports.
RowRef MakeRowRef(const RecordOrigin& origin, uint64_t length, std::string_view text);

class ColumnAccumulator {
 public:
  static constexpr size_t kMaxLabels = 1000;  // beyond this many distinct strings: a text column
  static constexpr size_t kExtremes = 5;

  ColumnAccumulator(std::string path, uint64_t first_row);

  const std::string& path() const { return path_; }
  uint64_t first_row() const { return first_row_; }
  uint64_t object_count() const { return object_count_; }

  void Add(simdjson::dom::element value, const RecordOrigin& origin);
  void Merge(const ColumnAccumulator& other);
  // `rows`: the rows in which this column could have appeared (all rows for top-level columns,
  // rows where the parent is an object for nested ones).
  ColumnProfile Finish(uint64_t rows) const;

 private:
  void AddString(std::string_view text, const RecordOrigin& origin);

  std::string path_;
  uint64_t first_row_;
  uint64_t present_ = 0;
  uint64_t nulls_ = 0;
  uint64_t strings_ = 0, ints_ = 0, floats_ = 0, bools_ = 0, lists_ = 0, objects_ = 0;
  uint64_t object_count_ = 0;
  ValueAccumulator numbers_;
  IntegerAccumulator text_lengths_;
  HyperLogLog distinct_;
  std::unordered_map<std::string, uint64_t, StringViewHash, std::equal_to<>> labels_;
  bool labels_overflowed_ = false;
  uint64_t empty_strings_ = 0;
  ExtremeRows longest_{kExtremes, true};
  ExtremeRows shortest_{kExtremes, false};
  IntegerAccumulator list_lengths_;
  std::map<std::string, uint64_t> list_item_types_;
  uint64_t true_ = 0, false_ = 0;
  std::map<std::string, uint64_t, std::less<>> object_keys_;
  uint64_t message_lists_ = 0, message_objects_ = 0, hh_transcripts_ = 0;
};

// "string", "int", "float", "bool", "list", "object" or "null".
const char* JsonKindName(simdjson::dom::element_type type);

}  // namespace winnow
