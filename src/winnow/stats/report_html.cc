#include "winnow/stats/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/stats/html_page.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

// Caps that keep the page small for wide datasets; the JSON report has everything. Column cards
// stop once they take kColumnCardBytes; the columns table always lists every column.
constexpr size_t kColumnCardBytes = size_t{300} * 1024;
constexpr size_t kMaxSources = 50;
constexpr size_t kMaxWarnings = 100;
constexpr size_t kMaxLabels = 25;
constexpr size_t kMaxKeys = 30;
constexpr size_t kMaxExamples = 5;
constexpr size_t kMaxFillerExamples = 3;
constexpr size_t kMaxDuplicateGroups = 10;
constexpr size_t kSnippetChars = 240;
constexpr size_t kLabelChars = 120;

std::string Snip(std::string_view text, size_t max_chars = kSnippetChars) {
  return HtmlEscape(ShortText(text, max_chars));
}

std::string CountedStat(std::string_view label, uint64_t part, uint64_t whole) {
  return HtmlStat(label, FormatCount(part) + " (" + FormatPercent(part, whole) + ")");
}

// A bar chart of the bins: each bar carries a <title> tooltip with its range and count, and a
// transparent full-height target so that short bars are easy to hover.
void HistogramSvg(const NumericSummary& summary, std::string_view what, std::string* out) {
  if (summary.histogram.empty()) return;
  constexpr double kLeft = 4, kRight = 396, kTop = 16, kBottom = 120;
  uint64_t max = 0;
  for (const HistogramBin& bin : summary.histogram) max = std::max(max, bin.count);
  double slot = (kRight - kLeft) / static_cast<double>(summary.histogram.size());
  *out += fmt::format(
      R"(<svg class="hist" viewBox="0 0 400 140" role="img" aria-label="histogram of {}">)",
      HtmlEscape(what));
  for (size_t i = 0; i < summary.histogram.size(); ++i) {
    const HistogramBin& bin = summary.histogram[i];
    double height =
        max == 0 ? 0 : (kBottom - kTop) * static_cast<double>(bin.count) / static_cast<double>(max);
    if (bin.count > 0) height = std::max(height, 1.0);
    double x = kLeft + slot * static_cast<double>(i);
    *out += fmt::format(
        R"(<g><title>{}: {}</title><rect class="hit" x="{:.1f}" y="{}" width="{:.1f}" )"
        R"(height="{}"/><rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>)"
        "</g>",
        HtmlEscape(FormatBinRange(bin)), FormatCount(bin.count), x, kTop, slot, kBottom - kTop,
        x + 0.5, kBottom - height, std::max(slot - 1.0, 0.5), height);
  }
  *out +=
      fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}"/>)", kLeft, kBottom, kRight, kBottom);
  *out += fmt::format(R"(<text x="{}" y="11">{}</text>)", kLeft, FormatCount(max));
  *out += fmt::format(R"(<text x="{}" y="134">{}</text>)", kLeft,
                      HtmlEscape(FormatNumber(summary.min)));
  *out += fmt::format(R"(<text x="{}" y="134" text-anchor="end">{}</text>)", kRight,
                      HtmlEscape(FormatNumber(summary.max)));
  *out += "</svg>\n";
}

void SummaryBlock(std::string_view title, const NumericSummary& summary, std::string* out) {
  *out += fmt::format("<h4>{}</h4><div class=\"stats\">", HtmlEscape(title));
  *out += HtmlStat("min", FormatNumber(summary.min)) + HtmlStat("max", FormatNumber(summary.max)) +
          HtmlStat("mean", FormatNumber(summary.mean)) +
          HtmlStat("median", FormatNumber(summary.median)) +
          HtmlStat("std", FormatNumber(summary.std)) +
          HtmlStat("values", FormatCount(summary.count));
  *out += "</div>\n";
  if (summary.approximate) *out += "<p class=\"muted\">median and histogram from a sample</p>";
  HistogramSvg(summary, title, out);
}

void RowTable(std::string_view title, const std::vector<RowRef>& rows, size_t limit, bool open,
              std::string* out) {
  if (rows.empty()) return;
  *out += fmt::format(
      "<details{}><summary>{}</summary><table><tr><th class=\"n\">chars</th>"
      "<th>row</th><th>text</th></tr>",
      open ? " open" : "", HtmlEscape(title));
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    *out += fmt::format(R"(<tr><td class="n">{}</td><td class="mono">{}</td><td class="snip">{})"
                        "</td></tr>",
                        FormatCount(rows[i].length), HtmlEscape(FormatRowRef(rows[i])),
                        Snip(rows[i].snippet));
  }
  *out += "</table></details>\n";
}

