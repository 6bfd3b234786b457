#pragma once

// truncation: responses cut off by a token limit or left empty. On a chat record (the stage's
// field is a message list) the response is the final assistant turn; on anything else, the view's
// text. Rules, in order (first failing wins):
//   empty                   the view's text is blank
//   no_response             the conversation does not end with an assistant turn (require_response)
//   empty_response          the final assistant turn is blank and calls no tools
//   finish_reason_length    the record's finish_reason_field, or the final assistant message's own
//                           "finish_reason", is "length" (OpenAI), "max_tokens" (Anthropic) or
//                           "MAX_TOKENS" (Gemini)
//   no_terminal_punctuation the response does not end a sentence (EndsComplete below)
// An assistant turn that only calls tools ends its response by the call: it passes the last two.

#include <optional>
#include <string>
#include <string_view>

#include "winnow/filters/filter.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/record/field_path.h"

namespace winnow {

struct TruncationOptions {
  FieldPath field;               // the stage's field: a message list or a text
  bool require_response = true;  // a conversation must end with an assistant turn
  bool terminal_punctuation = true;
  bool check_finish_reason = true;
  std::optional<FieldPath> finish_reason_field;  // record metadata ("finish_reason"); none: skip
};

class TruncationFilter : public Filter {
 public:
  explicit TruncationFilter(TruncationOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "truncation"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  // The finish reason that marks a cut-off, or empty.
  // `message` is the final assistant message, null for plain text.
  std::string_view CutOffReason(const FilterDocument& doc,
                                const simdjson::dom::object* message) const;

  TruncationOptions options_;
};

// True when `text` ends as a finished response does:
//   - trailing whitespace is ignored;
//   - a closed code fence (``` or ~~~) or a markdown table row ("| a | b |") as the last line
//     ends it;
//   - closing quotes, brackets and markdown emphasis (" ' ” ’ » ) ] } * _ ` ~ and CJK closing
//     brackets) are looked through: "(Done.)" and **Done.** end with their period;
//   - then the last character must be a sentence terminator (IsTerminalPunctuation: . ! ? 。 ！
//     ？ and the other 153), an ellipsis (…), or an emoji / pictograph ("Enjoy! 🎉").
// A colon, comma, letter or digit at the end does not finish a response ("Here is the code:").
bool EndsComplete(std::string_view text);

// The filter table's factory.
Result<std::unique_ptr<Filter>> CreateTruncationFilter(StepOptions& options);

}  // namespace winnow
