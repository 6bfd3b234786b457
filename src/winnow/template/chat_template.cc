#include "winnow/template/chat_template.h"

#include <chrono>
#include <ctime>

#include "winnow/io/byte_stream.h"

namespace winnow::jinja {
namespace {

// The special tokens transformers passes to templates (its special_tokens_map).
constexpr std::string_view kTokenFields[] = {"bos_token", "eos_token", "unk_token", "sep_token",
                                             "pad_token", "cls_token", "mask_token"};

// A token is a string or an AddedToken object {"content": "<s>", ...}.
std::optional<std::string> TokenText(simdjson::dom::element element) {
  std::string_view text;
  if (element.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  if (element["content"].get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  return std::nullopt;
}

// simdjson rejects integers beyond 64 bits, which Hugging Face configs contain
// ("model_max_length": 1000000000000000019884624838656); such literals are re-read as floats.
std::string WidenBigIntegers(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 16);
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < json.size()) {
        out.push_back(json[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c != '-' && (c < '0' || c > '9')) {
      out.push_back(c);
      continue;
    }
    size_t end = i;
    while (end < json.size() &&
           std::string_view("0123456789+-.eE").find(json[end]) != std::string_view::npos)
      ++end;
    std::string_view number = json.substr(i, end - i);
    out.append(number);
    std::string_view digits = number.substr(number[0] == '-' ? 1 : 0);
    if (digits.size() > 18 && digits.find_first_not_of("0123456789") == std::string_view::npos)
      out.append(".0");
    i = end - 1;
  }
  return out;
}

struct SelectedSource {
  std::string source;
  std::string name;  // shown in template errors
  std::vector<std::string> available;
};

// chat_template is a string, or a list of {"name", "template"} from which one is chosen.
Result<SelectedSource> SelectTemplate(simdjson::dom::element field, const std::string& wanted) {
  std::string_view text;
  if (field.get_string().get(text) == simdjson::SUCCESS) {
    if (!wanted.empty() && wanted != "default") {
      return Error(Status::InvalidArgument("chat_template is a single template; there is no '" +
                                           wanted + "'"));
    }
    return SelectedSource{std::string(text), "chat_template", {}};
  }
  simdjson::dom::array list;
  if (field.get_array().get(list) != simdjson::SUCCESS) {
    return Error(
        Status::InvalidInput("chat_template must be a string or a list of {name, template}"));
  }
  SelectedSource selected;
  std::string target = wanted.empty() ? "default" : wanted;
  for (simdjson::dom::element entry : list) {
    std::string_view name, source;
    if (entry["name"].get_string().get(name) != simdjson::SUCCESS ||
        entry["template"].get_string().get(source) != simdjson::SUCCESS) {
      return Error(
          Status::InvalidInput("chat_template list entries need string 'name' and 'template'"));
    }
    selected.available.emplace_back(name);
    if (name == target && selected.source.empty()) {
      selected.source = std::string(source);
      selected.name = "chat_template[" + std::string(name) + "]";
    }
  }
  if (selected.name.empty()) {
    std::string names;
    for (const std::string& name : selected.available) names += (names.empty() ? "" : ", ") + name;
    return Error(Status::InvalidArgument("no chat template named '" + target +
                                         "' (available: " + names + ")"));
  }
  return selected;
}

Result<Template> CompileChatTemplate(std::string_view source, std::string name) {
  TemplateOptions options;
  options.name = std::move(name);
  options.trim_blocks = true;  // transformers' environment
  options.lstrip_blocks = true;
  return Template::Compile(source, std::move(options));
}

// strftime_now(format): the clock's time in UTC, formatted like Python's strftime.
Value StrftimeFunction(ClockFunction clock) {
  return Value::Function("strftime_now", [clock](CallArgs& args) -> Result<Value> {
    if (args.positional.size() != 1 || !args.positional[0].is_string()) {
      return Error(Status::InvalidArgument("strftime_now() takes one format string"));
    }
    const std::string& format = args.positional[0].as_string();
    if (format.size() > 256)
      return Error(Status::InvalidArgument("strftime_now() format too long"));
    std::time_t seconds = static_cast<std::time_t>(clock ? clock() : SystemClockSeconds());
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[1024];
    size_t length = std::strftime(buffer, sizeof buffer, format.c_str(), &utc);
    return Value(std::string(buffer, length));
  });
}

}  // namespace

int64_t SystemClockSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<ChatTemplate> ChatTemplate::FromTokenizerConfig(std::string_view json,
                                                       std::string_view origin,
                                                       ChatTemplateOptions options) {
  std::string prefix(origin);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::object config;
  auto error = parser.parse(padded).get(config);
  if (error == simdjson::NUMBER_ERROR) {
    padded = simdjson::padded_string(WidenBigIntegers(json));
    error = parser.parse(padded).get(config);
  }
  if (error) {
    return Error(
        Status::InvalidInput(prefix + ": not a JSON object: " + simdjson::error_message(error)));
  }
  simdjson::dom::element field;
  if (config["chat_template"].get(field) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(
        prefix + ": no chat_template (is this a chat model's tokenizer_config.json?)"));
  }
  auto selected = SelectTemplate(field, options.template_name);
  if (!selected) return Error(selected.error().WithPrefix(prefix));
  auto compiled = CompileChatTemplate(selected->source, selected->name);
  if (!compiled) return Error(compiled.error().WithPrefix(prefix));
  ChatTemplate chat(std::move(*compiled));
  for (std::string_view field : kTokenFields) {
    simdjson::dom::element element;
    if (config[field].get(element) != simdjson::SUCCESS) continue;
    if (auto text = TokenText(element)) chat.SetToken(std::string(field), *text);
  }
  simdjson::dom::array extra;
  if (config["additional_special_tokens"].get_array().get(extra) == simdjson::SUCCESS) {
    chat.additional_special_tokens_.emplace();
    for (simdjson::dom::element element : extra) {
      if (auto text = TokenText(element)) chat.additional_special_tokens_->push_back(*text);
    }
  }
  if (options.bos_token) chat.SetToken("bos_token", *options.bos_token);
  if (options.eos_token) chat.SetToken("eos_token", *options.eos_token);
  chat.clock_ = std::move(options.clock);
  chat.available_names_ = std::move(selected->available);
  return chat;
}

void ChatTemplate::SetToken(const std::string& name, std::string text) {
  if (name == "bos_token") bos_token_ = text;
  if (name == "eos_token") eos_token_ = text;
  for (auto& [key, value] : tokens_) {
    if (key == name) {
      value = std::move(text);
      return;
    }
  }
  tokens_.emplace_back(name, std::move(text));
}

Result<ChatTemplate> ChatTemplate::FromSource(std::string_view source, std::string_view origin,
                                              ChatTemplateOptions options) {
  WINNOW_ASSIGN_OR_RETURN(Template compiled, CompileChatTemplate(source, std::string(origin)));
  ChatTemplate chat(std::move(compiled));
  if (options.bos_token) chat.SetToken("bos_token", *options.bos_token);
  if (options.eos_token) chat.SetToken("eos_token", *options.eos_token);
  chat.clock_ = std::move(options.clock);
  return chat;
}

Result<ChatTemplate> ChatTemplate::Load(FileSystem& fs, const std::string& path,
                                        ChatTemplateOptions options) {
  WINNOW_ASSIGN_OR_RETURN(auto source, fs.OpenRead(path));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ReadToString(*source, size_t{64} << 20));
  if (path.ends_with(".json")) return FromTokenizerConfig(text, path, std::move(options));
  return FromSource(text, path, std::move(options));
}

