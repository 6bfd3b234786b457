#include "winnow/text/normalize.h"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "winnow/common/utf8.h"
#include "winnow/text/punctuation.h"

namespace winnow {
namespace {

// What the ASCII fast path does with each byte under kMinHash.
enum class AsciiClass : uint8_t { kKeep, kUpper, kDigit, kSeparator, kNonAscii };

constexpr std::array<AsciiClass, 256> MakeAsciiClasses() {
  std::array<AsciiClass, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    AsciiClass value = AsciiClass::kKeep;
    if (c >= 0x80) {
      value = AsciiClass::kNonAscii;
    } else if (c >= 'A' && c <= 'Z') {
      value = AsciiClass::kUpper;
    } else if (c >= '0' && c <= '9') {
      value = AsciiClass::kDigit;
    } else if (c < 0x20 || c == 0x7F || c == ' ' || (c >= 0x21 && c <= 0x2F) ||
               (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)) {
      // Every ASCII control, space and punctuation mark is in the punctuation set or is
      // whitespace: both become a word separator.
      value = AsciiClass::kSeparator;
    }
    classes[c] = value;
  }
  return classes;
}
constexpr std::array<AsciiClass, 256> kAsciiClasses = MakeAsciiClasses();

bool IsDecimalDigit(uint32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}

// The separators `\p{Nd}+([.,،٫⎖⎗⎘]\p{Nd}+)?` allows inside one number.
bool IsNumberSeparator(uint32_t cp) {
  return cp == '.' || cp == ',' || cp == 0x060C || cp == 0x066B || cp == 0x2396 || cp == 0x2397 ||
         cp == 0x2398;
}

uint32_t Lower(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

uint32_t PeekCodePoint(std::string_view text, size_t pos, size_t* next) {
  *next = pos;
  uint32_t cp = DecodeUtf8(text, next);
  return cp == kInvalidCodePoint ? 0xFFFD : cp;
}

constexpr uint32_t kCapitalSigma = 0x03A3;

bool IsCased(uint32_t cp) {
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LL ||
         category == UTF8PROC_CATEGORY_LT;
}

// Python's lower() applies Unicode's Final_Sigma rule: a capital sigma that ends a word (a cased
// letter before it, none after it) becomes the final form. Approximated with the neighbouring
// code points, ignoring case-ignorable characters in between.
uint32_t LowerSigma(std::string_view text, size_t begin, size_t end) {
  bool cased_before = false;
  if (begin > 0) {
    size_t start = begin - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    size_t ignored;
    cased_before = IsCased(PeekCodePoint(text, start, &ignored));
  }
  size_t ignored;
  const bool cased_after = end < text.size() && IsCased(PeekCodePoint(text, end, &ignored));
  return cased_before && !cased_after ? 0x03C2 : 0x03C3;
}

// Builds output words separated by single spaces: separators are only written between words.
class WordWriter {
 public:
  explicit WordWriter(std::string* out) : out_(out) {}
  void Separator() { pending_space_ = !out_->empty(); }
  void Char(char c) {
    Flush();
    out_->push_back(c);
  }
  // A run of bytes that are letters already lowercased by `lower` (the hot ASCII path).
  void LetterRun(const char* begin, const char* end, const char* lower) {
    Flush();
    const size_t at = out_->size();
    out_->resize(at + static_cast<size_t>(end - begin));
    char* dst = out_->data() + at;
    for (const char* p = begin; p != end; ++p) *dst++ = lower[static_cast<unsigned char>(*p)];
  }
  void CodePoint(uint32_t cp) {
    Flush();
    AppendUtf8(cp, out_);
  }

 private:
  void Flush() {
    if (pending_space_) out_->push_back(' ');
    pending_space_ = false;
  }
  std::string* out_;
  bool pending_space_ = false;
};

// Consumes a number that starts at `pos` (a digit) and returns the position after it.
size_t SkipNumber(std::string_view text, size_t pos) {
  size_t next = pos;
  auto skip_digits = [&](size_t at) {
    while (at < text.size()) {
      size_t after;
      if (!IsDecimalDigit(PeekCodePoint(text, at, &after))) break;
      at = after;
    }
    return at;
  };
  next = skip_digits(pos);
  if (next < text.size()) {
    size_t after_separator;
    if (IsNumberSeparator(PeekCodePoint(text, next, &after_separator)) &&
        after_separator < text.size()) {
      size_t after_digit;
      if (IsDecimalDigit(PeekCodePoint(text, after_separator, &after_digit))) {
        next = skip_digits(after_separator);
      }
    }
  }
  return next;
}

// NFD of one (already lowercased) code point with the combining marks (Mn) dropped.
void AppendWithoutMarks(uint32_t cp, WordWriter* writer) {
  utf8proc_int32_t decomposed[8];
  utf8proc_ssize_t count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), decomposed, 8,
                                                   UTF8PROC_DECOMPOSE, nullptr);
  if (count <= 0 || count > 8) {
    writer->CodePoint(cp);
    return;
  }
  for (utf8proc_ssize_t i = 0; i < count; ++i) {
    if (utf8proc_category(decomposed[i]) == UTF8PROC_CATEGORY_MN) continue;
    writer->CodePoint(static_cast<uint32_t>(decomposed[i]));
  }
}

