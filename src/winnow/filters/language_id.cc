#include "winnow/filters/language_id.h"

#include <fmt/format.h>

#include <cmath>

#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

// Scores are written and compared at 4 decimals, so the column a user sees is the value the rule
// judged (no "0.65 < 0.65" from an unshown 0.64996).
double RoundScore(double score) { return std::round(score * 10000.0) / 10000.0; }

std::string JsonNumber(double value) { return fmt::format("{}", value); }

}  // namespace

Result<std::unique_ptr<Filter>> LanguageIdFilter::Create(LanguageIdOptions options) {
  for (std::string& code : options.keep) {
    auto canonical = CanonicalLanguageCode(code);
    if (!canonical) return Error(canonical.error().WithPrefix("language_id: keep"));
    code = std::string(*canonical);
  }
  if (options.language_column.empty() || options.score_column.empty()) {
    return Error(Status::InvalidArgument("language_id: column names must not be empty"));
  }
  auto detector = LanguageDetector::Create(options.detector);
  if (!detector) return Error(detector.error().WithPrefix("language_id: hint"));
  return std::unique_ptr<Filter>(new LanguageIdFilter(std::move(options), *detector));
}

LanguageIdFilter::LanguageIdFilter(LanguageIdOptions options, LanguageDetector detector)
    : options_(std::move(options)), detector_(detector) {
  keep_list_ = "[";
  for (size_t i = 0; i < options_.keep.size(); ++i) {
    keep_list_ += (i == 0 ? "" : ", ") + options_.keep[i];
  }
  keep_list_ += "]";
  top3_column_ = options_.language_column + "_top3";
}

bool LanguageIdFilter::Kept(std::string_view language) const {
  if (options_.keep.empty()) return true;
  for (const std::string& wanted : options_.keep) {
    if (LanguageMatches(language, wanted)) return true;
  }
  return false;
}

void LanguageIdFilter::TagColumns(const LanguageGuess& guess, FilterResult* result) const {
  std::string code;
  AppendJsonString(guess.code, &code);
  result->Tag(options_.language_column, std::move(code));
  result->Tag(options_.score_column, JsonNumber(RoundScore(guess.score)));
  if (!options_.top3) return;
  std::string top = "[";
  for (size_t i = 0; i < guess.top_count; ++i) {
    top += i == 0 ? "{\"language\":" : ",{\"language\":";
    AppendJsonString(guess.top[i].code, &top);
    top += ",\"share\":" + JsonNumber(guess.top[i].share) + "}";
  }
  top += "]";
  result->Tag(top3_column_, std::move(top));
}

void LanguageIdFilter::Check(FilterDocument& doc, FilterResult* result) const {
  // Blank texts skip CLD2 (which would say "un" anyway) but still get their columns, so every
  // annotated record has the same shape.
  const LanguageGuess guess = doc.blank() ? LanguageGuess{} : detector_.Detect(doc.text());
  TagColumns(guess, result);
  if (doc.blank() && result->Fail("empty", "no text")) return;
  if (!Kept(guess.code) &&
      result->Fail("language", std::string(guess.code) + " not in " + keep_list_)) {
    return;
  }
  result->Check("language_score", RoundScore(guess.score), Comparison::kLess,
                options_.min_score.value, options_.min_score.enabled);
}

}  // namespace winnow
