#pragma once

// LanguageDetector: which language a text is in, with a confidence, by Google's CLD2 (Debian
// libcld2, the 83-language tables). The only file that includes CLD2's headers.
//
// Codes are CLD2's LanguageCode(): ISO 639-1 where one exists ("en", "fr", "ja"), ISO 639-2
// otherwise ("chr", "syr"), with two changes: CLD2's legacy Google codes become ISO 639-1 ("iw" ->
// "he", "jw" -> "jv"), and Traditional Chinese keeps CLD2's BCP 47 tag "zh-Hant" (Simplified is
// "zh"). "un" means CLD2 found no language (no letters, or nothing it could tell apart).
//
// The score is a confidence in [0, 1]:
//   score = share * min(1, letter_bytes / kFullScoreLetterBytes), or 0 when CLD2 says unreliable
// where share is CLD2's percent of the text's letter bytes in the top language / 100 and
// letter_bytes is the number of letter bytes CLD2 scored (tags, digits, punctuation and spaces
// excluded). CLD2's percentages alone say nothing about length ("hello world" is 92% English and
// "reliable"), and its authors give 200 characters as its design target, so texts with fewer than
// kFullScoreLetterBytes letter bytes (about ten English words, or 17 CJK characters at 3 bytes
// each) get a proportionally lower score. An unreliable verdict (CLD2's own test: the top language
// is not clearly ahead of the second) scores 0.
//
// Thread-safety: CLD2's detection is thread-safe by design (compact_lang_det.h: "Design goals:
// ... Thread safe"; the statically linked tables are read-only and the scratch space is per call),
// and a LanguageDetector is immutable, so one detector serves every worker.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow {

// Letter bytes from which a text's score is CLD2's share alone.
inline constexpr int kFullScoreLetterBytes = 50;

struct LanguageShare {
  std::string_view code;  // static storage
  double share = 0;       // of the text's letter bytes, in [0, 1]
};

struct LanguageGuess {
  std::string_view code = "un";  // the top language; static storage
  double score = 0;              // the confidence defined above
  bool reliable = false;         // CLD2's is_reliable
  int letter_bytes = 0;          // letter bytes CLD2 scored
  // Up to three languages with their shares, best first ("un" entries left out).
  std::array<LanguageShare, 3> top{};
  size_t top_count = 0;
};

struct LanguageDetectorOptions {
  // true: the text is plain text. false: it is HTML, whose tags, <script> and <style> are skipped
  // and entities expanded before detection.
  bool plain_text = true;
  // A language code that CLD2 should favour ("fr"); empty for none. A hint biases the scores, it
  // does not force the answer.
  std::string hint;
};

class LanguageDetector {
 public:
  // Fails when the hint is not a language CLD2 knows.
  static Result<LanguageDetector> Create(LanguageDetectorOptions options);

  // Detects the language of `text`. Text that is not valid UTF-8 gets "un" with score 0.
  LanguageGuess Detect(std::string_view text) const;

 private:
  LanguageDetector(bool plain_text, int hint) : plain_text_(plain_text), hint_(hint) {}
  bool plain_text_;
  int hint_;  // a CLD2::Language
};

// The canonical code of a language CLD2 knows ("iw" -> "he", "zh-TW" -> "zh-Hant", "un" -> "un"),
// or InvalidArgument naming `code`. For validating user-given codes (keep lists, hints).
Result<std::string_view> CanonicalLanguageCode(std::string_view code);

// True when `language` (a detected code) is `wanted` or a subtag of it: "zh-Hant" matches "zh"
// and "zh-Hant", "zh" matches only "zh" (RFC 4647 basic filtering).
bool LanguageMatches(std::string_view language, std::string_view wanted);

}  // namespace winnow
