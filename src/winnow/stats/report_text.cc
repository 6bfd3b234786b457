#include "winnow/stats/report_text.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

constexpr size_t kMinWidth = 60;
constexpr size_t kMaxBarCells = 40;
constexpr size_t kMaxSources = 10;
constexpr size_t kMaxLabels = 10;
constexpr size_t kMaxExamples = 3;
constexpr size_t kMaxObjectKeys = 10;
constexpr size_t kMaxDuplicateGroups = 5;

// Collects lines and guarantees the width: every line goes through FitWidth, so no section can
// overflow even when a layout decision was wrong.
class TextWriter {
 public:
  explicit TextWriter(size_t width) : width_(width) {}

  size_t Width() const { return width_; }

  void Line(size_t indent, std::string_view text) {
    std::string line(indent, ' ');
    line += FitWidth(text, width_ > indent ? width_ - indent : 0);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out_ += line;
    out_ += '\n';
  }

  void Blank() { out_ += '\n'; }

  // A heavy rule with the title: the start of a top-level section.
  void Section(std::string_view title) { Rule(title, "\u2501"); }
  // A light rule with the title: one column, conversation column or duplicate key.
  void Subsection(std::string_view title) { Rule(title, "\u2500"); }

  // Short "name value" items separated by two spaces; wrapped lines hang two columns deeper so
  // that they do not read as a new group.
  void Items(size_t indent, const std::vector<std::string>& items) {
    std::string line;
    size_t line_indent = indent;
    for (const std::string& raw : items) {
      std::string item = SanitizeText(raw);
      if (!line.empty() && line_indent + DisplayWidth(line) + 2 + DisplayWidth(item) > width_) {
        Line(line_indent, line);
        line.clear();
        line_indent = indent + 2;
      }
      line += (line.empty() ? "" : "  ") + item;
    }
    if (!line.empty()) Line(line_indent, line);
  }

  // A word-wrapped paragraph that starts with `bullet` and hangs under its first word.
  void Paragraph(size_t indent, std::string_view bullet, std::string_view text) {
    size_t hang = indent + DisplayWidth(bullet);
    std::vector<std::string> lines = WrapText(text, width_ > hang ? width_ - hang : 1);
    for (size_t i = 0; i < lines.size(); ++i) {
      Line(i == 0 ? indent : hang, (i == 0 ? std::string(bullet) : "") + lines[i]);
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  void Rule(std::string_view title, std::string_view stroke) {
    std::string line(stroke);
    line.append(stroke).append(" ").append(FitWidth(title, width_ - 4)).append(" ");
    for (size_t used = DisplayWidth(line); used < width_; ++used) line += stroke;
    out_ += line;
    out_ += '\n';
  }

  size_t width_;
  std::string out_;
};

struct TableColumn {
  std::string header;
  bool right_align = false;
  bool shrinkable = false;  // may be cut with "…" to fit the width
  bool cut_left = false;    // cut the start instead of the end (paths, file:line)
};

constexpr size_t kTableGap = 2;

// The widest cell (or header) of each column.
std::vector<size_t> NaturalWidths(const std::vector<TableColumn>& columns,
                                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  widths.reserve(columns.size());
  for (const TableColumn& column : columns) widths.push_back(DisplayWidth(column.header));
  for (const auto& row : rows) {
    for (size_t i = 0; i < columns.size() && i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(SanitizeText(row[i])));
    }
  }
  return widths;
}

size_t TableWidth(size_t indent, const std::vector<size_t>& widths) {
  size_t total = indent + kTableGap * (widths.size() - 1);
  for (size_t width : widths) total += width;
  return total;
}

// Lays out a table: natural column widths, then the widest shrinkable column gives up one
// column at a time until the table fits.
void Table(size_t indent, const std::vector<TableColumn>& columns,
           const std::vector<std::vector<std::string>>& rows, TextWriter* out) {
  constexpr size_t kMinShrunk = 6;
  std::vector<size_t> widths = NaturalWidths(columns, rows);
  size_t total = TableWidth(indent, widths);
  while (total > out->Width()) {
    size_t widest = columns.size();
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].shrinkable && widths[i] > kMinShrunk &&
          (widest == columns.size() || widths[i] > widths[widest])) {
        widest = i;
      }
    }
    if (widest == columns.size()) break;  // nothing left to shrink: TextWriter cuts the line
    --widths[widest];
    --total;
  }
  auto render = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string cell = i < cells.size() ? cells[i] : "";
      std::string fitted =
          columns[i].cut_left ? FitWidthLeft(cell, widths[i]) : FitWidth(cell, widths[i]);
      if (i > 0) line.append(kTableGap, ' ');
      line += columns[i].right_align ? PadLeft(fitted, widths[i]) : PadRight(fitted, widths[i]);
    }
    out->Line(indent, line);
  };
  std::vector<std::string> headers;
  headers.reserve(columns.size());
  for (const TableColumn& column : columns) headers.push_back(column.header);
  render(headers);
  for (const auto& row : rows) render(row);
}

