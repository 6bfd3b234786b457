#include "winnow/convert/to_messages.h"

#include <fmt/format.h>

#include "winnow/convert/turns.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

using simdjson::dom::element;

bool Has(const Record& record, std::string_view key) {
  element value;
  return !record.Field(key).get(value) && !value.is_null();
}

ChatSource DetectSource(const Record& record) {
  if (Has(record, "conversations")) return ChatSource::kShareGpt;
  if (Has(record, "messages")) return ChatSource::kMessages;
  if (Has(record, "instruction") && Has(record, "output")) return ChatSource::kAlpaca;
  if (Has(record, "prompt") && Has(record, "completion")) return ChatSource::kPromptCompletion;
  return ChatSource::kAuto;
}

std::string_view StringField(const Record& record, std::string_view key) {
  std::string_view text;
  if (record.Field(key).get_string().get(text)) return {};
  return text;
}

// Alpaca: [history pairs...] then instruction (+ input) -> output.
Result<std::vector<ChatMessage>> ReadAlpaca(const Record& record,
                                            const ToMessagesOptions& options) {
  std::vector<ChatMessage> messages;
  element history;
  if (!record.Field("history").get(history) && !history.is_null()) {
    simdjson::dom::array pairs;
    if (history.get_array().get(pairs)) {
      return Error(Status::InvalidArgument("history: expected a list of [instruction, response]"));
    }
    size_t index = 0;
    for (element pair : pairs) {
      std::string_view query, response;
      simdjson::dom::array items;
      if (pair.get_array().get(items) || items.size() != 2 || items.at(0).get_string().get(query) ||
          items.at(1).get_string().get(response)) {
        return Error(Status::InvalidArgument(
            fmt::format("history[{}]: expected [instruction, response] strings", index)));
      }
      messages.push_back(ChatMessage::Text("user", query));
      messages.push_back(ChatMessage::Text("assistant", response));
      ++index;
    }
  }
  std::string_view instruction, output;
  if (record.Field("instruction").get_string().get(instruction)) {
    return Error(Status::InvalidArgument("instruction: expected a string"));
  }
  if (record.Field("output").get_string().get(output)) {
    return Error(Status::InvalidArgument("output: expected a string"));
  }
  // Join only the parts that are there (LLaMA-Factory does the same): an empty instruction with
  // an input must not start with the separator.
  std::string query(instruction);
  std::string_view input = StringField(record, "input");
  if (!input.empty()) {
    query += query.empty() ? std::string(input) : options.alpaca_separator + std::string(input);
  }
  messages.push_back(ChatMessage::Text("user", query));
  messages.push_back(ChatMessage::Text("assistant", output));
  return messages;
}

Result<std::vector<ChatMessage>> ReadPromptCompletion(const Record& record,
                                                      simdjson::dom::parser& parser) {
  element prompt_value, completion_value;
  if (record.Field("prompt").get(prompt_value) ||
      record.Field("completion").get(completion_value)) {
    return Error(Status::InvalidArgument("missing column 'prompt' or 'completion'"));
  }
  WINNOW_ASSIGN_OR_RETURN(Turns prompt, ReadTurns(prompt_value, "prompt", parser));
  WINNOW_ASSIGN_OR_RETURN(Turns completion, ReadTurns(completion_value, "completion", parser));
  if (prompt.conversational != completion.conversational) {
    return Error(Status::InvalidArgument("prompt and completion are in different forms"));
  }
  if (!prompt.conversational) {
    return std::vector<ChatMessage>{ChatMessage::Text("user", prompt.text),
                                    ChatMessage::Text("assistant", completion.text)};
  }
  std::vector<ChatMessage> messages = std::move(prompt.messages);
  for (auto& message : completion.messages) messages.push_back(std::move(message));
  return messages;
}

class ToMessages : public Conversion {
 public:
  explicit ToMessages(ToMessagesOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "to_messages"; }
  std::optional<TrlType> target() const override { return TrlType::kLanguageModeling; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    std::set<std::string, std::less<>> columns = {"conversations", "messages",  "system", "tools",
                                                  "instruction",   "input",     "output", "history",
                                                  "prompt",        "completion"};
    if (!options_.field.empty()) columns.insert(options_.field);
    return columns;
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    ChatSource source =
        options_.source == ChatSource::kAuto ? DetectSource(input) : options_.source;
    auto messages = Read(input, source, parser);
    if (!messages) {
      out.Reject(source == ChatSource::kAuto ? "unknown_format" : "bad_input",
                 messages.error().message());
      return Status::OK();
    }
    AddSystem(input, &*messages);
    out.BeginRecord();
    WriteOpenAiMessages(*messages, options_.write, &out.Column("messages"));
    element tools;
    if (!input.Field("tools").get(tools) && !tools.is_null()) {
      JsonBuilder tools_json;
      Status status = WriteToolsColumn(tools, parser, &tools_json);
      if (!status.ok()) {
        out.Reject("bad_tools", status.message());
        return Status::OK();
      }
      out.Column("tools").Raw(tools_json.str());
    }
    return Status::OK();
  }

 private:
  Result<std::vector<ChatMessage>> Read(const Record& input, ChatSource source,
                                        simdjson::dom::parser& parser) const {
    switch (source) {
      case ChatSource::kShareGpt:
      case ChatSource::kMessages: {
        std::string field = options_.field;
        if (field.empty()) field = source == ChatSource::kShareGpt ? "conversations" : "messages";
        element list;
        if (input.Field(field).get(list)) {
          return Error(Status::InvalidArgument("missing column '" + field + "'"));
        }
        return ReadChatMessages(list, field, parser);
      }
      case ChatSource::kAlpaca:
        return ReadAlpaca(input, options_);
      case ChatSource::kPromptCompletion:
        return ReadPromptCompletion(input, parser);
      case ChatSource::kAuto:
        break;
    }
    return Error(Status::InvalidArgument(
        "no conversation found: expected conversations (ShareGPT), messages, "
        "instruction/output (Alpaca) or prompt/completion columns"));
  }

