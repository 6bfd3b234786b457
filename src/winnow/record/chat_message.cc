#include "winnow/record/chat_message.h"

#include <fmt/format.h>

#include "winnow/record/json_writer.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string Compact(element value) {
  std::string out;
  AppendJsonElement(value, &out);
  return out;
}

// Arguments arrive as an object or as JSON text of one; either way we keep the object's text.
Status ReadArguments(element value, std::string_view where, simdjson::dom::parser& parser,
                     std::string* out) {
  std::string_view text;
  if (value.get_string().get(text)) {
    *out = Compact(value);
    return Status::OK();
  }
  if (text.empty()) {
    *out = "{}";
    return Status::OK();
  }
  element parsed;
  if (parser.parse(text.data(), text.size()).get(parsed)) {
    return Status::InvalidArgument(fmt::format("{}: arguments is a string but not JSON", where));
  }
  *out = Compact(parsed);
  return Status::OK();
}

// {name, arguments} (LLaMA-Factory's function_call value, OpenAI's legacy function_call) or
// {id, type, function: {name, arguments}} (OpenAI tool_calls).
Result<ToolCall> ReadToolCall(element value, std::string_view where,
                              simdjson::dom::parser& parser) {
  object call;
  if (value.get_object().get(call)) {
    return Error(Status::InvalidArgument(fmt::format("{}: a tool call must be an object", where)));
  }
  ToolCall out;
  std::string_view id;
  if (!call.at_key("id").get_string().get(id)) out.id = std::string(id);
  object function;
  if (call.at_key("function").get_object().get(function)) function = call;
  std::string_view name;
  if (function.at_key("name").get_string().get(name) || name.empty()) {
    return Error(Status::InvalidArgument(fmt::format("{}: a tool call needs a name", where)));
  }
  out.name = std::string(name);
  element arguments;
  if (function.at_key("arguments").get(arguments) && function.at_key("parameters").get(arguments)) {
    out.arguments_json = "{}";
  } else {
    WINNOW_RETURN_IF_ERROR(ReadArguments(arguments, where, parser, &out.arguments_json));
  }
  return out;
}

Status ReadToolCalls(element value, std::string_view where, simdjson::dom::parser& parser,
                     std::vector<ToolCall>* out) {
  simdjson::dom::array list;
  if (value.get_array().get(list)) {
    WINNOW_ASSIGN_OR_RETURN(ToolCall call, ReadToolCall(value, where, parser));
    out->push_back(std::move(call));
    return Status::OK();
  }
  size_t index = 0;
  for (element item : list) {
    WINNOW_ASSIGN_OR_RETURN(ToolCall call,
                            ReadToolCall(item, fmt::format("{}[{}]", where, index++), parser));
    out->push_back(std::move(call));
  }
  return Status::OK();
}

// ShareGPT's function_call turn: the value is the call's JSON text (one call or a list).
Status ReadFunctionCallValue(std::string_view text, std::string_view where,
                             simdjson::dom::parser& parser, std::vector<ToolCall>* out) {
  // Copy: parsing the arguments below reuses the parser and would invalidate this document.
  simdjson::padded_string copy(text);
  simdjson::dom::parser call_parser;
  element parsed;
  if (call_parser.parse(copy).get(parsed)) {
    return Status::InvalidArgument(
        fmt::format("{}: a function_call turn's value must be the call as JSON", where));
  }
  return ReadToolCalls(parsed, where, parser, out);
}

// Content parts: a list of text parts only becomes one string (what text-only chat templates
// expect); otherwise the parts stay, with LLaMA-Factory's {type: text, value} spelled OpenAI's
// way ({type: text, text}).
std::string NormalisedContent(element content, const std::string& text) {
  simdjson::dom::array parts;
  if (content.get_array().get(parts)) return Compact(content);
  bool text_only = true;
  for (element part : parts) {
    std::string_view type;
    if (part.at_key("type").get_string().get(type) || type != "text") text_only = false;
  }
  if (text_only) {
    std::string out;
    AppendJsonString(text, &out);
    return out;
  }
  JsonBuilder json;
  json.BeginArray();
  for (element part : parts) {
    simdjson::dom::object fields;
    std::string_view type;
    if (part.get_object().get(fields) || fields.at_key("type").get_string().get(type) ||
        type != "text" || !fields.at_key("text").error()) {
      json.Element(part);
      continue;
    }
    json.BeginObject();
    for (auto [key, value] : fields) json.Key(key == "value" ? "text" : key).Element(value);
    json.EndObject();
  }
  json.EndArray();
  return json.Take();
}

