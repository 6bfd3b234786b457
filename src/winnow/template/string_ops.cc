#include "winnow/template/string_ops.h"

#include <algorithm>

#include "winnow/common/utf8.h"

namespace winnow::jinja {
namespace {

bool InRange(uint32_t c, uint32_t first, uint32_t last) { return c >= first && c <= last; }

// Latin Extended-A alternates upper/lower case in pairs; which member is upper depends on the
// block: even code points in 0100-0137 and 014A-0177, odd ones in 0139-0148 and 0179-017E.
bool LatinExtendedUpperIsEven(uint32_t c) {
  return InRange(c, 0x100, 0x137) || InRange(c, 0x14A, 0x177);
}
bool LatinExtendedUpperIsOdd(uint32_t c) {
  return InRange(c, 0x139, 0x148) || InRange(c, 0x179, 0x17E);
}

bool IsLineBreak(uint32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || InRange(c, 0x1C, 0x1E) || c == 0x85 ||
         c == 0x2028 || c == 0x2029;
}

std::string MapCase(std::string_view text, uint32_t (*map)(uint32_t)) {
  std::string out;
  out.reserve(text.size());
  for (uint32_t c : DecodeAll(text)) AppendUtf8(map(c), &out);
  return out;
}

}  // namespace

uint32_t UpperCodePoint(uint32_t c) {
  if (InRange(c, 'a', 'z')) return c - 0x20;
  if (c < 0x80) return c;
  if (InRange(c, 0xE0, 0xFE) && c != 0xF7) return c - 0x20;
  if (c == 0xFF) return 0x178;
  if (LatinExtendedUpperIsEven(c) && (c & 1)) return c - 1;
  if (LatinExtendedUpperIsOdd(c) && !(c & 1)) return c - 1;
  if (InRange(c, 0x3B1, 0x3C1) || InRange(c, 0x3C3, 0x3CB)) return c - 0x20;
  if (c == 0x3C2) return 0x3A3;
  if (c == 0x3AC) return 0x386;
  if (InRange(c, 0x3AD, 0x3AF)) return c - 0x25;
  if (c == 0x3CC) return 0x38C;
  if (InRange(c, 0x3CD, 0x3CE)) return c - 0x3F;
  if (InRange(c, 0x430, 0x44F)) return c - 0x20;
  if (InRange(c, 0x450, 0x45F)) return c - 0x50;
  return c;
}

uint32_t LowerCodePoint(uint32_t c) {
  if (InRange(c, 'A', 'Z')) return c + 0x20;
  if (c < 0x80) return c;
  if (InRange(c, 0xC0, 0xDE) && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;
  if (LatinExtendedUpperIsEven(c) && !(c & 1)) return c + 1;
  if (LatinExtendedUpperIsOdd(c) && (c & 1)) return c + 1;
  if (InRange(c, 0x391, 0x3A1) || InRange(c, 0x3A3, 0x3AB)) return c + 0x20;
  if (c == 0x386) return 0x3AC;
  if (InRange(c, 0x388, 0x38A)) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (InRange(c, 0x38E, 0x38F)) return c + 0x3F;
  if (InRange(c, 0x410, 0x42F)) return c + 0x20;
  if (InRange(c, 0x400, 0x40F)) return c + 0x50;
  return c;
}

bool IsAlphaCodePoint(uint32_t c) {
  if (c < 0x80) return InRange(c, 'a', 'z') || InRange(c, 'A', 'Z');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || IsPythonSpace(c)) return false;
  return !InRange(c, 0x2000, 0x2BFF) && !InRange(c, 0x3000, 0x303F) && c != 0xFFFD;
}

bool IsDigitCodePoint(uint32_t c) { return InRange(c, '0', '9'); }

std::vector<uint32_t> DecodeAll(std::string_view text) {
  std::vector<uint32_t> out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    uint32_t c = DecodeUtf8(text, &pos);
    out.push_back(c == kInvalidCodePoint ? 0xFFFD : c);
  }
  return out;
}

std::string EncodeAll(const std::vector<uint32_t>& code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (uint32_t c : code_points) AppendUtf8(c, &out);
  return out;
}

std::string Upper(std::string_view text) { return MapCase(text, UpperCodePoint); }
std::string Lower(std::string_view text) { return MapCase(text, LowerCodePoint); }

std::string Capitalize(std::string_view text) {
  std::vector<uint32_t> chars = DecodeAll(text);
  for (size_t i = 0; i < chars.size(); ++i) {
    chars[i] = i == 0 ? UpperCodePoint(chars[i]) : LowerCodePoint(chars[i]);
  }
  return EncodeAll(chars);
}

std::string PythonTitle(std::string_view text) {
  std::vector<uint32_t> chars = DecodeAll(text);
  bool previous_cased = false;
  for (uint32_t& c : chars) {
    bool cased = IsAlphaCodePoint(c);
    if (cased) c = previous_cased ? LowerCodePoint(c) : UpperCodePoint(c);
    previous_cased = cased;
  }
  return EncodeAll(chars);
}

