#include "winnow/stats/report_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;
constexpr std::string_view kEllipsis = "\u2026";

// Characters that can rewrite what a terminal or a reader sees: controls and bidi overrides
// ("Trojan Source"). Newlines and tabs are handled separately (they become spaces).
bool IsUnsafe(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool IsZeroWidth(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200D) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xFEFF || (cp >= 0x2060 && cp <= 0x2064);
}

// East Asian Wide/Fullwidth ranges and the emoji blocks terminals draw two cells wide; an
// approximation of wcwidth() that does not depend on the locale.
bool IsWide(uint32_t cp) {
  static constexpr std::pair<uint32_t, uint32_t> kWide[] = {
      {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
      {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
      {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
      {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
  };
  for (const auto& [low, high] : kWide) {
    if (cp >= low && cp <= high) return true;
  }
  return false;
}

size_t CodePointWidth(uint32_t cp) {
  if (IsZeroWidth(cp)) return 0;
  return IsWide(cp) ? 2 : 1;
}

// Sanitized text split into code points with their display widths.
struct Glyph {
  std::string_view bytes;
  size_t width;
};

std::vector<Glyph> Glyphs(std::string_view clean) {
  std::vector<Glyph> glyphs;
  size_t pos = 0;
  while (pos < clean.size()) {
    size_t start = pos;
    uint32_t cp = DecodeUtf8(clean, &pos);
    glyphs.push_back({clean.substr(start, pos - start), CodePointWidth(cp)});
  }
  return glyphs;
}

// Trims trailing zeros (and a trailing point) from a fixed-point rendering.
std::string TrimZeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string GroupThousands(std::string digits) {
  size_t first = (!digits.empty() && digits[0] == '-') ? 1 : 0;
  size_t point = digits.find('.');
  size_t end = point == std::string::npos ? digits.size() : point;
  for (size_t i = end; i > first + 3; i -= 3) digits.insert(i - 3, 1, ',');
  return digits;
}

}  // namespace

std::string FormatCount(uint64_t count) { return GroupThousands(std::to_string(count)); }

std::string FormatBytes(uint64_t bytes) {
  static constexpr std::string_view kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) value /= 1024, ++unit;
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  double magnitude = std::fabs(value);
  if (magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-3)) return fmt::format("{:.3g}", value);
  if (value == std::trunc(value)) return GroupThousands(fmt::format("{:.0f}", value));
  if (magnitude >= 1e6) return GroupThousands(fmt::format("{:.0f}", value));
  if (magnitude >= 1000) return GroupThousands(TrimZeros(fmt::format("{:.1f}", value)));
  if (magnitude >= 1) return TrimZeros(fmt::format("{:.2f}", value));
  return TrimZeros(fmt::format("{:.4f}", value));
}

std::string FormatPercent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  if (part == 0) return "0%";
  if (part >= whole)
    return part == whole ? "100%"
                         : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) /
                                                      static_cast<double>(whole));
  double percent = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  if (percent < 0.05) return "<0.1%";
  if (percent >= 99.95) return ">99.9%";
  return fmt::format("{:.1f}%", percent);
}

std::string FormatSeconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "n/a";
  if (seconds < 1) return fmt::format("{:.0f} ms", seconds * 1000);
  if (seconds < 60) return fmt::format("{:.2f} s", seconds);
  auto whole = static_cast<uint64_t>(seconds);
  return fmt::format("{} min {} s", whole / 60, whole % 60);
}

std::string FormatRowRef(const RowRef& row) {
  if (row.line > 0) return fmt::format("{}:{}", row.source, row.line);
  return fmt::format("{}#{}", row.source, row.index);
}

std::string FormatBinRange(const HistogramBin& bin) {
  if (bin.low == bin.high) return FormatNumber(bin.low);
  return FormatNumber(bin.low) + " \u2013 " + FormatNumber(bin.high);
}

std::string_view StringKindName(StringKind kind) {
  switch (kind) {
    case StringKind::kLabel:
      return "label";
    case StringKind::kText:
      return "text";
    case StringKind::kNone:
      break;
  }
  return "none";
}

std::string ColumnKind(const ColumnProfile& column) {
  // int and float are one kind to a reader: both are numbers.
  std::vector<std::string> kinds;
  for (const auto& [type, count] : column.types) {
    if (count == 0) continue;
    std::string kind = (type == "int" || type == "float") ? "number" : type;
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  }
  if (kinds.empty()) return "null";
  if (kinds.size() > 1) return "mixed";
  const std::string& kind = kinds[0];
  if (kind == "string" && column.string_kind != StringKind::kNone) {
    return std::string(StringKindName(column.string_kind));
  }
  if (kind == "list" && column.message_lists > 0) return "messages";
  if (kind == "object" && column.message_objects > 0) return "message";
  return kind;
}

