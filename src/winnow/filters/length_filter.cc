#include "winnow/filters/length_filter.h"

#include "winnow/filters/filter_table.h"
#include "winnow/text/python_str.h"
#include "winnow/tokenizers/tokenizer.h"

namespace winnow {

Result<std::unique_ptr<LengthFilter>> LengthFilter::Create(LengthOptions options,
                                                           TokenCounter count_tokens) {
  if ((options.min_tokens.enabled || options.max_tokens.enabled) && !count_tokens) {
    return Error(Status::InvalidArgument(
        "length: min_tokens and max_tokens need a tokenizer (option tokenizer: PATH)"));
  }
  return std::unique_ptr<LengthFilter>(new LengthFilter(options, std::move(count_tokens)));
}

void LengthFilter::Check(FilterDocument& doc, FilterResult* result) const {
  if (doc.blank() && result->Fail("empty", "no text")) return;
  const LengthOptions& o = options_;
  const double chars = static_cast<double>(doc.length());
  if (result->Check("min_chars", "chars", chars, Comparison::kLess, o.min_chars.value,
                    o.min_chars.enabled) ||
      result->Check("max_chars", "chars", chars, Comparison::kGreater, o.max_chars.value,
                    o.max_chars.enabled)) {
    return;
  }
  PythonSplitWhitespace(doc.text(), &doc.scratch_words());
  const double words = static_cast<double>(doc.scratch_words().size());
  if (result->Check("min_words", "words", words, Comparison::kLess, o.min_words.value,
                    o.min_words.enabled) ||
      result->Check("max_words", "words", words, Comparison::kGreater, o.max_words.value,
                    o.max_words.enabled)) {
    return;
  }
  if (!count_tokens_) return;
  const double tokens = static_cast<double>(count_tokens_(doc.text()));
  if (result->Check("min_tokens", "tokens", tokens, Comparison::kLess, o.min_tokens.value,
                    o.min_tokens.enabled)) {
    return;
  }
  result->Check("max_tokens", "tokens", tokens, Comparison::kGreater, o.max_tokens.value,
                o.max_tokens.enabled);
}

Result<std::unique_ptr<Filter>> CreateLengthFilter(StepOptions& options) {
  LengthOptions o;
  WINNOW_ASSIGN_OR_RETURN(o.min_chars, GetThreshold(options, "min_chars", o.min_chars));
  WINNOW_ASSIGN_OR_RETURN(o.max_chars, GetThreshold(options, "max_chars", o.max_chars));
  WINNOW_ASSIGN_OR_RETURN(o.min_words, GetThreshold(options, "min_words", o.min_words));
  WINNOW_ASSIGN_OR_RETURN(o.max_words, GetThreshold(options, "max_words", o.max_words));
  WINNOW_ASSIGN_OR_RETURN(o.min_tokens, GetThreshold(options, "min_tokens", o.min_tokens));
  WINNOW_ASSIGN_OR_RETURN(o.max_tokens, GetThreshold(options, "max_tokens", o.max_tokens));
  WINNOW_ASSIGN_OR_RETURN(std::string tokenizer_path, options.GetString("tokenizer", ""));
  WINNOW_ASSIGN_OR_RETURN(bool special_tokens, options.GetBool("special_tokens", false));
  TokenCounter counter;
  if (!tokenizer_path.empty()) {
    auto loaded = LoadTokenizer(tokenizer_path);
    if (!loaded) {
      return Error(Status::InvalidArgument("length: " + loaded.error().message()));
    }
    // The tokenizer is immutable and thread-safe; the counter shares it between workers.
    std::shared_ptr<const Tokenizer> tokenizer = std::move(*loaded);
    counter = [tokenizer, special_tokens](std::string_view text) {
      return tokenizer->CountTokens(text, special_tokens);
    };
  }
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<LengthFilter> filter,
                          LengthFilter::Create(o, std::move(counter)));
  return std::unique_ptr<Filter>(std::move(filter));
}

}  // namespace winnow
