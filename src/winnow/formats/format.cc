#include "winnow/formats/format.h"

#include "winnow/io/byte_stream.h"

namespace winnow {

const char* FormatName(Format format) {
  switch (format) {
    case Format::kJsonl:
      return "jsonl";
    case Format::kJsonArray:
      return "json";
    case Format::kCsv:
      return "csv";
    case Format::kTsv:
      return "tsv";
    case Format::kText:
      return "text";
    case Format::kParquet:
      return "parquet";
  }
  return "unknown";
}

Result<Format> ParseFormatName(std::string_view name) {
  if (name == "jsonl" || name == "ndjson") return Format::kJsonl;
  if (name == "json") return Format::kJsonArray;
  if (name == "csv") return Format::kCsv;
  if (name == "tsv") return Format::kTsv;
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "parquet") return Format::kParquet;
  return Error(Status::InvalidArgument("unknown format '" + std::string(name) +
                                       "' (expected jsonl, json, csv, tsv or text)"));
}

std::optional<Format> FormatFromPath(std::string_view path) {
  std::string_view base = StripCompressionExtension(path);
  auto ends_with = [&](std::string_view suffix) {
    return base.size() >= suffix.size() && base.substr(base.size() - suffix.size()) == suffix;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".json")) return Format::kJsonl;
  if (ends_with(".csv")) return Format::kCsv;
  if (ends_with(".tsv")) return Format::kTsv;
  if (ends_with(".txt") || ends_with(".md") || ends_with(".markdown")) return Format::kText;
  if (ends_with(".parquet")) return Format::kParquet;
  return std::nullopt;
}

bool IsLineSplittable(Format format) { return format == Format::kJsonl; }

}  // namespace winnow
