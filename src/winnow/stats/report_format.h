#pragma once

// Formatting shared by the inspect reports (text, HTML): counts, sizes, percentages, compact
// numbers, and safe display of dataset text. Dataset text is hostile: it may hold invalid UTF-8,
// terminal escape sequences or bidirectional overrides, so everything shown passes through
// SanitizeText first.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/stats/profile.h"

namespace winnow {

// 1234567 -> "1,234,567".
std::string FormatCount(uint64_t count);

// Bytes in binary units: "512 B", "1.5 KiB", "3.2 MiB", "1.0 GiB".
std::string FormatBytes(uint64_t bytes);

// A statistic, compactly: integers exactly with thousands separators ("1,204"), fractions with
// about four significant digits ("3.25", "0.0123"), tiny or huge values in exponent form;
// NaN as "n/a" and infinities as "inf" / "-inf".
std::string FormatNumber(double value);

// part/whole as a percentage with one decimal ("12.3%"). Exact 0 and 100 print without a
// decimal; values that would round to them print as "<0.1%" / ">99.9%" so that a single odd row
// is never hidden. "-" when whole is 0.
std::string FormatPercent(uint64_t part, uint64_t whole);

// "0.42 s", "12 ms", "3 min 20 s".
std::string FormatSeconds(double seconds);

// Where a row lives: "train.jsonl:17", or "train.jsonl#42" (0-based record index) when the line
// is unknown.
std::string FormatRowRef(const RowRef& row);

// A histogram bin's range: "3 – 123", or "5" when the bin holds a single value.
std::string FormatBinRange(const HistogramBin& bin);

// "label", "text" or "none": the spelling used by the JSON schema.
std::string_view StringKindName(StringKind kind);

// A one-word description of what a column holds, for the columns table: "label", "text",
// "number", "bool", "list", "messages", "object", "message", "mixed" or "null" (every value null
// or the column never present).
std::string ColumnKind(const ColumnProfile& column);

// Map entries sorted by count, largest first (ties keep key order).
std::vector<std::pair<std::string, uint64_t>> ByCount(
    const std::map<std::string, uint64_t>& counts);

// A conversation column's roles for its role table, by message count as ByCount orders them;
// roles that have character statistics but no messages are included with 0. Sets
// *total_messages to the messages of all roles.
std::vector<std::pair<std::string, uint64_t>> RolesByMessages(
    const ConversationProfile& conversation, uint64_t* total_messages);

// Types with counts, most frequent first: "string 1,000, int 3"; FormatTypeNames leaves the
// counts out ("string, int") where space is short.
std::string FormatTypeCounts(const std::map<std::string, uint64_t>& types);
std::string FormatTypeNames(const std::map<std::string, uint64_t>& types);

// Valid UTF-8 on one line and safe to print: invalid bytes, control characters (C0, DEL, C1) and
// bidirectional overrides become U+FFFD; newlines and tabs become spaces.
std::string SanitizeText(std::string_view text);

// Terminal columns taken by sanitized text: wide East Asian characters and most emoji count 2,
// combining marks and zero-width characters 0, everything else 1.
size_t DisplayWidth(std::string_view text);

// Sanitizes `text` and cuts it to at most `width` display columns, ending in "…" when something
// was cut. FitWidthLeft cuts the start instead ("…/data/train.jsonl"), which keeps file names.
std::string FitWidth(std::string_view text, size_t width);
std::string FitWidthLeft(std::string_view text, size_t width);

// Sanitizes `text` and cuts it to at most `max_code_points` code points plus "…".
std::string ShortText(std::string_view text, size_t max_code_points);

// Sanitizes `text` and word-wraps it into lines of at most `width` display columns; words wider
// than a line are split. Always returns at least one line.
std::vector<std::string> WrapText(std::string_view text, size_t width);

// Appends spaces to (PadRight) or in front of (PadLeft) already sanitized text to reach `width`
// display columns; text that is already wider is returned unchanged.
std::string PadRight(std::string_view text, size_t width);
std::string PadLeft(std::string_view text, size_t width);

}  // namespace winnow
