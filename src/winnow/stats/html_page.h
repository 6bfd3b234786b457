#pragma once

// The page frame the HTML reports share (inspect, dedup, filters): one self-contained page with
// inline CSS, light and dark colours, no JavaScript and no external assets.

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// Dataset text made safe for HTML text and attribute values: sanitised (valid UTF-8, no control
// characters or bidirectional overrides) and escaped.
std::string HtmlEscape(std::string_view text);

// "<!DOCTYPE html>...<body><main>" with the shared style; `title` is escaped here.
std::string HtmlPageStart(std::string_view title);
std::string HtmlPageEnd();

// A labelled figure for a summary card.
std::string HtmlStat(std::string_view label, std::string_view value);
// A horizontal bar showing part/whole.
std::string HtmlMeter(uint64_t part, uint64_t whole);

}  // namespace winnow
