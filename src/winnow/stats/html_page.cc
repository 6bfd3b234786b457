#include "winnow/stats/html_page.h"

#include <fmt/format.h>

#include "winnow/common/html_escape.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

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

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(SanitizeText(text), &out);
  return out;
}

std::string HtmlPageStart(std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + HtmlEscape(title) + "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n";
  return out;
}

std::string HtmlPageEnd() { return "</main>\n</body>\n</html>\n"; }

std::string HtmlStat(std::string_view label, std::string_view value) {
  return fmt::format(
      R"(<div class="stat"><span class="k">{}</span><span class="v">{}</span></div>)",
      HtmlEscape(label), HtmlEscape(value));
}

std::string HtmlMeter(uint64_t part, uint64_t whole) {
  double percent = whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  return fmt::format(R"(<div class="meter"><span style="width:{:.1f}%"></span></div>)", percent);
}

}  // namespace winnow
