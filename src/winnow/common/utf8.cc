#include "winnow/common/utf8.h"

#include <simdjson.h>

#include <cstring>

namespace winnow {

bool IsValidUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

uint32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = *pos;
  unsigned char c = bytes[i];
  *pos = i + 1;
  if (c < 0x80) return c;
  size_t need = 0;
  uint32_t min_value = 0;
  uint32_t value = 0;
  if ((c & 0xE0) == 0xC0) {
    need = 1, min_value = 0x80, value = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2, min_value = 0x800, value = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3, min_value = 0x10000, value = c & 0x07;
  } else {
    return kInvalidCodePoint;
  }
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= text.size() || (bytes[i + k] & 0xC0) != 0x80) return kInvalidCodePoint;
    value = (value << 6) | (bytes[i + k] & 0x3F);
  }
  if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return kInvalidCodePoint;
  }
  *pos = i + need + 1;
  return value;
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    if (DecodeUtf8(text, &pos) == kInvalidCodePoint) return start;
  }
  return text.size();
}

size_t CountCodePoints(std::string_view text) {
  // Every code point has exactly one byte that is not a continuation byte (0b10 then 6 bits). Eight
  // bytes at a time: a continuation byte has bit 7 set and bit 6 clear.
  constexpr uint64_t kLowBits = 0x0101010101010101ull;
  const char* data = text.data();
  size_t size = text.size();
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    uint64_t marks = (word >> 7) & ~(word >> 6) & kLowBits;
    continuation += (marks * kLowBits) >> 56;  // sums the eight 0/1 bytes
  }
  for (; i < size; ++i) continuation += (static_cast<unsigned char>(data[i]) & 0xC0) == 0x80;
  return size - continuation;
}

std::string Snippet(std::string_view text, size_t max_code_points) {
  std::string out;
  out.reserve(std::min(text.size(), max_code_points * 4));
  size_t points = 0;
  size_t i = 0;
  while (i < text.size() && points < max_code_points) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (i + len > text.size()) break;
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
    ++points;
  }
  if (i < text.size()) out += "\u2026";
  return out;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsPythonSpace(uint32_t cp) {
  if (cp < 0x80) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace winnow
