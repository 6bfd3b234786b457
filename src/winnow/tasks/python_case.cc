#include "winnow/tasks/python_case.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <utility>

#include "winnow/common/utf8.h"

namespace winnow::tasks {
namespace {

// Characters whose title case (what capitalize() gives the first character) is several code
// points, from Python 3.11's str.capitalize() (Unicode SpecialCasing.txt). Sorted by code point.
constexpr std::array<std::pair<uint32_t, std::string_view>, 48> kMultiTitle = {{
    {0x00DF, "\x53\x73"},                  // ß -> Ss
    {0x0149, "\xca\xbc\x4e"},              // ŉ -> ʼN
    {0x01F0, "\x4a\xcc\x8c"},              // ǰ -> J + caron
    {0x0390, "\xce\x99\xcc\x88\xcc\x81"},  // Greek iota with dialytika and tonos
    {0x03B0, "\xce\xa5\xcc\x88\xcc\x81"},  // Greek upsilon with dialytika and tonos
    {0x0587, "\xd4\xb5\xd6\x82"},          // Armenian ligature ech yiwn
    {0x1E96, "\x48\xcc\xb1"},              // ẖ
    {0x1E97, "\x54\xcc\x88"},              // ẗ
    {0x1E98, "\x57\xcc\x8a"},              // ẘ
    {0x1E99, "\x59\xcc\x8a"},              // ẙ
    {0x1E9A, "\x41\xca\xbe"},              // ẚ
    {0x1F50, "\xce\xa5\xcc\x93"},
    {0x1F52, "\xce\xa5\xcc\x93\xcc\x80"},
    {0x1F54, "\xce\xa5\xcc\x93\xcc\x81"},
    {0x1F56, "\xce\xa5\xcc\x93\xcd\x82"},
    {0x1FB2, "\xe1\xbe\xba\xcd\x85"},
    {0x1FB4, "\xce\x86\xcd\x85"},
    {0x1FB6, "\xce\x91\xcd\x82"},
    {0x1FB7, "\xce\x91\xcd\x82\xcd\x85"},
    {0x1FC2, "\xe1\xbf\x8a\xcd\x85"},
    {0x1FC4, "\xce\x89\xcd\x85"},
    {0x1FC6, "\xce\x97\xcd\x82"},
    {0x1FC7, "\xce\x97\xcd\x82\xcd\x85"},
    {0x1FD2, "\xce\x99\xcc\x88\xcc\x80"},
    {0x1FD3, "\xce\x99\xcc\x88\xcc\x81"},
    {0x1FD6, "\xce\x99\xcd\x82"},
    {0x1FD7, "\xce\x99\xcc\x88\xcd\x82"},
    {0x1FE2, "\xce\xa5\xcc\x88\xcc\x80"},
    {0x1FE3, "\xce\xa5\xcc\x88\xcc\x81"},
    {0x1FE4, "\xce\xa1\xcc\x93"},
    {0x1FE6, "\xce\xa5\xcd\x82"},
    {0x1FE7, "\xce\xa5\xcc\x88\xcd\x82"},
    {0x1FF2, "\xe1\xbf\xba\xcd\x85"},
    {0x1FF4, "\xce\x8f\xcd\x85"},
    {0x1FF6, "\xce\xa9\xcd\x82"},
    {0x1FF7, "\xce\xa9\xcd\x82\xcd\x85"},
    {0xFB00, "\x46\x66"},      // ﬀ -> Ff
    {0xFB01, "\x46\x69"},      // ﬁ -> Fi
    {0xFB02, "\x46\x6c"},      // ﬂ -> Fl
    {0xFB03, "\x46\x66\x69"},  // ﬃ -> Ffi
    {0xFB04, "\x46\x66\x6c"},  // ﬄ -> Ffl
    {0xFB05, "\x53\x74"},      // ﬅ -> St
    {0xFB06, "\x53\x74"},      // ﬆ -> St
    {0xFB13, "\xd5\x84\xd5\xb6"},
    {0xFB14, "\xd5\x84\xd5\xa5"},
    {0xFB15, "\xd5\x84\xd5\xab"},
    {0xFB16, "\xd5\x8e\xd5\xb6"},
    {0xFB17, "\xd5\x84\xd5\xad"},
}};

constexpr uint32_t kCapitalSigma = 0x03A3;
constexpr uint32_t kCapitalIWithDot = 0x0130;

uint32_t SimpleLower(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

uint32_t SimpleUpper(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  return static_cast<uint32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
}

bool IsCased(uint32_t cp) {
  if (cp == kInvalidCodePoint) return false;
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LL ||
         category == UTF8PROC_CATEGORY_LT;
}

// Python lowers a capital sigma that ends a word (a cased letter before it, none after it) to
// the final form ς. Approximated from the neighbouring code points, as text/normalize.cc does.
uint32_t LowerSigma(bool cased_before, std::string_view text, size_t after) {
  bool cased_after = false;
  if (after < text.size()) {
    size_t pos = after;
    cased_after = IsCased(DecodeUtf8(text, &pos));
  }
  return cased_before && !cased_after ? 0x03C2 : 0x03C3;
}

void AppendTitle(uint32_t cp, std::string* out) {
  auto it = std::lower_bound(kMultiTitle.begin(), kMultiTitle.end(), cp,
                             [](const auto& entry, uint32_t key) { return entry.first < key; });
  if (it != kMultiTitle.end() && it->first == cp) {
    out->append(it->second);
    return;
  }
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp >= 'a' && cp <= 'z' ? cp - 32 : cp));
    return;
  }
  AppendUtf8(static_cast<uint32_t>(utf8proc_totitle(static_cast<utf8proc_int32_t>(cp))), out);
}

}  // namespace

std::string PythonCapitalize(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  bool first = true;
  bool cased_before = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const uint32_t cp = DecodeUtf8(text, &pos);
    if (cp == kInvalidCodePoint) {
      out.push_back(text[start]);
    } else if (first) {
      AppendTitle(cp, &out);
    } else if (cp == kCapitalIWithDot) {
      out.append("i\xcc\x87");  // its full lower case: i + combining dot above
    } else if (cp == kCapitalSigma) {
      AppendUtf8(LowerSigma(cased_before, text, pos), &out);
    } else {
      AppendUtf8(SimpleLower(cp), &out);
    }
    first = false;
    cased_before = IsCased(cp);
  }
  return out;
}

bool IgnoreCaseEqual(uint32_t a, uint32_t b) {
  if (a == b) return true;
  if (a == kInvalidCodePoint || b == kInvalidCodePoint) return false;
  return SimpleLower(a) == SimpleLower(b) || SimpleUpper(a) == SimpleUpper(b);
}

}  // namespace winnow::tasks
