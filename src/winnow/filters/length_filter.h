#pragma once

// length: bounds on the view's text in characters (code points), words and model tokens. Words
// are whitespace-separated (str.split()), not the NLTK tokens of the datatrove filters: a length
// bound is about size, and whitespace words are cheap and predictable. Every bound is off by
// default. Rules, in order (first failing wins): empty, min_chars, max_chars, min_words,
// max_words, min_tokens, max_tokens; each drops when the value is below its min or above its max.
// Measures: chars, words, and tokens when a token counter is set.

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

struct LengthOptions {
  Threshold min_chars{0, false};
  Threshold max_chars{0, false};
  Threshold min_words{0, false};
  Threshold max_words{0, false};
  Threshold min_tokens{0, false};
  Threshold max_tokens{0, false};
};

// Counts the model tokens of a text; must be thread-safe (workers share the filter).
using TokenCounter = std::function<size_t(std::string_view)>;

class LengthFilter : public Filter {
 public:
  // Fails when a token bound is set without a token counter.
  static Result<std::unique_ptr<LengthFilter>> Create(LengthOptions options,
                                                      TokenCounter count_tokens = nullptr);

  std::string_view name() const override { return "length"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  LengthFilter(LengthOptions options, TokenCounter count_tokens)
      : options_(options), count_tokens_(std::move(count_tokens)) {}

  LengthOptions options_;
  TokenCounter count_tokens_;
};

// The filter table's factory. Token bounds need `tokenizer: PATH` (a tokenizer.json, a folder
// holding one, or a SentencePiece .model); `special_tokens: true` counts the BOS/CLS-style tokens
// the tokenizer adds.
Result<std::unique_ptr<Filter>> CreateLengthFilter(StepOptions& options);

}  // namespace winnow