  // A `system` column (LLaMA-Factory's ShareGPT and Alpaca both have one) or the --system option
  // becomes the first turn unless the conversation already starts with one.
  void AddSystem(const Record& input, std::vector<ChatMessage>* messages) const {
    if (!messages->empty() && messages->front().role == "system") return;
    std::string_view system = StringField(input, "system");
    if (system.empty()) system = options_.system;
    if (system.empty()) return;
    messages->insert(messages->begin(), ChatMessage::Text("system", system));
  }

  ToMessagesOptions options_;
};

class ToShareGpt : public Conversion {
 public:
  explicit ToShareGpt(std::string field) : field_(std::move(field)) {}
  std::string_view name() const override { return "to_sharegpt"; }
  std::optional<TrlType> target() const override { return std::nullopt; }
  std::set<std::string, std::less<>> consumed_columns() const override { return {field_}; }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    element list;
    if (input.Field(field_).get(list)) {
      out.Reject("missing_column", "missing column '" + field_ + "'");
      return Status::OK();
    }
    auto messages = ReadChatMessages(list, field_, parser);
    if (!messages) {
      out.Reject("bad_input", messages.error().message());
      return Status::OK();
    }
    out.BeginRecord();
    WriteShareGptMessages(*messages, &out.Column("conversations"));
    return Status::OK();
  }

 private:
  std::string field_;
};

}  // namespace

Result<ChatSource> ParseChatSource(std::string_view text) {
  if (text == "auto") return ChatSource::kAuto;
  if (text == "sharegpt") return ChatSource::kShareGpt;
  if (text == "messages" || text == "openai") return ChatSource::kMessages;
  if (text == "alpaca") return ChatSource::kAlpaca;
  if (text == "prompt_completion" || text == "prompt-completion") {
    return ChatSource::kPromptCompletion;
  }
  return Error(Status::InvalidArgument(
      "unknown chat source '" + std::string(text) +
      "' (expected auto, sharegpt, messages, alpaca or prompt-completion)"));
}

Status WriteToolsColumn(element tools, simdjson::dom::parser& parser, JsonBuilder* out) {
  std::string_view text;
  if (!tools.get_string().get(text)) {
    if (text.empty()) {
      out->BeginArray().EndArray();
      return Status::OK();
    }
    if (parser.parse(text.data(), text.size()).get(tools)) {
      return Status::InvalidArgument("tools: a string, but not JSON");
    }
  }
  simdjson::dom::array list;
  if (tools.get_array().get(list)) {
    return Status::InvalidArgument("tools: expected a list of function schemas");
  }
  out->BeginArray();
  size_t index = 0;
  for (element tool : list) {
    simdjson::dom::object schema;
    if (tool.get_object().get(schema)) {
      return Status::InvalidArgument(fmt::format("tools[{}]: expected an object", index));
    }
    if (!schema.at_key("function").error()) {
      out->Element(tool);
    } else if (!schema.at_key("name").error()) {
      out->BeginObject().Field("type", "function").Key("function").Element(tool).EndObject();
    } else {
      return Status::InvalidArgument(
          fmt::format("tools[{}]: expected a function schema with a name", index));
    }
    ++index;
  }
  out->EndArray();
  return Status::OK();
}

Result<MessageWriteOptions> ReadMessageWriteOptions(StepOptions& options) {
  MessageWriteOptions write;
  WINNOW_ASSIGN_OR_RETURN(std::string arguments, options.GetString("arguments", "string"));
  if (arguments == "object") {
    write.arguments = ArgumentsForm::kObject;
  } else if (arguments != "string") {
    return Error(
        Status::InvalidArgument("arguments must be 'string' or 'object', got '" + arguments + "'"));
  }
  WINNOW_ASSIGN_OR_RETURN(write.keep_extra_keys, options.GetBool("keep_message_keys", true));
  return write;
}

std::unique_ptr<Conversion> MakeToMessages(ToMessagesOptions options) {
  return std::make_unique<ToMessages>(std::move(options));
}

std::unique_ptr<Conversion> MakeToShareGpt(std::string field) {
  return std::make_unique<ToShareGpt>(std::move(field));
}

Result<std::unique_ptr<Conversion>> CreateToMessages(StepOptions& options) {
  ToMessagesOptions to;
  WINNOW_ASSIGN_OR_RETURN(std::string source, options.GetString("from", "auto"));
  WINNOW_ASSIGN_OR_RETURN(to.source, ParseChatSource(source));
  WINNOW_ASSIGN_OR_RETURN(to.field, options.GetString("field", ""));
  WINNOW_ASSIGN_OR_RETURN(to.write, ReadMessageWriteOptions(options));
  WINNOW_ASSIGN_OR_RETURN(to.alpaca_separator, options.GetString("alpaca_separator", "\n\n"));
  WINNOW_ASSIGN_OR_RETURN(to.system, options.GetString("system", ""));
  return MakeToMessages(std::move(to));
}

Result<std::unique_ptr<Conversion>> CreateToShareGpt(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string from, options.GetString("from", "messages"));
  if (from != "messages" && from != "auto") {
    return Error(Status::InvalidArgument("to sharegpt: from must be messages"));
  }
  WINNOW_ASSIGN_OR_RETURN(std::string field, options.GetString("field", "messages"));
  return MakeToShareGpt(std::move(field));
}

}  // namespace winnow
