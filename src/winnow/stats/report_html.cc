#include "winnow/stats/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

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

// Neutral colours through custom properties so one dark-mode block restyles everything.
constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--bg:#f6f6f7;--fg:#1d1d20;--muted:#686873;--card:#fff;
--border:#e0e0e5;--accent:#3a6bd4;--soft:#dde6f9;--warn:#a35400;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
@media (prefers-color-scheme:dark){:root{--bg:#151619;--fg:#e4e4e8;--muted:#9c9ca7;
--card:#1f2024;--border:#34353b;--accent:#7ea4f5;--soft:#29344d;--warn:#f2a65a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:32px 0 12px}
h3{font-size:15px;margin:0 0 8px;overflow-wrap:anywhere}h4{font-size:13px;margin:12px 0 4px}
nav a{color:var(--accent);margin-right:14px}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:16px;
margin-bottom:16px;min-width:0;overflow-x:auto}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(380px,100%),1fr));gap:16px}
.stats{display:flex;flex-wrap:wrap;gap:6px 22px;margin:6px 0}
.stat .k{display:block;color:var(--muted);font-size:12px}
.stat .v{font-size:16px;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--border);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.mono,.snip{font-family:var(--mono);font-size:12.5px;overflow-wrap:anywhere}
.muted{color:var(--muted)}.warn{color:var(--warn)}
.tag{display:inline-block;padding:0 6px;border-radius:4px;background:var(--soft);font-size:12px;
font-weight:normal;margin-left:6px}
.meter{background:var(--soft);height:8px;border-radius:4px;min-width:60px}
.meter>span{display:block;height:100%;background:var(--accent);border-radius:4px}
svg.hist{width:100%;max-width:440px;height:auto;display:block;margin:6px 0}
svg.hist .bar{fill:var(--accent)}svg.hist .hit{fill:transparent}
svg.hist g:hover .bar{opacity:.7}
svg.hist text{fill:var(--muted);font:10px var(--mono)}svg.hist line{stroke:var(--border)}
details summary{cursor:pointer;color:var(--muted);margin-top:8px}
ul{margin:4px 0;padding-left:20px}
)css";

// Sanitized (valid UTF-8, no control characters) and escaped for text and attribute values.
std::string Esc(std::string_view text) {
  std::string clean = SanitizeText(text);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Snip(std::string_view text, size_t max_chars = kSnippetChars) {
  return Esc(ShortText(text, max_chars));
}

std::string Stat(std::string_view label, std::string_view value) {
  return fmt::format(
      R"(<div class="stat"><span class="k">{}</span><span class="v">{}</span></div>)", Esc(label),
      Esc(value));
}

std::string Meter(uint64_t part, uint64_t whole) {
  double percent = whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  return fmt::format(R"(<div class="meter"><span style="width:{:.1f}%"></span></div>)", percent);
}

std::string CountedStat(std::string_view label, uint64_t part, uint64_t whole) {
  return Stat(label, FormatCount(part) + " (" + FormatPercent(part, whole) + ")");
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
      Esc(what));
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
        Esc(FormatBinRange(bin)), FormatCount(bin.count), x, kTop, slot, kBottom - kTop, x + 0.5,
        kBottom - height, std::max(slot - 1.0, 0.5), height);
  }
  *out +=
      fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}"/>)", kLeft, kBottom, kRight, kBottom);
  *out += fmt::format(R"(<text x="{}" y="11">{}</text>)", kLeft, FormatCount(max));
  *out += fmt::format(R"(<text x="{}" y="134">{}</text>)", kLeft, Esc(FormatNumber(summary.min)));
  *out += fmt::format(R"(<text x="{}" y="134" text-anchor="end">{}</text>)", kRight,
                      Esc(FormatNumber(summary.max)));
  *out += "</svg>\n";
}

void SummaryBlock(std::string_view title, const NumericSummary& summary, std::string* out) {
  *out += fmt::format("<h4>{}</h4><div class=\"stats\">", Esc(title));
  *out += Stat("min", FormatNumber(summary.min)) + Stat("max", FormatNumber(summary.max)) +
          Stat("mean", FormatNumber(summary.mean)) + Stat("median", FormatNumber(summary.median)) +
          Stat("std", FormatNumber(summary.std)) + Stat("values", FormatCount(summary.count));
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
      open ? " open" : "", Esc(title));
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    *out +=
        fmt::format(R"(<tr><td class="n">{}</td><td class="mono">{}</td><td class="snip">{})"
                    "</td></tr>",
                    FormatCount(rows[i].length), Esc(FormatRowRef(rows[i])), Snip(rows[i].snippet));
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
      Esc(name));
  for (size_t i = 0; i < sorted.size() && i < kMaxKeys; ++i) {
    *out += fmt::format(R"(<tr><td class="mono">{}</td><td class="n">{}</td><td class="n">{}</td>)"
                        "<td>{}</td></tr>",
                        Esc(sorted[i].first), FormatCount(sorted[i].second),
                        FormatPercent(sorted[i].second, whole), Meter(sorted[i].second, whole));
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
                        Meter(label.count, column.string_count));
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
  *out += "<div class=\"stats\">" + Stat("strings", FormatCount(column.string_count)) +
          Stat("distinct", distinct) +
          CountedStat("empty", column.empty_strings, column.string_count) + "</div>\n";
  if (column.string_kind == StringKind::kLabel) Labels(column, out);
  if (column.text_length) SummaryBlock("length (characters)", *column.text_length, out);
  RowTable("longest", column.longest, kMaxExamples, true, out);
  RowTable("shortest", column.shortest, kMaxExamples, false, out);
}