// A horizontal bar of `cells` columns for count/max, drawn in eighths of a cell.
std::string Bar(uint64_t count, uint64_t max, size_t cells) {
  static constexpr std::string_view kPartial[] = {"",       "\u258F", "\u258E", "\u258D",
                                                  "\u258C", "\u258B", "\u258A", "\u2589"};
  if (max == 0 || count == 0) return "";
  double fraction = static_cast<double>(count) / static_cast<double>(max);
  auto eighths = static_cast<uint64_t>(std::llround(fraction * static_cast<double>(cells * 8)));
  eighths = std::max<uint64_t>(eighths, 1);  // a non-empty bin never looks empty
  std::string bar;
  for (uint64_t i = 0; i < eighths / 8; ++i) bar += "\u2588";
  bar += kPartial[eighths % 8];
  return bar;
}

std::vector<std::string> SummaryItems(std::string_view label, const NumericSummary& summary) {
  std::vector<std::string> items = {std::string(label),
                                    "min " + FormatNumber(summary.min),
                                    "max " + FormatNumber(summary.max),
                                    "mean " + FormatNumber(summary.mean),
                                    "median " + FormatNumber(summary.median),
                                    "std " + FormatNumber(summary.std),
                                    "n " + FormatCount(summary.count)};
  if (summary.approximate) items.push_back("(median and histogram from a sample)");
  return items;
}

// One line per bin: the range, a bar scaled to the fullest bin, and the count.
void Histogram(size_t indent, const NumericSummary& summary, TextWriter* out) {
  if (summary.histogram.empty()) return;
  size_t label_width = 0;
  size_t count_width = 0;
  uint64_t max = 0;
  for (const HistogramBin& bin : summary.histogram) {
    label_width = std::max(label_width, DisplayWidth(FormatBinRange(bin)));
    count_width = std::max(count_width, FormatCount(bin.count).size());
    max = std::max(max, bin.count);
  }
  size_t fixed = indent + label_width + 2 + 1 + count_width;
  size_t cells = out->Width() > fixed + 5 ? std::min(kMaxBarCells, out->Width() - fixed) : 5;
  for (const HistogramBin& bin : summary.histogram) {
    std::string bar = Bar(bin.count, max, cells);
    out->Line(indent, PadLeft(FormatBinRange(bin), label_width) + "  " + PadRight(bar, cells) +
                          " " + PadLeft(FormatCount(bin.count), count_width));
  }
}

void Summary(std::string_view label, const NumericSummary& summary, TextWriter* out) {
  out->Items(2, SummaryItems(label, summary));
  Histogram(4, summary, out);
}

// "user 880 (88.0%)" items for a map of counts, largest first.
std::vector<std::string> CountItems(const std::map<std::string, uint64_t>& counts, uint64_t whole,
                                    size_t limit) {
  std::vector<std::pair<std::string, uint64_t>> sorted = ByCount(counts);
  std::vector<std::string> items;
  for (size_t i = 0; i < sorted.size() && i < limit; ++i) {
    std::string item = sorted[i].first + " " + FormatCount(sorted[i].second);
    if (whole > 0) item += " (" + FormatPercent(sorted[i].second, whole) + ")";
    items.push_back(item);
  }
  if (sorted.size() > limit) items.push_back("+" + FormatCount(sorted.size() - limit) + " more");
  return items;
}

