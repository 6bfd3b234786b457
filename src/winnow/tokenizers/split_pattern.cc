#include "winnow/tokenizers/split_pattern.h"

#include <fmt/format.h>
#include <unicode/regex.h>
#include <unicode/utext.h>

namespace winnow::tokenizers {
namespace {

// ICU matches on a UTF-8 UText, so match positions come back as byte offsets without converting
// the text to UTF-16. A RegexPattern is thread-safe; each search makes its own RegexMatcher.
class IcuRegexPattern final : public SplitPattern {
 public:
  explicit IcuRegexPattern(std::unique_ptr<icu::RegexPattern> pattern)
      : pattern_(std::move(pattern)) {}

  void FindMatches(std::string_view text, std::vector<Span>* matches) const override {
    if (text.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
    std::unique_ptr<icu::RegexMatcher> matcher(pattern_->matcher(status));
    if (U_SUCCESS(status)) matcher->reset(&utext);
    while (U_SUCCESS(status) && matcher->find(status)) {
      int64_t begin = matcher->start64(status);
      int64_t end = matcher->end64(status);
      if (U_SUCCESS(status) && end > begin) {
        matches->push_back({static_cast<size_t>(begin), static_cast<size_t>(end)});
      }
    }
    matcher.reset();
    utext_close(&utext);
  }

 private:
  std::unique_ptr<icu::RegexPattern> pattern_;
};

class LiteralPattern final : public SplitPattern {
 public:
  explicit LiteralPattern(std::string literal) : literal_(std::move(literal)) {}

  void FindMatches(std::string_view text, std::vector<Span>* matches) const override {
    if (literal_.empty()) return;
    size_t pos = 0;
    while ((pos = text.find(literal_, pos)) != std::string_view::npos) {
      matches->push_back({pos, pos + literal_.size()});
      pos += literal_.size();
    }
  }

 private:
  std::string literal_;
};

}  // namespace

Result<std::unique_ptr<SplitPattern>> CompileIcuRegex(std::string_view pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(source, 0, parse_error, status));
  if (U_FAILURE(status) || compiled == nullptr) {
    return Error(
        Status::InvalidInput(fmt::format("regex '{}' does not compile ({} at character {})",
                                         pattern, u_errorName(status), parse_error.offset)));
  }
  return std::unique_ptr<SplitPattern>(std::make_unique<IcuRegexPattern>(std::move(compiled)));
}

Result<std::unique_ptr<SplitPattern>> CompileSplitRegex(std::string_view pattern) {
  if (pattern == kGpt2Pattern) return NewGpt2Pattern();
  if (pattern == kLlama3Pattern) return NewLlama3StylePattern(3);
  if (pattern == kQwen2Pattern) return NewLlama3StylePattern(1);
  return CompileIcuRegex(pattern);
}

std::unique_ptr<SplitPattern> NewLiteralPattern(std::string literal) {
  return std::make_unique<LiteralPattern>(std::move(literal));
}

}  // namespace winnow::tokenizers
