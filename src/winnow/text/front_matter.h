#pragma once

// YAML front matter of Markdown documents (dataset cards, static-site pages):
//
//   ---
//   license: mit
//   tags: [nlp, qa]
//   ---
//   # The document
//
// SplitFrontMatter finds the block; ParseFrontMatter turns its YAML into JSON values, typed the
// way YAML 1.2's core schema reads plain scalars (true/false, integers, floats, null/~/empty).
// yaml-cpp throws; nothing here does: its exceptions become a Status at this wrapper.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

// The front matter block of a document. Views into the document passed to SplitFrontMatter:
// valid as long as that text is.
struct FrontMatterBlock {
  std::string_view yaml;       // between the opening and closing marker lines
  std::string_view body;       // the document after the closing marker line
  size_t block_bytes = 0;      // bytes of the block: BOM, markers, YAML and line ends
  size_t yaml_first_line = 2;  // 1-based line of the document where `yaml` starts
};

// Finds a front matter block: an optional UTF-8 BOM, a first line `---`, YAML lines, and a closing
// line `---` or `...` (trailing spaces and CRLF line ends allowed on the marker lines). Returns
// nullopt when the document does not start with `---` or the block is never closed: a lone
// leading `---` is a Markdown thematic break, not front matter.
std::optional<FrontMatterBlock> SplitFrontMatter(std::string_view document);
// `document` must outlive the views the result holds.
std::optional<FrontMatterBlock> SplitFrontMatter(std::string&& document) = delete;

// One top-level key of the front matter with its value as compact JSON text.
struct FrontMatterField {
  std::string key;
  std::string json;
};

// The top-level mapping of a front matter block, in document order. A key given twice keeps its
// first position and its last value (as PyYAML, which the Hugging Face Hub uses, does).
struct FrontMatter {
  std::vector<FrontMatterField> fields;

  // The whole mapping as one JSON object.
  std::string ObjectJson() const;
};

// Parses front matter YAML. `first_line` is the document line where `yaml` starts, so errors
// point into the document: "front matter: line 4, column 3: illegal map value". Also fails when
// the top level is not a mapping (an empty block is an empty mapping), when values nest deeper
// than 64 levels, or when aliases expand the JSON past 8x the YAML plus 64 KiB (a "billion
// laughs" document). Conversion rules:
//   mappings -> objects; keys that are not strings become their text ("1", "true", "[a, b]")
//   sequences -> arrays
//   plain scalars: true/false (any capitalisation YAML allows) -> bool; decimal, 0x and 0o
//     integers that fit in 64 bits -> integers; decimal floats -> numbers; null, ~ and empty ->
//     null; .inf/.nan and everything else (dates, yes/no, version strings) -> strings
//   quoted and block scalars, and scalars tagged !!str -> strings; other tags are ignored
Result<FrontMatter> ParseFrontMatter(std::string_view yaml, size_t first_line);

}  // namespace winnow
