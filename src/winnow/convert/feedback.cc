#include "winnow/convert/feedback.h"

#include <fmt/format.h>

#include <cstdlib>

#include "winnow/convert/to_messages.h"
#include "winnow/convert/turns.h"
#include "winnow/record/field_path.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

using simdjson::dom::element;

struct LabelRule {
  FieldPath field;
  std::string op;     // = != >= <= > <
  std::string value;  // as written
  bool label = false;
  std::string text;  // the rule as written, for counters and errors
};

Result<LabelRule> ParseRule(std::string_view text) {
  LabelRule rule;
  rule.text = std::string(text);
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return Error(Status::InvalidArgument(
        fmt::format("label rule '{}': expected FIELD=VALUE:true or FIELD=VALUE:false", text)));
  }
  std::string_view label = text.substr(colon + 1);
  if (label != "true" && label != "false") {
    return Error(Status::InvalidArgument(
        fmt::format("label rule '{}': the label after ':' must be true or false", text)));
  }
  rule.label = label == "true";
  std::string_view condition = text.substr(0, colon);
  size_t op_at = condition.find_first_of("=!<>");
  if (op_at == std::string_view::npos || op_at == 0) {
    return Error(Status::InvalidArgument(
        fmt::format("label rule '{}': expected FIELD=VALUE (or !=, >=, <=, >, <)", text)));
  }
  size_t op_end = op_at + 1;
  if (op_end < condition.size() && condition[op_end] == '=') ++op_end;
  rule.op = std::string(condition.substr(op_at, op_end - op_at));
  if (rule.op == "!") {
    return Error(Status::InvalidArgument(fmt::format("label rule '{}': '!' must be '!='", text)));
  }
  rule.value = std::string(condition.substr(op_end));
  WINNOW_ASSIGN_OR_RETURN(rule.field, FieldPath::Parse(condition.substr(0, op_at)));
  return rule;
}

std::optional<double> Number(std::string_view text) {
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}

// Compares a field's value with the rule: strings as text, numbers numerically, bools and null
// by their JSON spelling.
bool Matches(const LabelRule& rule, element value) {
  std::string actual;
  std::string_view text;
  if (!value.get_string().get(text)) {
    actual = std::string(text);
  } else {
    AppendJsonElement(value, &actual);
  }
  if (rule.op == "=") return actual == rule.value;
  if (rule.op == "!=") return actual != rule.value;
  auto left = Number(actual);
  auto right = Number(rule.value);
  if (!left || !right) return false;
  if (rule.op == ">=") return *left >= *right;
  if (rule.op == "<=") return *left <= *right;
  if (rule.op == ">") return *left > *right;
  if (rule.op == "<") return *left < *right;
  return false;
}

Result<Turns> ColumnTurns(const Record& record, std::string_view key, std::string_view role,
                          bool conversational, simdjson::dom::parser& parser) {
  element value;
  if (record.Field(key).get(value) || value.is_null()) {
    return Error(Status::InvalidArgument(fmt::format("missing column '{}'", key)));
  }
  WINNOW_ASSIGN_OR_RETURN(Turns turns, ReadTurns(value, key, parser));
  if (conversational && !turns.conversational) return Turns::Message(std::string(role), turns.text);
  return turns;
}

Result<bool> ReadForm(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string form, options.GetString("form", "conversational"));
  if (form != "conversational" && form != "standard") {
    return Error(Status::InvalidArgument("form must be 'conversational' or 'standard'"));
  }
  return form == "conversational";
}

class FeedbackToKto : public Conversion {
 public:
  FeedbackToKto(std::vector<LabelRule> rules, std::string prompt, std::string response,
                bool conversational, MessageWriteOptions write)
      : rules_(std::move(rules)),
        prompt_(std::move(prompt)),
        response_(std::move(response)),
        conversational_(conversational),
        write_(write) {}
  std::string_view name() const override { return "feedback_to_kto"; }
  std::optional<TrlType> target() const override { return TrlType::kUnpairedPreference; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    return {prompt_, response_, "completion", "label"};
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    const LabelRule* matched = nullptr;
    std::vector<element> values;
    for (const auto& rule : rules_) {
      values.clear();
      rule.field.Resolve(input, &values);
      if (!values.empty() && Matches(rule, values.front())) {
        matched = &rule;
        break;
      }
    }
    if (!matched) {
      out.Reject("no_rule_matched", "no label rule matched this row's signals");
      return Status::OK();
    }
    auto prompt = ColumnTurns(input, prompt_, "user", conversational_, parser);
    auto response = ColumnTurns(input, response_, "assistant", conversational_, parser);
    if (!prompt || !response) {
      out.Reject("bad_input", (!prompt ? prompt.error() : response.error()).message());
      return Status::OK();
    }
    out.BeginRecord();
    WriteTurns(*prompt, write_, &out.Column("prompt"));
    WriteTurns(*response, write_, &out.Column("completion"));
    out.Column("label").Bool(matched->label);
    return Status::OK();
  }