bool IsStandardKey(std::string_view key) {
  return key == "role" || key == "from" || key == "content" || key == "value" ||
         key == "tool_calls" || key == "function_call" || key == "name" || key == "tool_call_id";
}

}  // namespace

ChatMessage ChatMessage::Text(std::string role, std::string_view text) {
  ChatMessage message;
  message.role = std::move(role);
  AppendJsonString(text, &message.content_json);
  message.text = std::string(text);
  return message;
}

std::string_view MapRole(std::string_view role) {
  if (role == "system" || role == "developer") return "system";
  if (role == "user" || role == "human") return "user";
  if (role == "assistant" || role == "gpt" || role == "bot" || role == "chatgpt" ||
      role == "model" || role == "function_call") {
    return "assistant";
  }
  if (role == "tool" || role == "observation" || role == "function" || role == "ipython") {
    return "tool";
  }
  return "";
}

Result<ChatMessage> ReadChatMessage(element value, std::string_view field,
                                    simdjson::dom::parser& parser) {
  object fields;
  if (value.get_object().get(fields)) {
    return Error(Status::InvalidArgument(fmt::format("{}: a message must be an object", field)));
  }
  std::string_view source_role;
  const char* role_key = "role";
  if (fields.at_key("role").get_string().get(source_role)) {
    role_key = "from";
    if (fields.at_key("from").get_string().get(source_role)) {
      return Error(Status::InvalidArgument(
          fmt::format("{}: a message needs a string 'role' (or ShareGPT 'from')", field)));
    }
  }
  ChatMessage message;
  message.role = std::string(MapRole(source_role));
  if (message.role.empty()) {
    return Error(Status::InvalidArgument(
        fmt::format("{}.{}: unknown role '{}'", field, role_key, source_role)));
  }
  element content;
  bool has_content =
      (!fields.at_key("content").get(content) || !fields.at_key("value").get(content)) &&
      !content.is_null();
  if (source_role == "function_call") {
    std::string_view text;
    if (!has_content || content.get_string().get(text)) {
      return Error(Status::InvalidArgument(
          fmt::format("{}: a function_call turn needs the call as a JSON string", field)));
    }
    WINNOW_RETURN_IF_ERROR(ReadFunctionCallValue(text, field, parser, &message.tool_calls));
    has_content = false;
  }
  for (auto [key, member] : fields) {
    if (key == "tool_calls" || key == "function_call") {
      if (member.is_null()) continue;
      WINNOW_RETURN_IF_ERROR(
          ReadToolCalls(member, fmt::format("{}.{}", field, key), parser, &message.tool_calls));
    } else if (key == "name" && member.is_string()) {
      message.name = std::string(member.get_string().value_unsafe());
    } else if (key == "tool_call_id" && member.is_string()) {
      message.tool_call_id = std::string(member.get_string().value_unsafe());
    } else if (!IsStandardKey(key)) {
      message.extra.emplace_back(std::string(key), Compact(member));
    }
  }
  if (has_content) {
    if (!content.is_string() && !content.is_array()) {
      return Error(Status::InvalidArgument(
          fmt::format("{}: content must be a string or a list of parts", field)));
    }
    TextViewOptions join;
    join.separator = "";
    TextView::AppendText(content, join, &message.text);
    message.content_json = NormalisedContent(content, message.text);
  } else if (message.tool_calls.empty()) {
    return Error(Status::InvalidArgument(fmt::format("{}: the message has no content", field)));
  }
  return message;
}