// Name/count/share/meter rows for a map of counts, largest first.
void CountTable(std::string_view name, const std::map<std::string, uint64_t>& counts,
                uint64_t whole, std::string* out) {
  std::vector<std::pair<std::string, uint64_t>> sorted = ByCount(counts);
  *out += fmt::format(
      "<table><tr><th>{}</th><th class=\"n\">count</th><th class=\"n\">share</th>"
      "<th></th></tr>",
      HtmlEscape(name));
  for (size_t i = 0; i < sorted.size() && i < kMaxKeys; ++i) {
    *out += fmt::format(R"(<tr><td class="mono">{}</td><td class="n">{}</td><td class="n">{}</td>)"
                        "<td>{}</td></tr>",
                        HtmlEscape(sorted[i].first), FormatCount(sorted[i].second),
                        FormatPercent(sorted[i].second, whole), HtmlMeter(sorted[i].second, whole));
  }
  *out += "</table>\n";
}

void Labels(const ColumnProfile& column, std::string* out) {
  *out +=
      "<h4>top values</h4><table><tr><th>value</th><th class=\"n\">count</th>"
      "<th class=\"n\">share</th><th></th></tr>";
  for (size_t i = 0; i < column.labels.size() && i < kMaxLabels; ++i) {
    const ValueFrequency& label = column.labels[i];
    *out += fmt::format(R"(<tr><td class="snip">{}</td><td class="n">{}</td><td class="n">{}</td>)"
                        "<td>{}</td></tr>",
                        Snip(label.value, kLabelChars), FormatCount(label.count),
                        FormatPercent(label.count, column.string_count),
                        HtmlMeter(label.count, column.string_count));
  }
  *out += "</table>\n";
  if (column.labels.size() > kMaxLabels) {
    *out += fmt::format("<p class=\"muted\">+{} more values</p>",
                        FormatCount(column.labels.size() - kMaxLabels));
  }
}

void Strings(const ColumnProfile& column, std::string* out) {
  std::string distinct =
      (column.distinct_is_estimate ? "\u2248" : "") + FormatCount(column.distinct_strings);
  *out += "<div class=\"stats\">" + HtmlStat("strings", FormatCount(column.string_count)) +
          HtmlStat("distinct", distinct) +
          CountedStat("empty", column.empty_strings, column.string_count) + "</div>\n";
  if (column.string_kind == StringKind::kLabel) Labels(column, out);
  if (column.text_length) SummaryBlock("length (characters)", *column.text_length, out);
  RowTable("longest", column.longest, kMaxExamples, true, out);
  RowTable("shortest", column.shortest, kMaxExamples, false, out);
}

void ColumnCard(const ColumnProfile& column, size_t index, uint64_t rows, std::string* out) {
  *out += fmt::format(R"(<article class="card" id="col-{}"><h3 class="mono">{})"
                      R"(<span class="tag">{}</span></h3><div class="stats">)",
                      index, HtmlEscape(column.path), HtmlEscape(ColumnKind(column)));
  *out += CountedStat("present", column.present, rows) +
          HtmlStat("nulls", FormatCount(column.nulls)) +
          HtmlStat("missing", FormatCount(column.missing)) +
          HtmlStat("types", FormatTypeCounts(column.types)) + "</div>\n";
  if (column.numbers) SummaryBlock("numbers", *column.numbers, out);
  if (column.string_count > 0) Strings(column, out);
  if (column.list_length) {
    SummaryBlock("list length", *column.list_length, out);
    uint64_t items = 0;
    for (const auto& [type, count] : column.list_item_types) items += count;
    if (!column.list_item_types.empty()) {
      CountTable("item type", column.list_item_types, items, out);
    }
  }
  uint64_t bools = column.true_count + column.false_count;
  if (bools > 0) {
    std::map<std::string, uint64_t> counts = {{"true", column.true_count},
                                              {"false", column.false_count}};
    CountTable("value", counts, bools, out);
  }
  if (!column.object_keys.empty()) CountTable("key", column.object_keys, column.present, out);
  std::string shapes;
  if (column.message_lists > 0)
    shapes += HtmlStat("message lists", FormatCount(column.message_lists));
  if (column.message_objects > 0) {
    shapes += HtmlStat("single messages", FormatCount(column.message_objects));
  }
  if (column.hh_transcripts > 0) {
    shapes += HtmlStat("HH transcripts", FormatCount(column.hh_transcripts));
  }
  if (!shapes.empty()) *out += "<div class=\"stats\">" + shapes + "</div>\n";
  *out += "</article>\n";
}