std::string JinjaTitle(std::string_view text) {
  std::vector<uint32_t> chars = DecodeAll(text);
  auto is_separator = [](uint32_t c) {
    return IsPythonSpace(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
  };
  for (size_t i = 0; i < chars.size(); ++i) {
    bool word_start = i == 0 || (is_separator(chars[i - 1]) != is_separator(chars[i]));
    chars[i] = word_start ? UpperCodePoint(chars[i]) : LowerCodePoint(chars[i]);
  }
  return EncodeAll(chars);
}

// Walks in from each end one code point at a time, so stripping a long text costs only what
// is stripped.
std::string Strip(std::string_view text, const std::string* chars, bool left, bool right) {
  std::vector<uint32_t> strip_set;
  if (chars != nullptr) strip_set = DecodeAll(*chars);
  auto strips = [&](uint32_t c) {
    if (chars == nullptr) return IsPythonSpace(c);
    return std::find(strip_set.begin(), strip_set.end(), c) != strip_set.end();
  };
  size_t begin = 0;
  size_t end = text.size();
  while (left && begin < end) {
    size_t next = begin;
    uint32_t c = DecodeUtf8(text, &next);
    if (!strips(c == kInvalidCodePoint ? 0xFFFD : c)) break;
    begin = next;
  }
  while (right && end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    size_t next = start;
    uint32_t c = DecodeUtf8(text, &next);
    if (next != end) c = kInvalidCodePoint;  // a stray continuation byte, not a whole code point
    if (!strips(c == kInvalidCodePoint ? 0xFFFD : c)) break;
    end = start;
  }
  return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> Split(std::string_view text, const std::string* sep, int64_t max_split,
                               bool from_right) {
  std::vector<std::string> parts;
  if (sep != nullptr) {
    std::string_view rest = text;
    while (max_split < 0 || static_cast<int64_t>(parts.size()) < max_split) {
      size_t at = from_right ? rest.rfind(*sep) : rest.find(*sep);
      if (at == std::string_view::npos) break;
      if (from_right) {
        parts.emplace_back(rest.substr(at + sep->size()));
        rest = rest.substr(0, at);
      } else {
        parts.emplace_back(rest.substr(0, at));
        rest = rest.substr(at + sep->size());
      }
    }
    parts.emplace_back(rest);
    if (from_right) std::reverse(parts.begin(), parts.end());
    return parts;
  }
  std::vector<uint32_t> chars = DecodeAll(text);
  if (from_right) std::reverse(chars.begin(), chars.end());
  size_t i = 0;
  while (i < chars.size()) {
    while (i < chars.size() && IsPythonSpace(chars[i])) ++i;
    if (i == chars.size()) break;
    size_t start = i;
    bool last = max_split >= 0 && static_cast<int64_t>(parts.size()) == max_split;
    if (last) {
      i = chars.size();  // Python keeps the remainder whole, trailing whitespace included
    } else {
      while (i < chars.size() && !IsPythonSpace(chars[i])) ++i;
    }
    std::vector<uint32_t> word(chars.begin() + static_cast<std::ptrdiff_t>(start),
                               chars.begin() + static_cast<std::ptrdiff_t>(i));
    if (from_right) std::reverse(word.begin(), word.end());
    parts.push_back(EncodeAll(word));
    if (last) break;
  }
  if (from_right) std::reverse(parts.begin(), parts.end());
  return parts;
}

std::vector<std::string> SplitLines(std::string_view text, bool keep_ends) {
  std::vector<std::string> lines;
  std::vector<uint32_t> chars = DecodeAll(text);
  std::vector<uint32_t> line;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (!IsLineBreak(chars[i])) {
      line.push_back(chars[i]);
      continue;
    }
    size_t end_length = chars[i] == '\r' && i + 1 < chars.size() && chars[i + 1] == '\n' ? 2 : 1;
    if (keep_ends)
      line.insert(line.end(), chars.begin() + static_cast<std::ptrdiff_t>(i),
                  chars.begin() + static_cast<std::ptrdiff_t>(i + end_length));
    lines.push_back(EncodeAll(line));
    line.clear();
    i += end_length - 1;
  }
  if (!line.empty()) lines.push_back(EncodeAll(line));
  return lines;
}

bool Replace(std::string_view text, std::string_view old_text, std::string_view new_text,
             int64_t count, size_t max_bytes, std::string* out) {
  out->clear();
  if (old_text.empty()) {
    std::vector<uint32_t> chars = DecodeAll(text);
    uint64_t slots =
        std::min<uint64_t>(chars.size() + 1, count < 0 ? UINT64_MAX : static_cast<uint64_t>(count));
    if (text.size() + slots * new_text.size() > max_bytes) return false;
    for (size_t i = 0; i <= chars.size(); ++i) {
      if (i < slots) out->append(new_text);
      if (i < chars.size()) AppendUtf8(chars[i], out);
    }
    return true;
  }
  uint64_t found = 0;
  for (size_t at = text.find(old_text);
       at != std::string_view::npos && (count < 0 || found < static_cast<uint64_t>(count));
       at = text.find(old_text, at + old_text.size())) {
    ++found;
  }
  if (new_text.size() > old_text.size() &&
      text.size() + found * (new_text.size() - old_text.size()) > max_bytes) {
    return false;
  }
  size_t pos = 0;
  for (uint64_t done = 0; done < found; ++done) {
    size_t at = text.find(old_text, pos);
    out->append(text.substr(pos, at - pos)).append(new_text);
    pos = at + old_text.size();
  }
  out->append(text.substr(pos));
  return true;
}

}  // namespace winnow::jinja