Result<std::vector<ChatMessage>> ReadChatMessages(element list, std::string_view field,
                                                  simdjson::dom::parser& parser) {
  simdjson::dom::array array;
  if (list.get_array().get(array)) {
    return Error(Status::InvalidArgument(fmt::format("{}: expected a list of messages", field)));
  }
  std::vector<ChatMessage> messages;
  messages.reserve(array.size());
  // The k-th tool result after an assistant's tool calls answers the k-th call; name it after the
  // call when the source left the name out (ShareGPT observation turns never carry one).
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t caller = kNone;
  size_t answered = 0;
  size_t index = 0;
  for (element item : array) {
    WINNOW_ASSIGN_OR_RETURN(ChatMessage message,
                            ReadChatMessage(item, fmt::format("{}[{}]", field, index++), parser));
    // ShareGPT writes an assistant turn that talks and calls tools as a gpt turn followed by a
    // function_call turn; read back, the two are one assistant turn.
    if (!message.tool_calls.empty() && !message.has_content() && !messages.empty() &&
        messages.back().role == "assistant" && messages.back().tool_calls.empty()) {
      for (auto& call : message.tool_calls) messages.back().tool_calls.push_back(std::move(call));
      caller = messages.size() - 1;
      answered = 0;
      continue;
    }
    if (!message.tool_calls.empty()) {
      caller = messages.size();
      answered = 0;
    } else if (message.role == "tool" && caller != kNone) {
      const auto& calls = messages[caller].tool_calls;
      if (answered < calls.size()) {
        if (message.name.empty()) message.name = calls[answered].name;
        if (message.tool_call_id.empty()) message.tool_call_id = calls[answered].id;
      }
      ++answered;
    } else if (message.role != "tool") {
      caller = kNone;
    }
    messages.push_back(std::move(message));
  }
  return messages;
}

namespace {

void WriteToolCalls(const std::vector<ToolCall>& calls, ArgumentsForm form, JsonBuilder* out) {
  out->BeginArray();
  for (const auto& call : calls) {
    out->BeginObject();
    if (!call.id.empty()) out->Field("id", call.id);
    out->Field("type", "function");
    out->Key("function").BeginObject().Field("name", call.name).Key("arguments");
    if (form == ArgumentsForm::kString) {
      out->String(call.arguments_json);
    } else {
      out->Raw(call.arguments_json);
    }
    out->EndObject().EndObject();
  }
  out->EndArray();
}

}  // namespace

void WriteOpenAiMessages(const std::vector<ChatMessage>& messages,
                         const MessageWriteOptions& options, JsonBuilder* out) {
  out->BeginArray();
  for (const auto& message : messages) {
    out->BeginObject().Field("role", message.role);
    if (message.has_content()) out->RawField("content", message.content_json);
    if (!message.name.empty()) out->Field("name", message.name);
    if (!message.tool_call_id.empty()) out->Field("tool_call_id", message.tool_call_id);
    if (!message.tool_calls.empty()) {
      out->Key("tool_calls");
      WriteToolCalls(message.tool_calls, options.arguments, out);
    }
    if (options.keep_extra_keys) {
      for (const auto& [key, json] : message.extra) out->RawField(key, json);
    }
    out->EndObject();
  }
  out->EndArray();
}

namespace {

std::string_view ShareGptRole(std::string_view role) {
  if (role == "user") return "human";
  if (role == "assistant") return "gpt";
  if (role == "tool") return "observation";
  return role;
}

}  // namespace

void WriteShareGptMessages(const std::vector<ChatMessage>& messages, JsonBuilder* out) {
  out->BeginArray();
  for (const auto& message : messages) {
    if (!message.text.empty() || message.tool_calls.empty()) {
      out->BeginObject().Field("from", ShareGptRole(message.role)).Field("value", message.text);
      out->EndObject();
    }
    if (message.tool_calls.empty()) continue;
    // LLaMA-Factory's convention: the value is {"name", "arguments"} as JSON text, a list of them
    // for parallel calls.
    JsonBuilder call_json;
    if (message.tool_calls.size() > 1) call_json.BeginArray();
    for (const auto& call : message.tool_calls) {
      call_json.BeginObject().Field("name", call.name).RawField("arguments", call.arguments_json);
      call_json.EndObject();
    }
    if (message.tool_calls.size() > 1) call_json.EndArray();
    out->BeginObject().Field("from", "function_call").Field("value", call_json.str()).EndObject();
  }
  out->EndArray();
}

size_t ReplyStart(const std::vector<ChatMessage>& messages) {
  for (size_t i = messages.size(); i-- > 0;) {
    if (messages[i].role == "user") return i + 1;
  }
  return messages.size();
}

bool SameMessage(const ChatMessage& a, const ChatMessage& b) {
  if (a.role != b.role || a.content_json != b.content_json ||
      a.tool_calls.size() != b.tool_calls.size()) {
    return false;
  }
  for (size_t i = 0; i < a.tool_calls.size(); ++i) {
    if (a.tool_calls[i].name != b.tool_calls[i].name ||
        a.tool_calls[i].arguments_json != b.tool_calls[i].arguments_json) {
      return false;
    }
  }
  return true;
}

}  // namespace winnow
