#include "winnow/tokenizers/unicode_classes.h"

#include <unicode/uchar.h>

#include <array>

#include "winnow/common/utf8.h"

namespace winnow::tokenizers {
namespace {

enum AsciiBits : uint8_t {
  kWhitespaceBit = 1,
  kLetterBit = 2,
  kNumberBit = 4,
  kPunctuationBit = 8,  // P* only
  kAsciiPunctuationBit = 16,
  kControlBit = 32,
};

constexpr std::array<uint8_t, 128> MakeAsciiTable() {
  std::array<uint8_t, 128> table{};
  for (int c = 0; c < 128; ++c) {
    uint8_t bits = 0;
    if ((c >= 0x09 && c <= 0x0D) || c == ' ') bits |= kWhitespaceBit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) bits |= kLetterBit;
    if (c >= '0' && c <= '9') bits |= kNumberBit;
    if ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
        (c >= 0x7B && c <= 0x7E)) {
      bits |= kAsciiPunctuationBit;
      // $ + < = > ^ ` | ~ are symbols (S*), not punctuation (P*).
      bool symbol = c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' ||
                    c == '`' || c == '|' || c == '~';
      if (!symbol) bits |= kPunctuationBit;
    }
    if (c < 0x20 || c == 0x7F) bits |= kControlBit;
    table[c] = bits;
  }
  return table;
}
constexpr std::array<uint8_t, 128> kAscii = MakeAsciiTable();

bool HasCategory(uint32_t cp, uint32_t mask) {
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & mask) != 0;
}

}  // namespace

bool IsWhitespace(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & kWhitespaceBit;
  return u_isUWhiteSpace(static_cast<UChar32>(cp));
}

bool IsLetter(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & kLetterBit;
  return HasCategory(cp, U_GC_L_MASK);
}

bool IsNumber(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & kNumberBit;
  return HasCategory(cp, U_GC_N_MASK);
}

bool IsAlphanumeric(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & (kLetterBit | kNumberBit);
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_ALPHABETIC) || IsNumber(cp);
}

bool IsWordChar(uint32_t cp) {
  if (cp < 128) return (kAscii[cp] & (kLetterBit | kNumberBit)) || cp == '_';
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_ALPHABETIC) ||
         HasCategory(cp, U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK) ||
         u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_JOIN_CONTROL);
}

bool IsPunctuation(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & kPunctuationBit;
  return HasCategory(cp, U_GC_P_MASK);
}

bool IsBertPunctuation(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & kAsciiPunctuationBit;
  return HasCategory(cp, U_GC_P_MASK);
}

bool IsMark(uint32_t cp) { return cp >= 128 && HasCategory(cp, U_GC_M_MASK); }

bool IsNonspacingMark(uint32_t cp) { return cp >= 128 && HasCategory(cp, U_GC_MN_MASK); }

bool IsOtherCategory(uint32_t cp) {
  if (cp < 128) return kAscii[cp] & kControlBit;
  return HasCategory(cp, U_GC_C_MASK);
}

bool IsCjkIdeograph(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
         (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

void AppendLowercase(uint32_t cp, std::string* out) {
  if (cp < 128) {
    out->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return;
  }
  if (cp == 0x130) {  // İ: the one unconditional multi-character lowercase mapping
    out->append("i\xCC\x87");
    return;
  }
  AppendUtf8(static_cast<uint32_t>(u_tolower(static_cast<UChar32>(cp))), out);
}

std::string_view ToValidUtf8(std::string_view text, std::string* buffer) {
  if (IsValidUtf8(text)) return text;
  buffer->clear();
  buffer->reserve(text.size() + 16);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    uint32_t cp = DecodeUtf8(text, &pos);
    if (cp == kInvalidCodePoint) {
      buffer->append("\xEF\xBF\xBD");
    } else {
      buffer->append(text.substr(start, pos - start));
    }
  }
  return *buffer;
}

}  // namespace winnow::tokenizers