 private:
  std::vector<LabelRule> rules_;
  std::string prompt_;
  std::string response_;
  bool conversational_;
  MessageWriteOptions write_;
};

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string AnswerText(const Turns& turns) {
  if (!turns.conversational) return std::string(TrimSpace(turns.text));
  std::string text;
  for (const auto& message : turns.messages) text += message.text;
  return std::string(TrimSpace(text));
}

class SpinPreference : public Conversion {
 public:
  SpinPreference(std::string prompt, std::string gold, std::string generated, bool conversational,
                 MessageWriteOptions write)
      : prompt_(std::move(prompt)),
        gold_(std::move(gold)),
        generated_(std::move(generated)),
        conversational_(conversational),
        write_(write) {}
  std::string_view name() const override { return "spin_preference"; }
  std::optional<TrlType> target() const override { return TrlType::kPreference; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    return {prompt_, gold_, generated_, "messages"};
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    Turns prompt, gold;
    Status status = PromptAndGold(input, parser, &prompt, &gold);
    auto generated = ColumnTurns(input, generated_, "assistant", gold.conversational, parser);
    if (status.ok() && !generated) status = generated.error();
    if (!status.ok()) {
      out.Reject("bad_input", status.message());
      return Status::OK();
    }
    if (AnswerText(gold) == AnswerText(*generated)) {
      out.Reject("model_matches_gold", "the model's answer equals the gold answer");
      return Status::OK();
    }
    out.BeginRecord();
    WriteTurns(prompt, write_, &out.Column("prompt"));
    WriteTurns(gold, write_, &out.Column("chosen"));
    WriteTurns(*generated, write_, &out.Column("rejected"));
    return Status::OK();
  }

 private:
  // prompt + gold columns, or a whole `messages` conversation whose last reply is the gold answer.
  Status PromptAndGold(const Record& input, simdjson::dom::parser& parser, Turns* prompt,
                       Turns* gold) const {
    element messages;
    if (input.Field(prompt_).error() && !input.Field("messages").get(messages)) {
      WINNOW_ASSIGN_OR_RETURN(auto turns, ReadChatMessages(messages, "messages", parser));
      size_t split = ReplyStart(turns);
      if (split >= turns.size()) {
        return Status::InvalidArgument("messages: no assistant reply after the last user turn");
      }
      *prompt = Turns::Messages({turns.begin(), turns.begin() + split});
      *gold = Turns::Messages({turns.begin() + split, turns.end()});
      return Status::OK();
    }
    WINNOW_ASSIGN_OR_RETURN(*prompt, ColumnTurns(input, prompt_, "user", conversational_, parser));
    WINNOW_ASSIGN_OR_RETURN(*gold,
                            ColumnTurns(input, gold_, "assistant", prompt->conversational, parser));
    return Status::OK();
  }

  std::string prompt_;
  std::string gold_;
  std::string generated_;
  bool conversational_;
  MessageWriteOptions write_;
};

}  // namespace

Result<std::unique_ptr<Conversion>> CreateFeedbackToKto(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string rules_text, options.GetString("label_rule", ""));
  std::vector<LabelRule> rules;
  size_t start = 0;
  while (start < rules_text.size()) {
    size_t end = rules_text.find(';', start);
    if (end == std::string::npos) end = rules_text.size();
    if (end > start) {
      WINNOW_ASSIGN_OR_RETURN(LabelRule rule, ParseRule(rules_text.substr(start, end - start)));
      rules.push_back(std::move(rule));
    }
    start = end + 1;
  }
  if (rules.empty()) {
    return Error(
        Status::InvalidArgument("feedback_to_kto needs label rules, e.g. label_rule: "
                                "\"thumbs=up:true;thumbs=down:false\""));
  }
  WINNOW_ASSIGN_OR_RETURN(std::string prompt, options.GetString("prompt", "prompt"));
  WINNOW_ASSIGN_OR_RETURN(std::string response, options.GetString("response", "response"));
  WINNOW_ASSIGN_OR_RETURN(bool conversational, ReadForm(options));
  WINNOW_ASSIGN_OR_RETURN(MessageWriteOptions write, ReadMessageWriteOptions(options));
  return std::unique_ptr<Conversion>(new FeedbackToKto(std::move(rules), std::move(prompt),
                                                       std::move(response), conversational, write));
}

Result<std::unique_ptr<Conversion>> CreateSpinPreference(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string prompt, options.GetString("prompt", "prompt"));
  WINNOW_ASSIGN_OR_RETURN(std::string gold, options.GetString("gold", "completion"));
  WINNOW_ASSIGN_OR_RETURN(std::string generated, options.GetString("generated", "generated"));
  WINNOW_ASSIGN_OR_RETURN(bool conversational, ReadForm(options));
  WINNOW_ASSIGN_OR_RETURN(MessageWriteOptions write, ReadMessageWriteOptions(options));
  return std::unique_ptr<Conversion>(new SpinPreference(
      std::move(prompt), std::move(gold), std::move(generated), conversational, write));
}

}  // namespace winnow
