#pragma once

// Record: one JSON object of a dataset, cheap to parse, read and annotate.
//
// A record starts as a view of its JSON text inside a batch buffer (no copy). Parse() builds a
// simdjson DOM that lives in the record itself, so any number of records of a batch can be read at
// once. Annotations (Set/Remove) go into a small overlay instead of rewriting the object: writing a
// record with only added fields appends them to the original text, and reading a field looks at the
// overlay first. Records are move-only.

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

// Where a record came from, for error messages and reject files.
struct RecordOrigin {
  // Borrowed from the input set, which outlives every record read from it. May be null.
  const std::string* source = nullptr;
  uint64_t line = 0;         // 1-based line of the record's first byte; 0 when unknown
  uint64_t byte_offset = 0;  // offset of the record's first byte in the (decompressed) source
  uint64_t index = 0;        // 0-based position among the records read from this source
  uint64_t row = 0;          // 0-based position in the whole run's input (set by the runner)
  // Pipeline row key beyond `row`: ".1", ".0.2" for the rows a step made from one input row (the
  // second generation of row 17 is 17.1). Empty for rows as read.
  std::string key_suffix;

  // "data/train.jsonl:17" (or "data/train.jsonl:@byte 1234" when the line is unknown).
  std::string ToString() const;
};

class Record {
 public:
  Record() = default;
  Record(Record&&) noexcept = default;
  Record& operator=(Record&&) noexcept = default;
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;

  // A record viewing `text`, which must outlive it and be followed by at least
  // simdjson::SIMDJSON_PADDING readable bytes (batch buffers guarantee both).
  static Record Borrowed(std::string_view text, RecordOrigin origin);
  // A record owning a copy of `text` (for records that steps create).
  static Record Owned(std::string_view text, RecordOrigin origin);

  std::string_view text() const { return text_; }
  const RecordOrigin& origin() const { return origin_; }
  RecordOrigin& mutable_origin() { return origin_; }

  // Parses the text into this record's own DOM. Fails on invalid JSON, invalid UTF-8, nesting
  // deeper than 1024 levels, or a top-level value that is not an object; the message names the
  // source, line and column ("data.jsonl:17:23: unterminated string").
  Status Parse(simdjson::dom::parser& parser);
  bool parsed() const { return parsed_; }

  // Checks that the text parses (same rules and messages as Parse) using the parser's own
  // reusable document, without keeping a DOM: far cheaper when nothing will read the fields.
  Status Validate(simdjson::dom::parser& parser) const;

  // The parsed object without the overlay. Requires parsed().
  simdjson::dom::object root() const { return root_; }

  // Top-level field `key`, looking at the overlay first. NO_SUCH_FIELD when absent or removed.
  simdjson::simdjson_result<simdjson::dom::element> Field(std::string_view key) const;

  // Calls fn(key, element) for every top-level field in output order (original fields first,
  // minus removed or overridden ones, then overlay fields).
  template <typename Fn>
  void ForEachField(Fn&& fn) const;

  // Sets top-level field `key` to `json_value` (JSON text). The value is parsed with `parser` so
  // later steps can read it. Fails if `json_value` is not valid JSON.
  Status Set(std::string_view key, std::string_view json_value, simdjson::dom::parser& parser);
  // Convenience setters that encode the value themselves.
  Status SetString(std::string_view key, std::string_view value, simdjson::dom::parser& parser);
  Status SetNumber(std::string_view key, double value, simdjson::dom::parser& parser);
  Status SetInt(std::string_view key, int64_t value, simdjson::dom::parser& parser);
  Status SetBool(std::string_view key, bool value, simdjson::dom::parser& parser);
  void Remove(std::string_view key);
  bool modified() const { return !overlay_.empty() || !removed_.empty(); }

  // Appends the record as compact JSON (no trailing newline). An unmodified record is copied as
  // it was read (minus surrounding whitespace); a record with only new fields is its original text
  // plus those fields; anything else is re-serialised from the DOM.
  void AppendJson(std::string* out) const;

  // Copies borrowed text into owned storage so the record can outlive its batch buffer.
  void Detach();

 private:
  struct OverlayField {
    std::string key;
    simdjson::padded_string json;
    std::unique_ptr<simdjson::dom::document> doc;  // heap: elements point at their document
    simdjson::dom::element value;
  };
  bool IsHidden(std::string_view key) const;  // removed or overridden by the overlay
  // The user-facing error for a failed parse, or for a root that is not an object.
  Status ParseError(simdjson::error_code error) const;
  Status CheckRoot(simdjson::dom::element root) const;
  bool OriginalHas(std::string_view key) const;

  std::string_view text_;
  simdjson::padded_string owned_;
  RecordOrigin origin_;
  std::unique_ptr<simdjson::dom::document> doc_;  // heap: elements point at their document
  simdjson::dom::object root_;
  bool parsed_ = false;
  std::vector<OverlayField> overlay_;
  std::vector<std::string> removed_;
};

template <typename Fn>
void Record::ForEachField(Fn&& fn) const {
  if (parsed_) {
    for (auto field : root_) {
      if (!modified() || !IsHidden(field.key)) fn(field.key, field.value);
    }
  }
  for (const auto& extra : overlay_) fn(std::string_view(extra.key), extra.value);
}

}  // namespace winnow
