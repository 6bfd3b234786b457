#include "winnow/text/markdown_clean_step.h"

#include <utility>

namespace winnow {
namespace {

constexpr std::string_view kRemovedBytes = "md_removed_bytes";
constexpr std::string_view kRemovedFraction = "md_removed_fraction";
constexpr std::string_view kFrontMatterColumn = "front_matter";
// Each column is a Record::Set, whose cost grows with the columns already set: a front matter
// with thousands of keys is data, not metadata, and belongs in one object column.
constexpr size_t kMaxFrontMatterColumns = 1000;

const char* TypeName(simdjson::dom::element_type type) {
  switch (type) {
    case simdjson::dom::element_type::ARRAY:
      return "a list";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::BOOL:
      return "a bool";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

bool HasField(const Record& record, std::string_view key) {
  return record.Field(key).error() == simdjson::SUCCESS;
}

}  // namespace

MarkdownCleanStep::MarkdownCleanStep(MarkdownCleanStepOptions options)
    : options_(std::move(options)) {
  if (options_.output.empty()) options_.output = options_.field;
}

Status MarkdownCleanStep::Process(Batch& batch, StepContext& ctx) {
  MarkdownCleanStats stats;
  uint64_t with_front_matter = 0;
  uint64_t rejected = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    WINNOW_ASSIGN_OR_RETURN(std::string reason,
                            CleanRecord(batch.records[i], *ctx.parser, &stats, &with_front_matter));
    if (!reason.empty()) {
      batch.Reject(i, std::string(name()), std::move(reason));
      ++rejected;
    }
  }
  if (rejected > 0) batch.Compact();
  AddCounters(stats, with_front_matter, rejected, *ctx.counters);
  return Status::OK();
}

Result<std::string> MarkdownCleanStep::CleanRecord(Record& record, simdjson::dom::parser& parser,
                                                   MarkdownCleanStats* stats,
                                                   uint64_t* with_front_matter) const {
  if (!record.parsed()) {
    Status parsed = record.Parse(parser);
    if (!parsed.ok()) return parsed.message();
  }
  auto field = record.Field(options_.field);
  if (field.error()) return "field '" + options_.field + "' is missing";
  std::string_view text;
  if (field.get_string().get(text)) {
    return "field '" + options_.field + "' is " + TypeName(field.type()) + ", not a string";
  }
  MarkdownCleanStats document;
  auto cleaned = CleanMarkdownDocument(text, options_.clean, &document);
  if (!cleaned) return cleaned.error().message();
  if (options_.front_matter == FrontMatterMode::kColumns && cleaned->front_matter &&
      cleaned->front_matter->fields.size() > kMaxFrontMatterColumns) {
    return "front matter: " + std::to_string(cleaned->front_matter->fields.size()) +
           " keys, more than the " + std::to_string(kMaxFrontMatterColumns) +
           " columns front_matter: columns makes (use front_matter: object)";
  }
  // `text` may point into an overlay field that the next line replaces: it is not used after.
  WINNOW_RETURN_IF_ERROR(record.SetString(options_.output, cleaned->text, parser));
  WINNOW_RETURN_IF_ERROR(SetFrontMatter(record, cleaned->front_matter, parser));
  if (options_.report_columns) {
    const uint64_t removed = document.removed();
    WINNOW_RETURN_IF_ERROR(record.SetInt(kRemovedBytes, static_cast<int64_t>(removed), parser));
    const double fraction =
        document.bytes_in == 0 ? 0.0 : static_cast<double>(removed) / document.bytes_in;
    WINNOW_RETURN_IF_ERROR(record.SetNumber(kRemovedFraction, fraction, parser));
  }
  if (cleaned->front_matter) ++*with_front_matter;
  stats->Add(document);
  return std::string();
}

Status MarkdownCleanStep::SetFrontMatter(Record& record,
                                         const std::optional<FrontMatter>& front_matter,
                                         simdjson::dom::parser& parser) const {
  switch (options_.front_matter) {
    case FrontMatterMode::kDrop:
      return Status::OK();
    case FrontMatterMode::kObject:
      return record.Set(kFrontMatterColumn, front_matter ? front_matter->ObjectJson() : "null",
                        parser);
    case FrontMatterMode::kColumns:
      break;
  }
  if (!front_matter) return Status::OK();
  for (const FrontMatterField& field : front_matter->fields) {
    std::string column = field.key;
    while (column == options_.output || HasField(record, column) ||
           (options_.report_columns && (column == kRemovedBytes || column == kRemovedFraction))) {
      column.insert(0, "fm_");
    }
    WINNOW_RETURN_IF_ERROR(record.Set(column, field.json, parser));
  }
  return Status::OK();
}

void MarkdownCleanStep::AddCounters(const MarkdownCleanStats& stats, uint64_t with_front_matter,
                                    uint64_t rejected, Counters& counters) const {
  counters.Add("documents", stats.documents);
  counters.Add("with_front_matter", with_front_matter);
  counters.Add("rejected", rejected);
  counters.Add("bytes_in", stats.bytes_in);
  counters.Add("bytes_out", stats.bytes_out);
  counters.Add("removed.front_matter", stats.front_matter);
  counters.Add("removed.html_comments", stats.html_comments);
  counters.Add("removed.html_tags", stats.html_tags);
  counters.Add("removed.badges", stats.badges);
  counters.Add("removed.images", stats.images);
  counters.Add("removed.link_urls", stats.link_urls);
  counters.Add("removed.code_blocks", stats.code_blocks);
  counters.Add("removed.tables", stats.tables);
  counters.Add("removed.whitespace", stats.whitespace);
}

MarkdownCleanStats MarkdownCleanStep::Totals() const {
  const Counters& c = counters();
  MarkdownCleanStats stats;
  stats.documents = c.Get("documents");
  stats.bytes_in = c.Get("bytes_in");
  stats.bytes_out = c.Get("bytes_out");
  stats.front_matter = c.Get("removed.front_matter");
  stats.html_comments = c.Get("removed.html_comments");
  stats.html_tags = c.Get("removed.html_tags");
  stats.badges = c.Get("removed.badges");
  stats.images = c.Get("removed.images");
  stats.link_urls = c.Get("removed.link_urls");
  stats.code_blocks = c.Get("removed.code_blocks");
  stats.tables = c.Get("removed.tables");
  stats.whitespace = c.Get("removed.whitespace");
  return stats;
}

Result<std::unique_ptr<Step>> CreateMarkdownCleanStep(StepOptions& options) {
  MarkdownCleanStepOptions step;
  WINNOW_ASSIGN_OR_RETURN(step.field, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(step.output, options.GetString("output", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string mode, options.GetString("front_matter", "columns"));
  WINNOW_ASSIGN_OR_RETURN(step.report_columns, options.GetBool("report_columns", true));
  MarkdownCleanOptions& clean = step.clean;
  WINNOW_ASSIGN_OR_RETURN(clean.drop_code_blocks, options.GetBool("drop_code", false));
  WINNOW_ASSIGN_OR_RETURN(clean.drop_tables, options.GetBool("drop_tables", false));
  WINNOW_ASSIGN_OR_RETURN(clean.keep_image_alt, options.GetBool("keep_image_alt", false));
  WINNOW_ASSIGN_OR_RETURN(clean.drop_autolinks, options.GetBool("drop_autolinks", false));
  WINNOW_ASSIGN_OR_RETURN(clean.drop_bare_urls, options.GetBool("drop_bare_urls", false));
  if (step.field.empty()) {
    return Error(Status::InvalidArgument("step 'markdown_clean': field must not be empty"));
  }
  if (mode == "columns") {
    step.front_matter = FrontMatterMode::kColumns;
  } else if (mode == "object") {
    step.front_matter = FrontMatterMode::kObject;
  } else if (mode == "drop") {
    step.front_matter = FrontMatterMode::kDrop;
  } else {
    return Error(Status::InvalidArgument("step 'markdown_clean': front_matter is '" + mode +
                                         "', expected columns, object or drop"));
  }
  return std::unique_ptr<Step>(new MarkdownCleanStep(std::move(step)));
}

}  // namespace winnow
