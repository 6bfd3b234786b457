#pragma once

// Dataset file formats and how winnow picks one for a path.

#include <optional>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow {

enum class Format {
  kJsonl,      // one JSON object per line (.jsonl, .ndjson; .json whose first byte is not '[')
  kJsonArray,  // a top-level JSON array of objects (.json starting with '[')
  kCsv,        // RFC 4180, comma, header row (.csv)
  kTsv,        // the same with tabs (.tsv)
  kText,       // plain text: a record per line, or per file (.txt, .md)
  kParquet,    // reserved: not readable yet
};

const char* FormatName(Format format);
// "jsonl", "json", "csv", "tsv", "text"; error lists the valid names.
Result<Format> ParseFormatName(std::string_view name);

// The format a path's extension implies (compression extensions ignored). For ".json" this is
// kJsonl; readers sniff the first byte to switch to kJsonArray. nullopt for unknown extensions.
std::optional<Format> FormatFromPath(std::string_view path);

// Whether a reader of this format can start in the middle of an uncompressed file (records never
// contain raw newlines), which lets --shard split one big file between shards.
bool IsLineSplittable(Format format);

}  // namespace winnow
