#include "winnow/text/language_detect.h"

// clang-format off
#include <cstdio>  // CLD2's header uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
// clang-format on

#include <algorithm>
#include <climits>
#include <string>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

// CLD2's code for a language, with its legacy Google codes replaced by ISO 639-1.
std::string_view CodeOf(CLD2::Language language) {
  const std::string_view code = CLD2::LanguageCode(language);
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  return code;
}

}  // namespace

Result<LanguageDetector> LanguageDetector::Create(LanguageDetectorOptions options) {
  int hint = CLD2::UNKNOWN_LANGUAGE;
  if (!options.hint.empty()) {
    WINNOW_ASSIGN_OR_RETURN(std::string_view code, CanonicalLanguageCode(options.hint));
    hint = CLD2::GetLanguageFromName(std::string(code).c_str());
  }
  return LanguageDetector(options.plain_text, hint);
}

LanguageGuess LanguageDetector::Detect(std::string_view text) const {
  LanguageGuess guess;
  // CLD2 trusts its input to be valid UTF-8; winnow's readers validate every record, so this is a
  // cheap (SIMD) guard for callers outside them.
  if (text.empty() || !IsValidUtf8(text)) return guess;
  const int length = static_cast<int>(std::min<size_t>(text.size(), INT_MAX));
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                          static_cast<CLD2::Language>(hint_)};
  CLD2::Language top[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
  int percent[3] = {0, 0, 0};
  double normalized_score[3] = {0, 0, 0};
  int letter_bytes = 0;
  bool reliable = false;
  const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
      text.data(), length, plain_text_, &hints, /*flags=*/0, top, percent, normalized_score,
      /*resultchunkvector=*/nullptr, &letter_bytes, &reliable);
  guess.code = CodeOf(language);
  guess.reliable = reliable;
  guess.letter_bytes = letter_bytes;
  double share = 0;
  for (int i = 0; i < 3; ++i) {
    if (top[i] == CLD2::UNKNOWN_LANGUAGE || percent[i] <= 0) continue;
    guess.top[guess.top_count++] = {CodeOf(top[i]), percent[i] / 100.0};
    // Usually the first entry; the returned language can differ from it when CLD2 sets aside a
    // top language it does not trust.
    if (top[i] == language && share == 0) share = percent[i] / 100.0;
  }
  if (language == CLD2::UNKNOWN_LANGUAGE || !reliable) return guess;
  const double length_factor =
      std::min(1.0, static_cast<double>(letter_bytes) / kFullScoreLetterBytes);
  guess.score = share * length_factor;
  return guess;
}

Result<std::string_view> CanonicalLanguageCode(std::string_view code) {
  if (code == "un") return std::string_view("un");
  const CLD2::Language language = CLD2::GetLanguageFromName(std::string(code).c_str());
  if (language == CLD2::UNKNOWN_LANGUAGE) {
    return Error(Status::InvalidArgument(
        "unknown language code '" + std::string(code) +
        "': expected a code CLD2 detects, such as en, fr, de, zh, zh-Hant, ja (docs/classify.md "
        "lists them), or un for unknown"));
  }
  return CodeOf(language);
}

bool LanguageMatches(std::string_view language, std::string_view wanted) {
  if (!language.starts_with(wanted)) return false;
  return language.size() == wanted.size() || language[wanted.size()] == '-';
}

}  // namespace winnow
