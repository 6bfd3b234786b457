#include "winnow/dedup/dedup_key.h"

namespace winnow {
namespace {
// Between the fields of a combined key: a word of its own (U+241E SYMBOL FOR RECORD SEPARATOR is
// neither punctuation nor space), so every normalisation keeps field boundaries.
constexpr std::string_view kFieldSeparator = " \u241E ";
}  // namespace

Result<ConversationPart> ParseConversationPart(std::string_view name) {
  if (name == "all" || name == "conversation") return ConversationPart::kAll;
  if (name == "prompt") return ConversationPart::kPrompt;
  if (name == "response") return ConversationPart::kResponse;
  return tl::unexpected(Status::InvalidArgument("unknown conversation part \"" + std::string(name) +
                                                "\" (expected conversation, prompt or response)"));
}

Result<DedupKey> DedupKey::Create(const DedupKeyOptions& options) {
  if (options.fields.empty()) return tl::unexpected(Status::InvalidArgument("no key field given"));
  TextViewOptions view_options;
  view_options.role_prefix = options.role_prefix;
  view_options.separator = "\n";
  // The prompt is everything the model is given; the response is what it answered.
  if (options.part == ConversationPart::kPrompt) view_options.roles = {"system", "user", "tool"};
  if (options.part == ConversationPart::kResponse) view_options.roles = {"assistant"};
  DedupKey key;
  key.normalization_ = options.normalization;
  key.part_ = options.part;
  for (const auto& field : options.fields) {
    WINNOW_ASSIGN_OR_RETURN(auto view, TextView::Parse(field, view_options));
    key.views_.push_back(std::move(view));
  }
  return key;
}

std::string_view DedupKey::RawText(const Record& record, std::string* scratch) const {
  if (views_.size() == 1) return views_[0].Get(record, scratch);
  std::string joined;
  std::string part_scratch;
  for (size_t i = 0; i < views_.size(); ++i) {
    if (i > 0) joined.append(kFieldSeparator);
    joined.append(views_[i].Get(record, &part_scratch));
  }
  // Every view missing: no key at all, rather than a string of separators.
  if (joined.size() == (views_.size() - 1) * kFieldSeparator.size()) joined.clear();
  *scratch = std::move(joined);
  return *scratch;
}

bool DedupKey::PartIgnored(const Record& record) const {
  if (part_ == ConversationPart::kAll) return false;
  for (const TextView& view : views_) {
    if (view.path().has_wildcard()) continue;
    simdjson::dom::element value;
    if (view.path().Get(record).get(value) != simdjson::SUCCESS || value.is_null()) continue;
    if (!IsMessageList(value)) return true;
  }
  return false;
}

}  // namespace winnow
