#include "winnow/validate/message_rules.h"

#include <fmt/format.h>

#include <string>

namespace winnow {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

struct Turn {
  std::string_view role;
  bool has_tool_calls = false;
};

class ListChecker {
 public:
  ListChecker(std::string_view field, TurnsKind kind, const ValidationOptions& options,
              std::vector<Violation>* out)
      : field_(field), kind_(kind), options_(options), out_(out) {}

  void Check(simdjson::dom::array list);

 private:
  bool ReadTurn(element message, size_t index, Turn* turn);
  void CheckContent(object message, const Turn& turn, size_t index);
  void CheckToolCalls(element calls, size_t index);
  void CheckOrder(const Turn& turn, size_t index);
  void CheckEnd();
  bool RoleAllowed(std::string_view role) const;
  std::string Where(size_t index, std::string_view key) const {
    return fmt::format("{}[{}]{}{}", field_, index, key.empty() ? "" : ".", key);
  }
  void Add(std::string rule, std::string field, std::string message) {
    out_->push_back({std::move(rule), std::move(field), std::move(message), Severity::kError});
  }

  std::string_view field_;
  TurnsKind kind_;
  const ValidationOptions& options_;
  std::vector<Violation>* out_;
  // The previous non-system turn, for the alternation rule.
  std::string_view previous_role_;
  bool previous_called_tools_ = false;
  size_t turns_ = 0;
  size_t order_errors_ = 0;
};

bool ListChecker::RoleAllowed(std::string_view role) const {
  if (role == "system" || role == "user" || role == "assistant" || role == "tool") return true;
  for (const auto& extra : options_.extra_roles) {
    if (extra == role) return true;
  }
  return false;
}

// ShareGPT names users often leave behind when they only rename keys.
std::string RoleHint(std::string_view role) {
  if (role == "human")
    return " (ShareGPT's name for 'user': convert with `winnow convert --to messages`)";
  if (role == "gpt" || role == "bot" || role == "chatgpt" || role == "model") {
    return " (means 'assistant': convert with `winnow convert --to messages`)";
  }
  if (role == "function_call" || role == "observation" || role == "function") {
    return " (a tool-call role: convert with `winnow convert --to messages`)";
  }
  return "";
}

bool ListChecker::ReadTurn(element message, size_t index, Turn* turn) {
  object fields;
  if (message.get_object().get(fields)) {
    Add("bad_message", Where(index, ""),
        fmt::format("a message must be an object, got {}", JsonTypeName(message)));
    return false;
  }
  if (fields.at_key("role").get_string().get(turn->role)) {
    if (!fields.at_key("from").error()) {
      Add("bad_message", Where(index, "role"),
          "ShareGPT keys from/value instead of role/content: convert with `winnow convert --to "
          "messages`");
    } else {
      Add("bad_message", Where(index, "role"), "missing or non-string 'role'");
    }
    return false;
  }
  if (!RoleAllowed(turn->role)) {
    Add("unknown_role", Where(index, "role"),
        fmt::format("role '{}' is not one of system, user, assistant, tool{}", turn->role,
                    RoleHint(turn->role)));
    return false;
  }
  element calls;
  if (!fields.at_key("tool_calls").get(calls) && !calls.is_null()) {
    if (turn->role != "assistant") {
      Add("bad_tool_call", Where(index, "tool_calls"), "only assistant turns make tool calls");
    }
    CheckToolCalls(calls, index);
    simdjson::dom::array array;
    turn->has_tool_calls = !calls.get_array().get(array) && array.size() > 0;
  }
  CheckContent(fields, *turn, index);
  return true;
}

void ListChecker::CheckContent(object message, const Turn& turn, size_t index) {
  element content;
  if (message.at_key("content").get(content) || content.is_null()) {
    if (!turn.has_tool_calls) {
      Add("missing_content", Where(index, "content"), "a message needs 'content'");
    }
    return;
  }
  std::string_view text;
  if (!content.get_string().get(text)) {
    if (!options_.allow_empty_strings && !turn.has_tool_calls && !HasNonSpace(text)) {
      Add("empty_content", Where(index, "content"), "content is empty or only whitespace");
    }
    return;
  }
  simdjson::dom::array parts;
  if (content.get_array().get(parts)) {
    Add("wrong_type", Where(index, "content"),
        fmt::format("content must be a string or a list of parts, got {}", JsonTypeName(content)));
    return;
  }
  size_t part_index = 0;
  for (element part : parts) {
    std::string_view type;
    object part_fields;
    if (part.get_object().get(part_fields) || part_fields.at_key("type").get_string().get(type)) {
      Add("bad_message", fmt::format("{}.content[{}]", Where(index, ""), part_index),
          "a content part must be an object with a 'type'");
    } else if (type == "text" && part_fields.at_key("text").get_string().error()) {
      Add("bad_message", fmt::format("{}.content[{}]", Where(index, ""), part_index),
          "a text part needs a string 'text'");
    }
    ++part_index;
  }
}

void ListChecker::CheckToolCalls(element calls, size_t index) {
  simdjson::dom::array list;
  if (calls.get_array().get(list)) {
    Add("bad_tool_call", Where(index, "tool_calls"), "tool_calls must be a list");
    return;
  }
  size_t call_index = 0;
  for (element call : list) {
    std::string where = fmt::format("{}[{}]", Where(index, "tool_calls"), call_index++);
    object function;
    std::string_view name;
    if (call.at_key("function").get_object().get(function) ||
        function.at_key("name").get_string().get(name) || name.empty()) {
      Add("bad_tool_call", where, "a tool call needs function.name");
      continue;
    }
    element arguments;
    if (function.at_key("arguments").get(arguments)) continue;  // no arguments: a call without any
    std::string_view arguments_text;
    if (!arguments.get_string().get(arguments_text)) {
      simdjson::dom::parser parser;
      element parsed;
      if (parser.parse(arguments_text.data(), arguments_text.size()).get(parsed) ||
          !parsed.is_object()) {
        Add("bad_tool_call", where + ".function.arguments",
            "arguments is a string but not a JSON object");
      }
    } else if (!arguments.is_object()) {
      Add("bad_tool_call", where + ".function.arguments",
          fmt::format("arguments must be a JSON object or its text, got {}",
                      JsonTypeName(arguments)));
    }
  }
}

void ListChecker::CheckOrder(const Turn& turn, size_t index) {
  auto bad_order = [&](std::string message) {
    // One order error per list says enough; the rest follow from it.
    if (order_errors_++ == 0) Add("bad_turn_order", Where(index, "role"), std::move(message));
  };
  if (turn.role == "system") {
    if (index != 0)
      Add("system_not_first", Where(index, "role"), "a system turn may only come first");
    if (kind_ == TurnsKind::kCompletion) {
      Add("system_not_first", Where(index, "role"), "a completion cannot hold a system turn");
    }
    return;
  }
  if (turn.role != "user" && turn.role != "assistant" && turn.role != "tool") {
    return;  // an extra role the user allowed (--allow-role developer): outside the alternation
  }
  std::string_view prev = previous_role_;
  if (turn.role == "tool") {
    if (!(prev == "tool" || (prev == "assistant" && previous_called_tools_))) {
      Add("orphan_tool_turn", Where(index, "role"),
          "a tool turn must follow an assistant turn with tool_calls");
    }
  } else if (prev.empty()) {
    std::string_view first = kind_ == TurnsKind::kCompletion ? "assistant" : "user";
    if (turn.role != first)
      bad_order(fmt::format("the first turn must be {}, not {}", first, turn.role));
  } else if (turn.role == "user" && prev == "user") {
    bad_order("two user turns in a row: user and assistant must alternate");
  } else if (turn.role == "assistant" && prev == "assistant") {
    bad_order("two assistant turns in a row: user and assistant must alternate");
  } else if (prev == "assistant" && previous_called_tools_) {
    bad_order("an assistant tool call must be followed by the tool's result");
  } else if (turn.role == "user" && prev == "tool") {
    bad_order("tool results must be followed by an assistant turn");
  }
  previous_role_ = turn.role;
  previous_called_tools_ = turn.has_tool_calls;
  ++turns_;
}

void ListChecker::CheckEnd() {
  if (turns_ == 0) {
    Add("empty_messages", std::string(field_), "no user or assistant turn");
    return;
  }
  std::string_view last = previous_role_;
  if (kind_ == TurnsKind::kPrompt) {
    if (last == "assistant") {
      Add("bad_prompt_end", std::string(field_),
          "a prompt must end with a user turn (or tool results), not the assistant's");
    }
  } else if (options_.require_assistant_last && last != "assistant") {
    Add("last_turn_not_assistant", std::string(field_),
        fmt::format("the last turn is {}; a training example ends with the assistant", last));
  }
}

void ListChecker::Check(simdjson::dom::array list) {
  size_t index = 0;
  for (element message : list) {
    Turn turn;
    if (ReadTurn(message, index, &turn)) CheckOrder(turn, index);
    ++index;
  }
  if (index == 0) {
    Add("empty_messages", std::string(field_), "the message list is empty");
    return;
  }
  CheckEnd();
}

}  // namespace

void CheckMessageList(element list, std::string_view field, TurnsKind kind,
                      const ValidationOptions& options, std::vector<Violation>* out) {
  simdjson::dom::array array;
  if (list.get_array().get(array)) {
    out->push_back({"wrong_type", std::string(field),
                    fmt::format("expected a list of messages, got {}", JsonTypeName(list)),
                    Severity::kError});
    return;
  }
  ListChecker(field, kind, options, out).Check(array);
}

bool IsConversational(element value) {
  simdjson::dom::array array;
  if (value.get_array().get(array)) return false;
  for (element item : array) {
    if (!item.is_object()) return false;
  }
  return true;
}

std::string_view JsonTypeName(element value) {
  switch (value.type()) {
    case element_type::STRING:
      return "string";
    case element_type::ARRAY:
      return "list";
    case element_type::OBJECT:
      return "object";
    case element_type::BOOL:
      return "bool";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "number";
  }
}

bool HasNonSpace(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return true;
  }
  return false;
}

}  // namespace winnow
