#pragma once

// conversation_hygiene: conversations that teach a model nothing or the wrong thing. On a chat
// record (the stage's field is a message list) it reads the turns; on plain text only the prompt
// repetition rule applies, against prompt_field. Rules, in order (first failing wins):
//   empty                  the view's text is blank
//   empty_turn             a turn with blank content (an assistant turn that calls tools is not
//                          blank); the reason names the first one          (empty_turns: true)
//   filler_final_exchange  the last user turn and every turn after it are only filler: thanks,
//                          "you're welcome", "glad I could help", ... (FillerOnly)  (filler: true)
//   repeats_prompt         an assistant turn whose words are (nearly) the preceding user turn's:
//                          word-set Jaccard similarity >= repeat_similarity (0.9)
// Measures: empty_turns, filler_final_exchange (0 or 1), prompt_similarity (the highest).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/conversation_turns.h"
#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/record/field_path.h"

namespace winnow {

struct ConversationHygieneOptions {
  FieldPath field;                        // the stage's field: a message list or a text
  bool empty_turns = true;                // drop conversations with a blank turn
  bool filler = true;                     // drop conversations that end in a filler exchange
  Threshold repeat_similarity{0.9};       // Jaccard of word sets, response vs. its prompt
  std::optional<FieldPath> prompt_field;  // plain text: where the prompt is
};

class ConversationHygieneFilter : public Filter {
 public:
  explicit ConversationHygieneFilter(ConversationHygieneOptions options)
      : options_(std::move(options)) {}
  std::string_view name() const override { return "conversation_hygiene"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  // Returns true when the filter should stop.
  bool CheckEmptyTurns(const std::vector<ConversationTurn>& turns, FilterResult* result) const;
  bool CheckFiller(const std::vector<ConversationTurn>& turns, FilterResult* result) const;
  void CheckRepetition(const std::vector<ConversationTurn>& turns, FilterResult* result) const;

  ConversationHygieneOptions options_;
};

// Lower-cased words of `text`: runs of letters, digits and marks, apostrophes dropped ("You're"
// -> "youre"), everything else a separator. The views point into `*buffer`.
void NormalisedWords(std::string_view text, std::string* buffer,
                     std::vector<std::string_view>* words);

// |A ∩ B| / |A ∪ B| of the two word sets; 0 when both are empty.
double WordJaccard(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b);

// True when `text` is nothing but filler ("Thanks a lot!", "You're welcome! Let me know if you
// have any other questions.", "👍"): at most 24 words, all covered by phrases of a small fixed
// list, case and punctuation ignored.
bool FillerOnly(std::string_view text);

// The filter table's factory.
Result<std::unique_ptr<Filter>> CreateConversationHygieneFilter(StepOptions& options);

}  // namespace winnow