// "label 12 (1.2%)".
std::string Counted(std::string_view label, uint64_t part, uint64_t whole) {
  return std::string(label) + " " + FormatCount(part) + " (" + FormatPercent(part, whole) + ")";
}

// `items` with `label` in front, for one Items() line.
std::vector<std::string> Labelled(std::string label, std::vector<std::string> items) {
  items.insert(items.begin(), std::move(label));
  return items;
}

// A row's location cut from the left to a third of the line, so that the snippet beside it keeps
// most of the room; the file name and line number survive the cut.
std::string ShortRowRef(const RowRef& row, const TextWriter& out) {
  constexpr size_t kMinRowRef = 24;
  return FitWidthLeft(FormatRowRef(row), std::max(kMinRowRef, out.Width() / 3));
}

void Examples(std::string_view title, const std::vector<RowRef>& rows, TextWriter* out) {
  if (rows.empty()) return;
  out->Line(2, title);
  std::vector<std::vector<std::string>> cells;
  for (size_t i = 0; i < rows.size() && i < kMaxExamples; ++i) {
    cells.push_back({FormatCount(rows[i].length), ShortRowRef(rows[i], *out), rows[i].snippet});
  }
  Table(4, {{"chars", true}, {"row", false, true, true}, {"text", false, true}}, cells, out);
}

void Header(const DatasetProfile& profile, TextWriter* out) {
  out->Section("winnow inspect");
  out->Items(2, {"rows " + FormatCount(profile.rows), "bytes " + FormatBytes(profile.bytes),
                 "seconds " + FormatSeconds(profile.seconds),
                 "bad records " + FormatCount(profile.bad_records),
                 "warnings " + FormatCount(profile.warnings.size())});
  size_t label = 10;
  for (size_t i = 0; i < profile.sources.size() && i < kMaxSources; ++i) {
    std::string path = FitWidthLeft(profile.sources[i], out->Width() - 2 - label);
    out->Line(2, PadRight(i == 0 ? "sources" : "", label) + path);
  }
  if (profile.sources.size() > kMaxSources) {
    out->Line(2 + label, "+" + FormatCount(profile.sources.size() - kMaxSources) + " more");
  }
  for (const std::string& warning : profile.warnings) out->Paragraph(2, "! ", warning);
}

void ColumnsTable(const DatasetProfile& profile, TextWriter* out) {
  out->Section("Columns (" + FormatCount(profile.columns.size()) + ")");
  if (profile.columns.empty()) {
    out->Line(2, "no columns");
    return;
  }
  std::vector<TableColumn> columns = {{"path", false, true}, {"types", false, true},
                                      {"present", true},     {"nulls", true},
                                      {"missing", true},     {"kind"}};
  auto rows_with = [&](bool type_counts) {
    std::vector<std::vector<std::string>> rows;
    for (const ColumnProfile& column : profile.columns) {
      rows.push_back({column.path,
                      type_counts ? FormatTypeCounts(column.types) : FormatTypeNames(column.types),
                      FormatPercent(column.present, profile.rows), FormatCount(column.nulls),
                      FormatCount(column.missing), ColumnKind(column)});
    }
    return rows;
  };
  // Counts cut in half ("string 1,0…") would mislead; when they do not fit, the table names the
  // types and each column's detail gives the counts.
  std::vector<std::vector<std::string>> rows = rows_with(true);
  if (TableWidth(2, NaturalWidths(columns, rows)) > out->Width()) rows = rows_with(false);
  Table(2, columns, rows, out);
}

