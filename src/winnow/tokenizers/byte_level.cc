#include "winnow/tokenizers/byte_level.h"

#include <array>

#include "winnow/common/utf8.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

constexpr bool StandsForItself(int byte) {
  return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) ||
         (byte >= 0xAE && byte <= 0xFF);
}

constexpr std::array<uint16_t, 256> MakeByteToChar() {
  std::array<uint16_t, 256> table{};
  uint16_t next = 0x100;
  for (int byte = 0; byte < 256; ++byte) {
    table[byte] = StandsForItself(byte) ? static_cast<uint16_t>(byte) : next++;
  }
  return table;
}
constexpr std::array<uint16_t, 256> kByteToChar = MakeByteToChar();

// The alphabet's characters all lie below U+0144.
constexpr std::array<int16_t, 0x144> MakeCharToByte() {
  std::array<int16_t, 0x144> table{};
  for (auto& entry : table) entry = -1;
  for (int byte = 0; byte < 256; ++byte) table[kByteToChar[byte]] = static_cast<int16_t>(byte);
  return table;
}
constexpr std::array<int16_t, 0x144> kCharToByte = MakeCharToByte();

}  // namespace

uint32_t ByteLevelChar(uint8_t byte) { return kByteToChar[byte]; }

void AppendByteLevel(std::string_view bytes, std::string* out) {
  for (unsigned char byte : bytes) AppendUtf8(kByteToChar[byte], out);
}

bool DecodeByteLevel(std::string_view text, std::string* out) {
  out->clear();
  size_t pos = 0;
  while (pos < text.size()) {
    uint32_t cp = NextCodePoint(text, &pos);
    if (cp >= kCharToByte.size() || kCharToByte[cp] < 0) return false;
    out->push_back(static_cast<char>(kCharToByte[cp]));
  }
  return true;
}

}  // namespace winnow::tokenizers