void RoleTable(const ConversationProfile& conversation, std::string* out) {
  uint64_t messages = 0;
  std::vector<std::pair<std::string, uint64_t>> sorted = RolesByMessages(conversation, &messages);
  *out +=
      "<table><tr><th>role</th><th class=\"n\">messages</th><th class=\"n\">share</th><th>"
      "</th><th class=\"n\">mean chars</th><th class=\"n\">median chars</th></tr>";
  for (const auto& [role, count] : sorted) {
    auto chars = conversation.role_chars.find(role);
    bool known = chars != conversation.role_chars.end();
    *out += fmt::format(R"(<tr><td class="mono">{}</td><td class="n">{}</td><td class="n">{}</td>)"
                        R"(<td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>)",
                        HtmlEscape(role), FormatCount(count), FormatPercent(count, messages),
                        HtmlMeter(count, messages), known ? FormatNumber(chars->second.mean) : "-",
                        known ? FormatNumber(chars->second.median) : "-");
  }
  *out += "</table>\n";
}

void ConversationCard(const ConversationProfile& conversation, std::string* out) {
  uint64_t n = conversation.conversations;
  std::string keys;
  for (const std::string& key : conversation.role_keys) keys += (keys.empty() ? "" : ", ") + key;
  *out += fmt::format(R"(<article class="card"><h3 class="mono">{}<span class="tag">{}</span>)"
                      "</h3><div class=\"stats\">",
                      HtmlEscape(conversation.path), HtmlEscape(keys));
  *out += HtmlStat("conversations", FormatCount(n)) +
          CountedStat("with system", conversation.with_system, n) +
          CountedStat("not alternating", conversation.not_alternating, n) +
          HtmlStat("empty messages", FormatCount(conversation.empty_messages)) +
          CountedStat("filler endings", conversation.filler_endings, n) + "</div>\n";
  if (conversation.turns) SummaryBlock("turns per conversation", *conversation.turns, out);
  *out += "<h4>roles</h4>";
  RoleTable(conversation, out);
  *out += "<div class=\"grid\"><div>";
  CountTable("first role", conversation.first_roles, n, out);
  *out += "</div><div>";
  CountTable("last role", conversation.last_roles, n, out);
  *out += "</div></div>\n";
  if (conversation.last_turn_chars) {
    SummaryBlock("last turn (characters)", *conversation.last_turn_chars, out);
  }
  RowTable("filler endings", conversation.filler_examples, kMaxFillerExamples, true, out);
  *out += "</article>\n";
}

void DuplicateCard(const DuplicateProfile& duplicates, std::string* out) {
  *out += fmt::format("<article class=\"card\"><h3>{}</h3><div class=\"stats\">",
                      HtmlEscape(duplicates.what));
  *out += HtmlStat("rows", FormatCount(duplicates.rows)) +
          HtmlStat("distinct", FormatCount(duplicates.distinct)) +
          CountedStat("duplicate rows", duplicates.duplicate_rows, duplicates.rows) + "</div>\n";
  if (!duplicates.top.empty()) {
    *out +=
        "<table><tr><th class=\"n\">count</th><th class=\"n\">first row</th><th>repeated at</th>"
        "<th>value</th></tr>";
    for (size_t i = 0; i < duplicates.top.size() && i < kMaxDuplicateGroups; ++i) {
      const DuplicateGroup& group = duplicates.top[i];
      *out +=
          fmt::format(R"(<tr><td class="n">{}</td><td class="n">#{}</td><td class="mono">{}</td>)"
                      R"(<td class="snip">{}</td></tr>)",
                      FormatCount(group.count), group.first_row,
                      HtmlEscape(FormatRowRef(group.first)), Snip(group.first.snippet));
    }
    *out += "</table>\n";
  }
  *out += "</article>\n";
}

void List(std::string_view title, const std::vector<std::string>& items, std::string* out) {
  if (items.empty()) return;
  *out += fmt::format("<h4>{}</h4><ul>", HtmlEscape(title));
  for (const std::string& item : items) *out += "<li>" + HtmlEscape(item) + "</li>";
  *out += "</ul>\n";
}

void TrlCard(const TrlDetection& trl, std::string* out) {
  *out +=
      "<section id=\"trl\"><h2>TRL dataset type</h2><article class=\"card\"><div "
      "class=\"stats\">";
  *out += HtmlStat("type", trl.type.empty() ? "unknown" : trl.type);
  if (!trl.form.empty()) *out += HtmlStat("form", trl.form);
  if (!trl.source_format.empty()) *out += HtmlStat("source format", trl.source_format);
  if (trl.implicit_prompt) *out += HtmlStat("prompt", "implicit");
  *out += "</div>\n";
  List("evidence", trl.evidence, out);
  List("trainers", trl.trainers, out);
  List("advice", trl.advice, out);
  *out += "</article></section>\n";
}