void Labels(const ColumnProfile& column, TextWriter* out) {
  std::vector<std::vector<std::string>> rows;
  uint64_t max = column.labels.empty() ? 0 : column.labels.front().count;
  for (size_t i = 0; i < column.labels.size() && i < kMaxLabels; ++i) {
    const ValueFrequency& label = column.labels[i];
    rows.push_back({label.value, FormatCount(label.count),
                    FormatPercent(label.count, column.string_count), Bar(label.count, max, 12)});
  }
  Table(2, {{"value", false, true}, {"count", true}, {"share", true}, {""}}, rows, out);
  if (column.labels.size() > kMaxLabels) {
    out->Line(2, "+" + FormatCount(column.labels.size() - kMaxLabels) + " more values");
  }
}

void StringDetail(const ColumnProfile& column, TextWriter* out) {
  std::string distinct =
      (column.distinct_is_estimate ? "\u2248" : "") + FormatCount(column.distinct_strings);
  out->Items(2, {"strings " + FormatCount(column.string_count), "distinct " + distinct,
                 Counted("empty", column.empty_strings, column.string_count)});
  if (column.string_kind == StringKind::kLabel) Labels(column, out);
  if (column.text_length) Summary("length (chars)", *column.text_length, out);
  Examples("longest", column.longest, out);
  Examples("shortest", column.shortest, out);
}

void ListBoolObjectDetail(const ColumnProfile& column, TextWriter* out) {
  if (column.list_length) {
    Summary("list length", *column.list_length, out);
    if (!column.list_item_types.empty()) {
      out->Items(2, Labelled("item types", CountItems(column.list_item_types, 0, kMaxObjectKeys)));
    }
  }
  uint64_t bools = column.true_count + column.false_count;
  if (bools > 0) {
    out->Items(2, {Counted("true", column.true_count, bools),
                   Counted("false", column.false_count, bools)});
  }
  if (!column.object_keys.empty()) {
    out->Items(2, Labelled("keys", CountItems(column.object_keys, 0, kMaxObjectKeys)));
  }
  std::vector<std::string> shapes;
  if (column.message_lists > 0) {
    shapes.push_back("message lists " + FormatCount(column.message_lists));
  }
  if (column.message_objects > 0) {
    shapes.push_back("single messages " + FormatCount(column.message_objects));
  }
  if (column.hh_transcripts > 0) {
    shapes.push_back("HH transcripts " + FormatCount(column.hh_transcripts));
  }
  if (!shapes.empty()) out->Items(2, shapes);
}

void ColumnDetail(const ColumnProfile& column, uint64_t rows, TextWriter* out) {
  out->Subsection(column.path + " \u00B7 " + ColumnKind(column));
  std::vector<std::string> counts = {Counted("present", column.present, rows),
                                     "nulls " + FormatCount(column.nulls),
                                     "missing " + FormatCount(column.missing)};
  if (!column.types.empty()) counts.push_back("types " + FormatTypeCounts(column.types));
  out->Items(2, counts);
  if (column.numbers) Summary("numbers", *column.numbers, out);
  if (column.string_count > 0) StringDetail(column, out);
  ListBoolObjectDetail(column, out);
}

void RoleTable(const ConversationProfile& conversation, TextWriter* out) {
  uint64_t messages = 0;
  std::vector<std::pair<std::string, uint64_t>> sorted = RolesByMessages(conversation, &messages);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [role, count] : sorted) {
    auto chars = conversation.role_chars.find(role);
    bool known = chars != conversation.role_chars.end();
    rows.push_back({role, FormatCount(count), FormatPercent(count, messages),
                    known ? FormatNumber(chars->second.mean) : "-",
                    known ? FormatNumber(chars->second.median) : "-"});
  }
  Table(2,
        {{"role", false, true},
         {"messages", true},
         {"share", true},
         {"mean chars", true},
         {"median chars", true}},
        rows, out);
}

