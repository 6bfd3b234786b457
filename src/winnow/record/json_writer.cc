#include "winnow/record/json_writer.h"

#include <charconv>
#include <cmath>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Escapes valid UTF-8 text; the common case (no escapes needed) copies runs in one append.
void AppendEscaped(std::string_view text, std::string* out) {
  size_t run_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(text.data() + run_start, text.size() - run_start);
}

void AppendUnicodeEscape(uint32_t code, std::string* out) {
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(code >> shift) & 0xF]);
}

}  // namespace

void AppendJsonStringAscii(std::string_view text, std::string* out) {
  out->push_back('"');
  size_t pos = 0;
  while (pos < text.size()) {
    size_t run = pos;
    while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x7F) ++run;
    AppendEscaped(text.substr(pos, run - pos), out);
    pos = run;
    if (pos == text.size()) break;
    if (text[pos] == 0x7F) {
      AppendUnicodeEscape(0x7F, out);
      ++pos;
      continue;
    }
    uint32_t code = DecodeUtf8(text, &pos);
    if (code == kInvalidCodePoint) {
      AppendUnicodeEscape(0xFFFD, out);
    } else if (code >= 0x10000) {
      AppendUnicodeEscape(0xD800 + ((code - 0x10000) >> 10), out);
      AppendUnicodeEscape(0xDC00 + ((code - 0x10000) & 0x3FF), out);
    } else {
      AppendUnicodeEscape(code, out);
    }
  }
  out->push_back('"');
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  if (IsValidUtf8(text)) {
    AppendEscaped(text, out);
  } else {
    std::string repaired;
    while (!text.empty()) {
      size_t bad = FindInvalidUtf8(text);
      repaired.append(text.substr(0, bad));
      if (bad == text.size()) break;
      repaired.append("\xEF\xBF\xBD");  // U+FFFD
      text.remove_prefix(bad + 1);
    }
    AppendEscaped(repaired, out);
  }
  out->push_back('"');
}

void AppendJsonNumber(double value, std::string* out) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  char buf[32];
  auto result = std::to_chars(buf, buf + sizeof buf, value);
  out->append(buf, result.ptr);
}

void AppendJsonInt(int64_t value, std::string* out) {
  char buf[24];
  auto result = std::to_chars(buf, buf + sizeof buf, value);
  out->append(buf, result.ptr);
}

void AppendJsonElement(simdjson::dom::element element, std::string* out) {
  out->append(simdjson::to_string(element));
}

}  // namespace winnow
