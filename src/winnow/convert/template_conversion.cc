#include "winnow/convert/template_conversion.h"

#include <fmt/format.h>

#include <optional>

#include "winnow/convert/turns.h"
#include "winnow/record/json_writer.h"
#include "winnow/template/prompt_template.h"

namespace winnow {
namespace {

enum class TemplateTarget { kPromptCompletion, kMessages, kText, kPromptOnly };

struct TemplateConversionOptions {
  explicit TemplateConversionOptions(jinja::Template prompt_template)
      : prompt(std::move(prompt_template)) {}
  jinja::Template prompt;
  std::optional<jinja::Template> completion;
  std::string completion_field;
  std::string system;
  TemplateTarget target = TemplateTarget::kPromptCompletion;
  bool conversational = false;
};

class TemplateConversion : public Conversion {
 public:
  explicit TemplateConversion(TemplateConversionOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "template"; }
  std::optional<TrlType> target() const override {
    switch (options_.target) {
      case TemplateTarget::kPromptCompletion:
        return TrlType::kPromptCompletion;
      case TemplateTarget::kMessages:
      case TemplateTarget::kText:
        return TrlType::kLanguageModeling;
      case TemplateTarget::kPromptOnly:
        return TrlType::kPromptOnly;
    }
    return std::nullopt;
  }
  std::set<std::string, std::less<>> consumed_columns() const override {
    // The source columns stay (they are often useful: ids, labels); the output columns replace
    // any of the same name.
    return {"prompt", "completion", "messages", "text"};
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    (void)parser;
    jinja::Value context = RecordTemplateContext(input);
    auto prompt = options_.prompt.Render(context);
    if (!prompt) {
      out.Reject("template_error", prompt.error().message());
      return Status::OK();
    }
    std::string completion;
    if (options_.completion) {
      auto rendered = options_.completion->Render(context);
      if (!rendered) {
        out.Reject("template_error", rendered.error().message());
        return Status::OK();
      }
      completion = std::move(*rendered);
    } else if (!options_.completion_field.empty()) {
      std::string_view text;
      simdjson::dom::element value;
      if (input.Field(options_.completion_field).get(value)) {
        out.Reject("missing_column", "missing column '" + options_.completion_field + "'");
        return Status::OK();
      }
      if (value.get_string().get(text)) {
        // Labels and numbers are answers too ("positive", 3): their JSON text.
        std::string json;
        AppendJsonElement(value, &json);
        completion = json;
      } else {
        completion = std::string(text);
      }
    }
    Write(*prompt, completion, out);
    return Status::OK();
  }

 private:
  void Write(const std::string& prompt, const std::string& completion,
             ConversionOutput& out) const {
    out.BeginRecord();
    bool has_completion = options_.completion || !options_.completion_field.empty();
    switch (options_.target) {
      case TemplateTarget::kText:
        out.Column("text").String(has_completion ? prompt + completion : prompt);
        return;
      case TemplateTarget::kPromptOnly:
        WriteTurns(PromptTurns(prompt), {}, &out.Column("prompt"));
        return;
      case TemplateTarget::kMessages: {
        Turns turns = PromptTurns(prompt);
        turns.messages.push_back(ChatMessage::Text("assistant", completion));
        WriteTurns(turns, {}, &out.Column("messages"));
        return;
      }
      case TemplateTarget::kPromptCompletion:
        WriteTurns(PromptTurns(prompt), {}, &out.Column("prompt"));
        WriteTurns(options_.conversational ? Turns::Message("assistant", completion)
                                           : Turns::Text(completion),
                   {}, &out.Column("completion"));
        return;
    }
  }

  // The prompt as a string, or as a user turn (after the system turn) in message form.
  Turns PromptTurns(const std::string& prompt) const {
    if (options_.target != TemplateTarget::kMessages && !options_.conversational) {
      return Turns::Text(prompt);
    }
    std::vector<ChatMessage> messages;
    if (!options_.system.empty()) messages.push_back(ChatMessage::Text("system", options_.system));
    messages.push_back(ChatMessage::Text("user", prompt));
    return Turns::Messages(std::move(messages));
  }

  TemplateConversionOptions options_;
};

Result<TemplateTarget> ParseTarget(const std::string& text) {
  if (text == "prompt_completion" || text == "prompt-completion") {
    return TemplateTarget::kPromptCompletion;
  }
  if (text == "messages") return TemplateTarget::kMessages;
  if (text == "text") return TemplateTarget::kText;
  if (text == "prompt" || text == "prompt_only" || text == "prompt-only") {
    return TemplateTarget::kPromptOnly;
  }
  return Error(Status::InvalidArgument(
      "template: to must be prompt-completion, messages, text or prompt, got '" + text + "'"));
}

}  // namespace

Result<std::unique_ptr<Conversion>> CreateTemplateConversion(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string source, options.GetString("template_string", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string name, options.GetString("template_name", "template"));
  if (source.empty()) {
    return Error(Status::InvalidArgument("template: a prompt template is required"));
  }
  WINNOW_ASSIGN_OR_RETURN(jinja::Template prompt, CompilePromptTemplate(source, name));
  TemplateConversionOptions conversion(std::move(prompt));
  WINNOW_ASSIGN_OR_RETURN(std::string completion_source,
                          options.GetString("completion_template_string", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string completion_name,
                          options.GetString("completion_template_name", "completion template"));
  if (!completion_source.empty()) {
    WINNOW_ASSIGN_OR_RETURN(conversion.completion,
                            CompilePromptTemplate(completion_source, completion_name));
  }
  WINNOW_ASSIGN_OR_RETURN(conversion.completion_field, options.GetString("completion_field", ""));
  if (conversion.completion && !conversion.completion_field.empty()) {
    return Error(Status::InvalidArgument(
        "template: give a completion template or a completion field, not both"));
  }
  bool has_completion = conversion.completion || !conversion.completion_field.empty();
  WINNOW_ASSIGN_OR_RETURN(std::string to,
                          options.GetString("to", has_completion ? "prompt_completion" : "prompt"));
  WINNOW_ASSIGN_OR_RETURN(conversion.target, ParseTarget(to));
  if (!has_completion && (conversion.target == TemplateTarget::kPromptCompletion ||
                          conversion.target == TemplateTarget::kMessages)) {
    return Error(Status::InvalidArgument("template: --to " + to +
                                         " needs a completion template or a completion field"));
  }
  WINNOW_ASSIGN_OR_RETURN(conversion.system, options.GetString("system", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string form, options.GetString("form", "standard"));
  if (form != "standard" && form != "conversational") {
    return Error(Status::InvalidArgument("form must be 'standard' or 'conversational'"));
  }
  conversion.conversational = form == "conversational";
  if (!conversion.system.empty() && !conversion.conversational &&
      conversion.target != TemplateTarget::kMessages) {
    return Error(Status::InvalidArgument(
        "template: a system prompt needs message output (--form conversational or --to messages)"));
  }
  return std::unique_ptr<Conversion>(new TemplateConversion(std::move(conversion)));
}

}  // namespace winnow
