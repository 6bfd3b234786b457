#pragma once

// Word-at-a-time byte search for the scanners in formats/ (CSV fields, JSON array strings).

#include <bit>
#include <cstdint>
#include <cstring>

namespace winnow {

// First byte in [p, end) equal to a, b, c or d, or `end`. Eight bytes at a time: a byte equal to
// x makes (word ^ broadcast(x)) have a zero byte, found with the classic haszero bit trick. The
// trick can flag a byte above a true zero, never below one, so the lowest flag is exact.
inline const char* FindAnyOf4(const char* p, const char* end, char a, char b, char c, char d) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = 0x8080808080808080ULL;
    auto zero_bytes = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    const uint64_t wa = kOnes * static_cast<uint8_t>(a), wb = kOnes * static_cast<uint8_t>(b);
    const uint64_t wc = kOnes * static_cast<uint8_t>(c), wd = kOnes * static_cast<uint8_t>(d);
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      uint64_t hits = zero_bytes(word ^ wa) | zero_bytes(word ^ wb) | zero_bytes(word ^ wc) |
                      zero_bytes(word ^ wd);
      if (hits != 0) return p + std::countr_zero(hits) / 8;
      p += 8;
    }
  }
  for (; p < end; ++p) {
    if (*p == a || *p == b || *p == c || *p == d) return p;
  }
  return end;
}

}  // namespace winnow