void Conversation(const ConversationProfile& conversation, TextWriter* out) {
  std::string keys;
  for (const std::string& key : conversation.role_keys) keys += (keys.empty() ? "" : ", ") + key;
  out->Subsection(conversation.path + (keys.empty() ? "" : " \u00B7 " + keys));
  uint64_t n = conversation.conversations;
  out->Items(
      2, {"conversations " + FormatCount(n), Counted("with system", conversation.with_system, n),
          Counted("not alternating", conversation.not_alternating, n),
          "empty messages " + FormatCount(conversation.empty_messages)});
  if (conversation.turns) Summary("turns", *conversation.turns, out);
  if (!conversation.role_messages.empty() || !conversation.role_chars.empty()) {
    RoleTable(conversation, out);
  }
  out->Items(2, Labelled("first roles", CountItems(conversation.first_roles, n, kMaxLabels)));
  out->Items(2, Labelled("last roles", CountItems(conversation.last_roles, n, kMaxLabels)));
  if (conversation.last_turn_chars) {
    Summary("last turn (chars)", *conversation.last_turn_chars, out);
  }
  out->Items(2, {Counted("filler endings", conversation.filler_endings, n)});
  Examples("filler examples", conversation.filler_examples, out);
}

void Duplicates(const DuplicateProfile& duplicates, TextWriter* out) {
  out->Subsection(duplicates.what);
  out->Items(
      2, {"rows " + FormatCount(duplicates.rows), "distinct " + FormatCount(duplicates.distinct),
          Counted("duplicate rows", duplicates.duplicate_rows, duplicates.rows)});
  if (duplicates.top.empty()) return;
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < duplicates.top.size() && i < kMaxDuplicateGroups; ++i) {
    const DuplicateGroup& group = duplicates.top[i];
    rows.push_back({FormatCount(group.count), "#" + std::to_string(group.first_row),
                    ShortRowRef(group.first, *out), group.first.snippet});
  }
  Table(2,
        {{"count", true},
         {"first row", true},
         {"repeated at", false, true, true},
         {"value", false, true}},
        rows, out);
}

void Trl(const TrlDetection& trl, TextWriter* out) {
  out->Section("TRL dataset type");
  std::vector<std::string> items = {"type " + (trl.type.empty() ? "unknown" : trl.type)};
  if (!trl.form.empty()) items.push_back("form " + trl.form);
  if (!trl.source_format.empty()) items.push_back("source format " + trl.source_format);
  if (trl.implicit_prompt) items.push_back("implicit prompt");
  out->Items(2, items);
  auto bullets = [out](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out->Line(2, title);
    for (const std::string& line : lines) out->Paragraph(4, "\u2022 ", line);
  };
  bullets("evidence", trl.evidence);
  bullets("trainers", trl.trainers);
  bullets("advice", trl.advice);
}

}  // namespace

std::string RenderProfileText(const DatasetProfile& profile, size_t width) {
  TextWriter out(std::max(width, kMinWidth));
  Header(profile, &out);
  out.Blank();
  ColumnsTable(profile, &out);
  for (const ColumnProfile& column : profile.columns) {
    out.Blank();
    ColumnDetail(column, profile.rows, &out);
  }
  if (!profile.conversations.empty()) {
    out.Blank();
    out.Section("Conversations");
    for (size_t i = 0; i < profile.conversations.size(); ++i) {
      if (i > 0) out.Blank();
      Conversation(profile.conversations[i], &out);
    }
  }
  if (!profile.duplicates.empty()) {
    out.Blank();
    out.Section("Duplicates");
    for (size_t i = 0; i < profile.duplicates.size(); ++i) {
      if (i > 0) out.Blank();
      Duplicates(profile.duplicates[i], &out);
    }
  }
  out.Blank();
  Trl(profile.trl, &out);
  return out.Take();
}

size_t TerminalWidth() {
  constexpr size_t kDefault = 100;
  size_t width = kDefault;
  struct winsize size {};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    width = size.ws_col;
  } else if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    size_t parsed = 0;
    const char* end = columns + std::strlen(columns);
    auto [ptr, error] = std::from_chars(columns, end, parsed);
    if (error == std::errc() && ptr == end && parsed > 0) width = parsed;
  }
  return std::clamp<size_t>(width, 60, 200);
}

}  // namespace winnow
