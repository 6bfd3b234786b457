#pragma once

// markdown_clean: cleans a Markdown text field (see markdown_clean.h) and lifts its YAML front
// matter into columns. Parallel, no per-worker state.
//
// Records whose field is missing or not a string, or whose front matter does not parse, are
// rejected with the reason ("front matter: line 4, column 3: illegal map value"). Counters:
// documents, with_front_matter, rejected, bytes_in, bytes_out and removed.<category> for each
// category of MarkdownCleanStats.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/text/markdown_clean.h"

namespace winnow {

enum class FrontMatterMode {
  kColumns,  // each top-level key becomes a column
  kObject,   // one column "front_matter" holds the mapping (null without front matter)
  kDrop,     // removed from the text and not kept
};

struct MarkdownCleanStepOptions {
  std::string field = "text";  // top-level string field holding the Markdown
  std::string output;          // where the cleaned text goes; empty: back into `field`
  // In kColumns mode a key that names an existing column, the output field or a report column
  // is written as "fm_<key>" (again until it is free), so nothing is overwritten.
  FrontMatterMode front_matter = FrontMatterMode::kColumns;
  // Add md_removed_bytes (int) and md_removed_fraction (removed / input bytes, 0 for an empty
  // text). Default true.
  bool report_columns = true;
  MarkdownCleanOptions clean;
};

class MarkdownCleanStep : public Step {
 public:
  explicit MarkdownCleanStep(MarkdownCleanStepOptions options);
  std::string_view name() const override { return "markdown_clean"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override;

  // The totals of the counters, as stats (for summaries).
  MarkdownCleanStats Totals() const;

 private:
  // Cleans one record and counts it in *stats; returns a reject reason, or "" when the record
  // was cleaned. Fails only when a column cannot be set (a bug).
  Result<std::string> CleanRecord(Record& record, simdjson::dom::parser& parser,
                                  MarkdownCleanStats* stats, uint64_t* with_front_matter) const;
  Status SetFrontMatter(Record& record, const std::optional<FrontMatter>& front_matter,
                        simdjson::dom::parser& parser) const;
  void AddCounters(const MarkdownCleanStats& stats, uint64_t with_front_matter, uint64_t rejected,
                   Counters& counters) const;

  MarkdownCleanStepOptions options_;
};

// Options: field, output, front_matter (columns|object|drop), report_columns, drop_code,
// drop_tables, keep_image_alt, drop_autolinks, drop_bare_urls.
Result<std::unique_ptr<Step>> CreateMarkdownCleanStep(StepOptions& options);

}  // namespace winnow