void ColumnCard(const ColumnProfile& column, size_t index, uint64_t rows, std::string* out) {
  *out += fmt::format(R"(<article class="card" id="col-{}"><h3 class="mono">{})"
                      R"(<span class="tag">{}</span></h3><div class="stats">)",
                      index, Esc(column.path), Esc(ColumnKind(column)));
  *out += CountedStat("present", column.present, rows) + Stat("nulls", FormatCount(column.nulls)) +
          Stat("missing", FormatCount(column.missing)) +
          Stat("types", FormatTypeCounts(column.types)) + "</div>\n";
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
  if (column.message_lists > 0) shapes += Stat("message lists", FormatCount(column.message_lists));
  if (column.message_objects > 0) {
    shapes += Stat("single messages", FormatCount(column.message_objects));
  }
  if (column.hh_transcripts > 0) {
    shapes += Stat("HH transcripts", FormatCount(column.hh_transcripts));
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
                        Esc(role), FormatCount(count), FormatPercent(count, messages),
                        Meter(count, messages), known ? FormatNumber(chars->second.mean) : "-",
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
                      Esc(conversation.path), Esc(keys));
  *out += Stat("conversations", FormatCount(n)) +
          CountedStat("with system", conversation.with_system, n) +
          CountedStat("not alternating", conversation.not_alternating, n) +
          Stat("empty messages", FormatCount(conversation.empty_messages)) +
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
  *out +=
      fmt::format("<article class=\"card\"><h3>{}</h3><div class=\"stats\">", Esc(duplicates.what));
  *out += Stat("rows", FormatCount(duplicates.rows)) +
          Stat("distinct", FormatCount(duplicates.distinct)) +
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
                      FormatCount(group.count), group.first_row, Esc(FormatRowRef(group.first)),
                      Snip(group.first.snippet));
    }
    *out += "</table>\n";
  }
  *out += "</article>\n";
}

void List(std::string_view title, const std::vector<std::string>& items, std::string* out) {
  if (items.empty()) return;
  *out += fmt::format("<h4>{}</h4><ul>", Esc(title));
  for (const std::string& item : items) *out += "<li>" + Esc(item) + "</li>";
  *out += "</ul>\n";
}

void TrlCard(const TrlDetection& trl, std::string* out) {
  *out +=
      "<section id=\"trl\"><h2>TRL dataset type</h2><article class=\"card\"><div "
      "class=\"stats\">";
  *out += Stat("type", trl.type.empty() ? "unknown" : trl.type);
  if (!trl.form.empty()) *out += Stat("form", trl.form);
  if (!trl.source_format.empty()) *out += Stat("source format", trl.source_format);
  if (trl.implicit_prompt) *out += Stat("prompt", "implicit");
  *out += "</div>\n";
  List("evidence", trl.evidence, out);
  List("trainers", trl.trainers, out);
  List("advice", trl.advice, out);
  *out += "</article></section>\n";
}

void SummaryCard(const DatasetProfile& profile, std::string* out) {
  *out += "<article class=\"card\"><h1>winnow inspect</h1><div class=\"stats\">";
  *out += Stat("rows", FormatCount(profile.rows)) + Stat("bytes", FormatBytes(profile.bytes)) +
          Stat("time", FormatSeconds(profile.seconds)) +
          Stat("columns", FormatCount(profile.columns.size())) +
          Stat("bad records", FormatCount(profile.bad_records)) +
          Stat("warnings", FormatCount(profile.warnings.size())) +
          Stat("TRL type", profile.trl.type.empty() ? "unknown" : profile.trl.type) + "</div>\n";
  *out += "<h4>sources</h4><ul class=\"mono\">";
  for (size_t i = 0; i < profile.sources.size() && i < kMaxSources; ++i) {
    *out += "<li>" + Esc(profile.sources[i]) + "</li>";
  }
  if (profile.sources.size() > kMaxSources) {
    *out +=
        "<li class=\"muted\">+" + FormatCount(profile.sources.size() - kMaxSources) + " more</li>";
  }
  *out += "</ul>\n";
  if (!profile.warnings.empty()) {
    *out += "<h4>warnings</h4><ul class=\"warn\">";
    for (size_t i = 0; i < profile.warnings.size() && i < kMaxWarnings; ++i) {
      *out += "<li>" + Esc(profile.warnings[i]) + "</li>";
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
    std::string path = Esc(column.path);
    if (i < shown) path = fmt::format("<a href=\"#col-{}\">{}</a>", i, path);
    *out += fmt::format(R"(<tr><td class="mono">{}</td><td>{}</td><td class="n">{}</td>)"
                        R"(<td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>)",
                        path, Esc(FormatTypeCounts(column.types)),
                        FormatPercent(column.present, profile.rows), FormatCount(column.nulls),
                        FormatCount(column.missing), Esc(ColumnKind(column)));
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
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  std::string title = profile.sources.empty() ? "dataset" : profile.sources.front();
  if (profile.sources.size() > 1) title += " +" + std::to_string(profile.sources.size() - 1);
  out += "<title>winnow inspect: " + Esc(ShortText(title, 80)) + "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n<nav><a href=\"#columns\">Columns</a>";
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
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace winnow
