#include "winnow/convert/to_prompt_completion.h"

#include "winnow/convert/to_messages.h"
#include "winnow/convert/turns.h"

namespace winnow {
namespace {

class ToPromptCompletion : public Conversion {
 public:
  ToPromptCompletion(std::string field, bool standard, MessageWriteOptions write)
      : field_(std::move(field)), standard_(standard), write_(write) {}
  std::string_view name() const override { return "to_prompt_completion"; }
  std::optional<TrlType> target() const override { return TrlType::kPromptCompletion; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    return {field_, "conversations"};
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    simdjson::dom::element list;
    std::string field = field_;
    if (input.Field(field).get(list)) {
      field = "conversations";
      if (input.Field(field).get(list)) {
        out.Reject("missing_column", "missing column '" + field_ + "'");
        return Status::OK();
      }
    }
    auto messages = ReadChatMessages(list, field, parser);
    if (!messages) {
      out.Reject("bad_input", messages.error().message());
      return Status::OK();
    }
    size_t split = ReplyStart(*messages);
    if (split >= messages->size()) {
      out.Reject("no_reply", "no assistant turn after the last user turn");
      return Status::OK();
    }
    Turns prompt = Turns::Messages({messages->begin(), messages->begin() + split});
    Turns completion = Turns::Messages({messages->begin() + split, messages->end()});
    if (standard_) {
      if (prompt.messages.size() != 1 || completion.messages.size() != 1 ||
          !completion.messages[0].tool_calls.empty()) {
        out.Reject("not_flat",
                   "the standard form needs one user turn and one assistant reply (use the "
                   "conversational form, or render with a chat template)");
        return Status::OK();
      }
      prompt = Turns::Text(prompt.messages[0].text);
      completion = Turns::Text(completion.messages[0].text);
    }
    out.BeginRecord();
    WriteTurns(prompt, write_, &out.Column("prompt"));
    WriteTurns(completion, write_, &out.Column("completion"));
    return Status::OK();
  }

 private:
  std::string field_;
  bool standard_;
  MessageWriteOptions write_;
};

}  // namespace

Result<std::unique_ptr<Conversion>> CreateToPromptCompletion(StepOptions& options) {
  // `from` only says which conversation column to read: ShareGPT lists are read like messages.
  WINNOW_ASSIGN_OR_RETURN(std::string from, options.GetString("from", "auto"));
  if (from != "auto" && from != "messages" && from != "sharegpt") {
    return Error(
        Status::InvalidArgument("to prompt-completion: from must be messages or sharegpt"));
  }
  WINNOW_ASSIGN_OR_RETURN(
      std::string field,
      options.GetString("field", from == "sharegpt" ? "conversations" : "messages"));
  WINNOW_ASSIGN_OR_RETURN(std::string form, options.GetString("form", "conversational"));
  if (form != "conversational" && form != "standard") {
    return Error(
        Status::InvalidArgument("form must be 'conversational' or 'standard', got '" + form + "'"));
  }
  WINNOW_ASSIGN_OR_RETURN(MessageWriteOptions write, ReadMessageWriteOptions(options));
  return std::unique_ptr<Conversion>(
      new ToPromptCompletion(std::move(field), form == "standard", write));
}

}  // namespace winnow