namespace {

// A copy of `object` with `key` set to `value` (Values share their containers, so the context's
// messages are rebuilt rather than edited).
Value WithEntry(const Value& object, const std::string& key, Value value) {
  Value copy = Value::Object();
  for (const auto& [name, entry] : object.entries()) copy.Set(name, name == key ? value : entry);
  return copy;
}

// transformers hands tool-call arguments to chat templates as dicts (they print them with
// `tojson`); OpenAI-format data carries them as JSON text. Arguments that are the text of a JSON
// object become that object, so a template renders {"city": "Paris"} rather than the escaped
// string "{\"city\": \"Paris\"}". Anything else is passed through unchanged.
Value ArgumentsAsObjects(const Value& messages) {
  if (!messages.is_array()) return messages;
  simdjson::dom::parser parser;
  std::vector<Value> out;
  for (const Value& message : messages.items()) {
    const Value* calls = message.is_object() ? message.Find("tool_calls") : nullptr;
    if (calls == nullptr || !calls->is_array()) {
      out.push_back(message);
      continue;
    }
    std::vector<Value> new_calls;
    for (const Value& call : calls->items()) {
      const Value* function = call.is_object() ? call.Find("function") : nullptr;
      const Value* arguments =
          function != nullptr && function->is_object() ? function->Find("arguments") : nullptr;
      simdjson::dom::element parsed;
      if (arguments == nullptr || !arguments->is_string() ||
          parser.parse(arguments->as_string()).get(parsed) || !parsed.is_object()) {
        new_calls.push_back(call);
        continue;
      }
      Value new_function = WithEntry(*function, "arguments", Value::FromJson(parsed));
      new_calls.push_back(WithEntry(call, "function", std::move(new_function)));
    }
    out.push_back(WithEntry(message, "tool_calls", Value::Array(std::move(new_calls))));
  }
  return Value::Array(std::move(out));
}

}  // namespace

Result<std::string> ChatTemplate::Render(const ChatInput& input) const {
  simdjson::dom::array messages;
  if (input.messages.get_array().get(messages) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput("messages must be a list of {role, content} objects"));
  }
  for (simdjson::dom::element message : messages) {
    if (!message.is_object()) {
      return Error(Status::InvalidInput("messages must be a list of {role, content} objects"));
    }
  }
  Value context = Value::Object();
  for (const auto& [name, text] : tokens_) context.Set(name, text);
  if (additional_special_tokens_) {
    std::vector<Value> items(additional_special_tokens_->begin(),
                             additional_special_tokens_->end());
    context.Set("additional_special_tokens", Value::Array(std::move(items)));
  }
  context.Set("messages", ArgumentsAsObjects(Value::FromJson(input.messages)));
  context.Set("tools", input.tools ? Value::FromJson(*input.tools) : Value::None());
  context.Set("documents", Value::None());
  context.Set("add_generation_prompt", input.add_generation_prompt);
  context.Set("strftime_now", StrftimeFunction(clock_));
  if (input.variables != nullptr && input.variables->is_object()) {
    for (const auto& [key, value] : input.variables->entries()) context.Set(key, value);
  }
  return template_.Render(context);
}

}  // namespace winnow::jinja
