#pragma once

// DedupKey: which text of a record decides whether it duplicates another, and how that text is
// normalised. One or several text views (a field, or the turns of a conversation: for chat data
// the prompt, the response or the whole conversation); several views are joined with " \u241E "
// (a word no normalisation removes) so ("a b", "c") and ("a", "b c") stay different keys.

#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/record.h"
#include "winnow/record/text_view.h"
#include "winnow/text/normalize.h"

namespace winnow {

// What part of a conversation is the key (ignored for plain string fields).
enum class ConversationPart { kAll, kPrompt, kResponse };

struct DedupKeyOptions {
  std::vector<std::string> fields = {"text"};  // field paths; several are joined
  ConversationPart part = ConversationPart::kAll;
  bool role_prefix = false;  // include "user: " etc. so role swaps differ
  TextNormalization normalization = TextNormalization::kMinHash;
};

// "all"/"conversation" | "prompt" | "response".
Result<ConversationPart> ParseConversationPart(std::string_view name);

class DedupKey {
 public:
  static Result<DedupKey> Create(const DedupKeyOptions& options);

  // The raw (not yet normalised) key text of `record`; empty when every field is missing or
  // empty. Valid while `record` and `*scratch` are unchanged.
  std::string_view RawText(const Record& record, std::string* scratch) const;

  // True when a conversation part (prompt/response) was asked for but `record`'s key field is
  // present and not a message list, so the whole field is the key: callers count and report it.
  bool PartIgnored(const Record& record) const;

  TextNormalization normalization() const { return normalization_; }
  const std::vector<TextView>& views() const { return views_; }

 private:
  std::vector<TextView> views_;
  TextNormalization normalization_ = TextNormalization::kMinHash;
  ConversationPart part_ = ConversationPart::kAll;
};

}  // namespace winnow