std::vector<std::pair<std::string, uint64_t>> ByCount(
    const std::map<std::string, uint64_t>& counts) {
  std::vector<std::pair<std::string, uint64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

std::vector<std::pair<std::string, uint64_t>> RolesByMessages(
    const ConversationProfile& conversation, uint64_t* total_messages) {
  std::map<std::string, uint64_t> roles = conversation.role_messages;
  for (const auto& [role, chars] : conversation.role_chars) roles.emplace(role, 0);
  *total_messages = 0;
  for (const auto& [role, count] : conversation.role_messages) *total_messages += count;
  return ByCount(roles);
}

std::string FormatTypeCounts(const std::map<std::string, uint64_t>& types) {
  std::string out;
  for (const auto& [type, count] : ByCount(types)) {
    if (!out.empty()) out += ", ";
    out += type + " " + FormatCount(count);
  }
  return out;
}

std::string FormatTypeNames(const std::map<std::string, uint64_t>& types) {
  std::string out;
  for (const auto& [type, count] : ByCount(types)) out += (out.empty() ? "" : ", ") + type;
  return out;
}

std::string SanitizeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    uint32_t cp = DecodeUtf8(text, &pos);
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      out += ' ';
    } else if (cp == kInvalidCodePoint || IsUnsafe(cp)) {
      AppendUtf8(kReplacement, &out);
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    uint32_t cp = DecodeUtf8(text, &pos);
    width += cp == kInvalidCodePoint ? 1 : CodePointWidth(cp);
  }
  return width;
}

std::string FitWidth(std::string_view text, size_t width) {
  std::string clean = SanitizeText(text);
  if (DisplayWidth(clean) <= width) return clean;
  if (width == 0) return "";
  std::string out;
  size_t used = 0;
  for (const Glyph& glyph : Glyphs(clean)) {
    if (used + glyph.width > width - 1) break;
    out.append(glyph.bytes);
    used += glyph.width;
  }
  out.append(kEllipsis);
  return out;
}

std::string FitWidthLeft(std::string_view text, size_t width) {
  std::string clean = SanitizeText(text);
  if (DisplayWidth(clean) <= width) return clean;
  if (width == 0) return "";
  std::vector<Glyph> glyphs = Glyphs(clean);
  size_t used = 0;
  size_t first = glyphs.size();
  while (first > 0 && used + glyphs[first - 1].width <= width - 1) used += glyphs[--first].width;
  std::string out(kEllipsis);
  for (size_t i = first; i < glyphs.size(); ++i) out.append(glyphs[i].bytes);
  return out;
}

std::string ShortText(std::string_view text, size_t max_code_points) {
  return Snippet(SanitizeText(text), max_code_points);
}

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  width = std::max<size_t>(width, 1);
  std::vector<std::string> lines(1);
  size_t used = 0;
  std::string clean = SanitizeText(text);
  std::vector<Glyph> glyphs = Glyphs(clean);
  size_t i = 0;
  while (i < glyphs.size()) {
    if (glyphs[i].bytes == " ") {
      ++i;
      continue;
    }
    size_t end = i;
    size_t word_width = 0;
    while (end < glyphs.size() && glyphs[end].bytes != " ") word_width += glyphs[end++].width;
    size_t needed = word_width + (used > 0 ? 1 : 0);
    if (used > 0 && used + needed > width) {
      lines.emplace_back();
      used = 0;
    }
    if (used > 0) lines.back() += ' ', ++used;
    for (; i < end; ++i) {  // a word wider than the line is split where it overflows
      if (used + glyphs[i].width > width && used > 0) lines.emplace_back(), used = 0;
      lines.back().append(glyphs[i].bytes);
      used += glyphs[i].width;
    }
  }
  return lines;
}

std::string PadRight(std::string_view text, size_t width) {
  std::string out(text);
  size_t used = DisplayWidth(text);
  if (used < width) out.append(width - used, ' ');
  return out;
}

std::string PadLeft(std::string_view text, size_t width) {
  size_t used = DisplayWidth(text);
  std::string out(used < width ? width - used : 0, ' ');
  out.append(text);
  return out;
}

}  // namespace winnow