void SummaryCard(const DatasetProfile& profile, std::string* out) {
  *out += "<article class=\"card\"><h1>winnow inspect</h1><div class=\"stats\">";
  *out +=
      HtmlStat("rows", FormatCount(profile.rows)) + HtmlStat("bytes", FormatBytes(profile.bytes)) +
      HtmlStat("time", FormatSeconds(profile.seconds)) +
      HtmlStat("columns", FormatCount(profile.columns.size())) +
      HtmlStat("bad records", FormatCount(profile.bad_records)) +
      HtmlStat("warnings", FormatCount(profile.warnings.size())) +
      HtmlStat("TRL type", profile.trl.type.empty() ? "unknown" : profile.trl.type) + "</div>\n";
  *out += "<h4>sources</h4><ul class=\"mono\">";
  for (size_t i = 0; i < profile.sources.size() && i < kMaxSources; ++i) {
    *out += "<li>" + HtmlEscape(profile.sources[i]) + "</li>";
  }
  if (profile.sources.size() > kMaxSources) {
    *out +=
        "<li class=\"muted\">+" + FormatCount(profile.sources.size() - kMaxSources) + " more</li>";
  }
  *out += "</ul>\n";
  if (!profile.warnings.empty()) {
    *out += "<h4>warnings</h4><ul class=\"warn\">";
    for (size_t i = 0; i < profile.warnings.size() && i < kMaxWarnings; ++i) {
      *out += "<li>" + HtmlEscape(profile.warnings[i]) + "</li>";
    }
    *out += "</ul>\n";
  }
  *out += "</article>\n";
}

void ColumnsSection(const DatasetProfile& profile, std::string* out) {
  *out += "<section id=\"columns\"><h2>Columns</h2><article class=\"card\">";
  if (profile.columns.empty()) {
    *out += "<p class=\"muted\">no columns</p></article></section>\n";
    return;
  }
  // Cards first, so that the table links only to the cards that fit the budget.
  std::string cards;
  size_t shown = 0;
  while (shown < profile.columns.size() && cards.size() < kColumnCardBytes) {
    ColumnCard(profile.columns[shown], shown, profile.rows, &cards);
    ++shown;
  }
  *out +=
      "<table><tr><th>path</th><th>types</th><th class=\"n\">present</th><th class=\"n\">"
      "nulls</th><th class=\"n\">missing</th><th>kind</th></tr>";
  for (size_t i = 0; i < profile.columns.size(); ++i) {
    const ColumnProfile& column = profile.columns[i];
    std::string path = HtmlEscape(column.path);
    if (i < shown) path = fmt::format("<a href=\"#col-{}\">{}</a>", i, path);
    *out += fmt::format(R"(<tr><td class="mono">{}</td><td>{}</td><td class="n">{}</td>)"
                        R"(<td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>)",
                        path, HtmlEscape(FormatTypeCounts(column.types)),
                        FormatPercent(column.present, profile.rows), FormatCount(column.nulls),
                        FormatCount(column.missing), HtmlEscape(ColumnKind(column)));
  }
  *out += "</table></article>\n<div class=\"grid\">\n" + cards + "</div>\n";
  if (shown < profile.columns.size()) {
    *out += fmt::format("<p class=\"muted\">details of {} more columns are in the JSON report</p>",
                        FormatCount(profile.columns.size() - shown));
  }
  *out += "</section>\n";
}

}  // namespace

std::string RenderProfileHtml(const DatasetProfile& profile) {
  std::string title = profile.sources.empty() ? "dataset" : profile.sources.front();
  if (profile.sources.size() > 1) title += " +" + std::to_string(profile.sources.size() - 1);
  std::string out = HtmlPageStart("winnow inspect: " + ShortText(title, 80));
  out += "<nav><a href=\"#columns\">Columns</a>";
  if (!profile.conversations.empty()) out += "<a href=\"#conversations\">Conversations</a>";
  if (!profile.duplicates.empty()) out += "<a href=\"#duplicates\">Duplicates</a>";
  out += "<a href=\"#trl\">TRL type</a></nav>\n";
  SummaryCard(profile, &out);
  ColumnsSection(profile, &out);
  if (!profile.conversations.empty()) {
    out += "<section id=\"conversations\"><h2>Conversations</h2>\n";
    for (const ConversationProfile& conversation : profile.conversations) {
      ConversationCard(conversation, &out);
    }
    out += "</section>\n";
  }
  if (!profile.duplicates.empty()) {
    out += "<section id=\"duplicates\"><h2>Duplicates</h2><div class=\"grid\">\n";
    for (const DuplicateProfile& duplicates : profile.duplicates) DuplicateCard(duplicates, &out);
    out += "</div></section>\n";
  }
  TrlCard(profile.trl, &out);
  out += HtmlPageEnd();
  return out;
}

}  // namespace winnow