constexpr std::array<char, 256> MakeAsciiLower() {
  std::array<char, 256> lower{};
  for (int c = 0; c < 256; ++c) {
    lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return lower;
}
constexpr std::array<char, 256> kAsciiLower = MakeAsciiLower();

void NormalizeMinHash(std::string_view text, std::string* out) {
  out->reserve(text.size());
  WordWriter writer(out);
  size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    switch (kAsciiClasses[byte]) {
      case AsciiClass::kKeep:
      case AsciiClass::kUpper: {
        size_t end = pos + 1;
        while (end < text.size()) {
          const AsciiClass next = kAsciiClasses[static_cast<unsigned char>(text[end])];
          if (next != AsciiClass::kKeep && next != AsciiClass::kUpper) break;
          ++end;
        }
        writer.LetterRun(text.data() + pos, text.data() + end, kAsciiLower.data());
        pos = end;
        continue;
      }
      case AsciiClass::kSeparator:
        writer.Separator();
        ++pos;
        continue;
      case AsciiClass::kDigit:
        writer.Char('0');
        pos = SkipNumber(text, pos);
        continue;
      case AsciiClass::kNonAscii:
        break;
    }
    size_t next;
    const uint32_t original = PeekCodePoint(text, pos, &next);
    const uint32_t cp = original == kCapitalSigma ? LowerSigma(text, pos, next) : Lower(original);
    if (IsDecimalDigit(cp)) {
      writer.Char('0');
      pos = SkipNumber(text, pos);
      continue;
    }
    pos = next;
    if (IsPunctuation(cp) || IsPythonSpace(cp)) {
      writer.Separator();
    } else {
      AppendWithoutMarks(cp, &writer);
    }
  }
}

// True when NFC cannot change `text`: every code point is ASCII, Latin-1 or Latin Extended
// (below the combining marks at U+0300), general punctuation such as quotes and dashes, CJK
// punctuation or ideographs, or half/full-width forms. None of these has a canonical
// decomposition or combines with a neighbour, so the costly normalisation call can be skipped.
bool IsNfcStable(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const uint32_t cp = DecodeUtf8(text, &pos);
    const bool stable = cp < 0x300 || (cp >= 0x2010 && cp <= 0x2027) ||
                        (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x303F) ||
                        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFFEE);
    if (!stable) return false;
  }
  return true;
}

bool IsAsciiSpaceByte(unsigned char c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
}

void NormalizeSimple(std::string_view text, std::string* out) {
  std::string composed;
  if (!IsNfcStable(text)) {
    // utf8proc refuses invalid UTF-8 as a whole: replace bad bytes first so the rest composes.
    std::string valid;
    if (!IsValidUtf8(text)) {
      for (size_t pos = 0; pos < text.size();) {
        size_t next;
        AppendUtf8(PeekCodePoint(text, pos, &next), &valid);
        pos = next;
      }
      text = valid;
    }
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t size =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    if (size >= 0) composed.assign(reinterpret_cast<const char*>(mapped), size);
    std::free(mapped);
    if (size >= 0) text = composed;
  }
  out->reserve(text.size());
  WordWriter writer(out);
  size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if (IsAsciiSpaceByte(byte)) {
        writer.Separator();
        ++pos;
        continue;
      }
      size_t end = pos + 1;
      while (end < text.size()) {
        const auto next = static_cast<unsigned char>(text[end]);
        if (next >= 0x80 || IsAsciiSpaceByte(next)) break;
        ++end;
      }
      writer.LetterRun(text.data() + pos, text.data() + end, kAsciiLower.data());
      pos = end;
      continue;
    }
    size_t next;
    const uint32_t cp = PeekCodePoint(text, pos, &next);
    const uint32_t lower = cp == kCapitalSigma ? LowerSigma(text, pos, next) : Lower(cp);
    pos = next;
    if (IsPythonSpace(cp)) {
      writer.Separator();
    } else {
      writer.CodePoint(lower);
    }
  }
}

}  // namespace

Result<TextNormalization> ParseTextNormalization(std::string_view name) {
  if (name == "raw" || name == "none") return TextNormalization::kRaw;
  if (name == "simple" || name == "nfc") return TextNormalization::kSimple;
  if (name == "minhash" || name == "datatrove") return TextNormalization::kMinHash;
  return tl::unexpected(Status::InvalidArgument("unknown normalisation \"" + std::string(name) +
                                                "\" (expected raw, simple or minhash)"));
}

std::string_view TextNormalizationName(TextNormalization normalization) {
  switch (normalization) {
    case TextNormalization::kRaw:
      return "raw";
    case TextNormalization::kSimple:
      return "simple";
    case TextNormalization::kMinHash:
      return "minhash";
  }
  return "raw";
}

void NormalizeText(std::string_view text, TextNormalization normalization, std::string* out) {
  out->clear();
  switch (normalization) {
    case TextNormalization::kRaw:
      out->assign(text);
      return;
    case TextNormalization::kSimple:
      NormalizeSimple(text, out);
      return;
    case TextNormalization::kMinHash:
      NormalizeMinHash(text, out);
      return;
  }
}

}  // namespace winnow
