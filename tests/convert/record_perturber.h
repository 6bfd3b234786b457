#pragma once

// Seeded random perturbation of JSON records for the conversion property test: a small mutable
// JSON tree (parsed with simdjson, written back as compact JSON) and a Mutator that applies one
// random edit at a time — fields dropped or renamed, roles swapped, strings emptied, cut or
// extended with transcript markers and non-ASCII text, values replaced by ones of another type,
// list items duplicated, deleted or swapped, random (often broken) tool calls, labels of every
// type, columns of other formats added. The same seed always gives the same edits.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/record/json_writer.h"

namespace winnow::convert_test {

// --- a small mutable JSON tree ---------------------------------------------------------------

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // number text or string value
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  static Json Null() { return {}; }
  static Json Bool(bool value) {
    Json json;
    json.kind = Kind::kBool;
    json.boolean = value;
    return json;
  }
  static Json Number(std::string text) {
    Json json;
    json.kind = Kind::kNumber;
    json.text = std::move(text);
    return json;
  }
  static Json String(std::string text) {
    Json json;
    json.kind = Kind::kString;
    json.text = std::move(text);
    return json;
  }
  static Json Array(std::vector<Json> items = {}) {
    Json json;
    json.kind = Kind::kArray;
    json.items = std::move(items);
    return json;
  }
  static Json Object(std::vector<std::pair<std::string, Json>> members = {}) {
    Json json;
    json.kind = Kind::kObject;
    json.members = std::move(members);
    return json;
  }

  Json* Member(std::string_view key) {
    for (auto& [name, value] : members) {
      if (name == key) return &value;
    }
    return nullptr;
  }

  static Json From(simdjson::dom::element element) {
    switch (element.type()) {
      case simdjson::dom::element_type::NULL_VALUE:
        return Null();
      case simdjson::dom::element_type::BOOL:
        return Bool(element.get_bool().value());
      case simdjson::dom::element_type::STRING:
        return String(std::string(element.get_string().value()));
      case simdjson::dom::element_type::ARRAY: {
        Json json = Array();
        simdjson::dom::array array = element.get_array().value_unsafe();
        for (auto item : array) json.items.push_back(From(item));
        return json;
      }
      case simdjson::dom::element_type::OBJECT: {
        Json json = Object();
        simdjson::dom::object object = element.get_object().value_unsafe();
        for (auto field : object) {
          json.members.emplace_back(std::string(field.key), From(field.value));
        }
        return json;
      }
      default:
        return Number(simdjson::to_string(element));
    }
  }

  static Json Parse(std::string_view text) {
    simdjson::dom::parser parser;
    simdjson::dom::element element;
    EXPECT_EQ(parser.parse(text.data(), text.size()).get(element), simdjson::SUCCESS) << text;
    return From(element);
  }

  void Write(std::string* out) const {
    switch (kind) {
      case Kind::kNull:
        out->append("null");
        return;
      case Kind::kBool:
        out->append(boolean ? "true" : "false");
        return;
      case Kind::kNumber:
        out->append(text);
        return;
      case Kind::kString:
        AppendJsonString(text, out);
        return;
      case Kind::kArray:
        out->push_back('[');
        for (size_t i = 0; i < items.size(); ++i) {
          if (i > 0) out->push_back(',');
          items[i].Write(out);
        }
        out->push_back(']');
        return;
      case Kind::kObject:
        out->push_back('{');
        for (size_t i = 0; i < members.size(); ++i) {
          if (i > 0) out->push_back(',');
          AppendJsonString(members[i].first, out);
          out->push_back(':');
          members[i].second.Write(out);
        }
        out->push_back('}');
        return;
    }
  }
  std::string ToString() const {
    std::string out;
    Write(&out);
    return out;
  }
};

// --- seeded perturbations --------------------------------------------------------------------

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }
  template <typename T>
  const T& Pick(const std::vector<T>& choices) {
    return choices[Below(choices.size())];
  }

  // Applies one random edit to `root` (a record object). The root itself stays an object.
  void Mutate(Json& root) {
    std::vector<Json*> nodes;
    Collect(root, &nodes);
    switch (Below(12)) {
      case 0:
        DropField(nodes);
        break;
      case 1:
        RenameKey(nodes);
        break;
      case 2:
        SetRole(nodes);
        break;
      case 3:
        EmptyString(nodes);
        break;
      case 4:
        WrongType(nodes, root);
        break;
      case 5:
        DuplicateItem(nodes);
        break;
      case 6:
        DeleteOrSwapItems(nodes);
        break;
      case 7:
        AddToolCall(nodes);
        break;
      case 8:
        EditString(nodes);
        break;
      case 9:
        SetLabel(root);
        break;
      case 10:
        AddColumn(root);
        break;
      default:
        SwapColumns(root);
        break;
    }
  }

 private:
  static void Collect(Json& node, std::vector<Json*>* out) {
    out->push_back(&node);
    for (auto& item : node.items) Collect(item, out);
    for (auto& [key, value] : node.members) Collect(value, out);
  }

  template <typename Predicate>
  Json* PickNode(const std::vector<Json*>& nodes, Predicate predicate) {
    std::vector<Json*> matching;
    for (Json* node : nodes) {
      if (predicate(*node)) matching.push_back(node);
    }
    return matching.empty() ? nullptr : matching[Below(matching.size())];
  }

  void DropField(const std::vector<Json*>& nodes) {
    Json* object = PickNode(nodes, [](const Json& n) { return !n.members.empty(); });
    if (object) object->members.erase(object->members.begin() + Below(object->members.size()));
  }

  void RenameKey(const std::vector<Json*>& nodes) {
    static const std::vector<std::string> keys = {
        "role",       "from",       "content",     "value",    "messages",    "conversations",
        "prompt",     "completion", "chosen",      "rejected", "label",       "text",
        "tool_calls", "name",       "arguments",   "function", "instruction", "output",
        "response",   "rating",     "completions", "tools",    "system",      "chosen_messages"};
    Json* object = PickNode(nodes, [](const Json& n) { return !n.members.empty(); });
    if (object) object->members[Below(object->members.size())].first = Pick(keys);
  }

  void SetRole(const std::vector<Json*>& nodes) {
    static const std::vector<std::string> roles = {
        "user",        "assistant", "system", "tool",      "human", "gpt",      "function_call",
        "observation", "narrator",  "",       "developer", "bot",   "function", "Human"};
    Json* message = PickNode(nodes, [](Json& n) {
      return n.kind == Json::Kind::kObject && (n.Member("role") || n.Member("from"));
    });
    if (!message) return;
    Json* role = message->Member("role") ? message->Member("role") : message->Member("from");
    *role = Json::String(Pick(roles));
  }

  void EmptyString(const std::vector<Json*>& nodes) {
    Json* text = PickNode(nodes, [](const Json& n) { return n.kind == Json::Kind::kString; });
    if (text) text->text = Below(2) ? "" : " \n\t ";
  }

  Json RandomValue() {
    switch (Below(10)) {
      case 0:
        return Json::Null();
      case 1:
        return Json::Bool(Below(2) == 1);
      case 2:
        return Json::Number(Below(2) ? "0" : "-1.5e3");
      case 3:
        return Json::String("x");
      case 4:
        return Json::Array();
      case 5:
        return Json::Object();
      case 6:
        return Json::Parse(R"([{"role":"user","content":"Q"},{"role":"assistant","content":"A"}])");
      case 7:
        return Json::Parse(R"({"from":"gpt","value":"A"})");
      case 8:
        return Json::Parse(R"([["q","a"]])");
      default:
        return Json::Parse(
            R"([{"response":"r","overall_score":3},{"response":"s","overall_score":"N/A"}])");
    }
  }

  void WrongType(const std::vector<Json*>& nodes, Json& root) {
    Json* node = PickNode(nodes, [&](const Json& n) { return &n != &root; });
    if (node) *node = RandomValue();
  }

  void DuplicateItem(const std::vector<Json*>& nodes) {
    Json* list = PickNode(nodes, [](const Json& n) { return !n.items.empty(); });
    if (!list) return;
    Json copy = list->items[Below(list->items.size())];
    list->items.insert(list->items.begin() + Below(list->items.size() + 1), std::move(copy));
  }

  void DeleteOrSwapItems(const std::vector<Json*>& nodes) {
    Json* list = PickNode(nodes, [](const Json& n) { return !n.items.empty(); });
    if (!list) return;
    size_t a = Below(list->items.size());
    if (Below(2) == 0) {
      list->items.erase(list->items.begin() + a);
    } else {
      std::swap(list->items[a], list->items[Below(list->items.size())]);
    }
  }

  Json RandomCall() {
    static const std::vector<std::string> calls = {
        R"({"type":"function","function":{"name":"w","arguments":"{\"city\":\"Paris\"}"}})",
        R"({"type":"function","function":{"name":"w","arguments":{"city":"Paris"}}})",
        R"({"type":"function","function":{"name":"w","arguments":"city=Paris"}})",
        R"({"type":"function","function":{"name":"w","arguments":"[1,2]"}})",
        R"({"type":"function","function":{"name":"w","arguments":7}})",
        R"({"type":"function","function":{"name":"","arguments":"{}"}})",
        R"({"type":"function","function":{"arguments":"{}"}})",
        R"({"id":"c1","type":"function","function":{"name":"w"}})",
        R"({"name":"w","arguments":{"q":1}})",
        R"("w")",
    };
    return Json::Parse(Pick(calls));
  }

  void AddToolCall(const std::vector<Json*>& nodes) {
    Json* message = PickNode(nodes, [](Json& n) {
      return n.kind == Json::Kind::kObject && (n.Member("role") || n.Member("from"));
    });
    if (!message) return;
    if (message->Member("from")) {
      // A ShareGPT function_call turn whose value is (maybe) the call as JSON text.
      static const std::vector<std::string> values = {
          R"({"name": "w", "arguments": {"q": 1}})", R"([{"name": "a"}, {"name": "b"}])",
          R"({"name": "w", "arguments": "{\"q\": 1}"})", "not json", R"({"arguments": {}})"};
      *message->Member("from") = Json::String("function_call");
      Json* value = message->Member("value");
      if (value) *value = Json::String(Pick(values));
      return;
    }
    Json calls = Below(4) == 0 ? RandomCall() : Json::Array({RandomCall()});
    if (calls.kind == Json::Kind::kArray && Below(3) == 0) calls.items.push_back(RandomCall());
    if (Json* existing = message->Member("tool_calls")) {
      *existing = std::move(calls);
    } else {
      message->members.emplace_back("tool_calls", std::move(calls));
    }
    if (Below(2) == 0) {
      if (Json* content = message->Member("content")) *content = Json::Null();
    }
  }

  void EditString(const std::vector<Json*>& nodes) {
    static const std::vector<std::string> pieces = {"\n\nHuman: hi",
                                                    "\n\nAssistant: yo",
                                                    "\n\nAssistant:",
                                                    " 天空是蓝色",
                                                    "😊",
                                                    "\"quoted\"",
                                                    "\\",
                                                    "\t",
                                                    "Human: ",
                                                    " "};
    Json* text = PickNode(nodes, [](const Json& n) { return n.kind == Json::Kind::kString; });
    if (!text) return;
    switch (Below(3)) {
      case 0:
        text->text += Pick(pieces);
        break;
      case 1:
        text->text = Pick(pieces) + text->text;
        break;
      default: {
        // Cut at a character boundary (the input must stay valid UTF-8 to be a record).
        size_t cut = Below(text->text.size() + 1);
        while (cut > 0 && cut < text->text.size() &&
               (static_cast<unsigned char>(text->text[cut]) & 0xC0) == 0x80) {
          --cut;
        }
        text->text.resize(cut);
      }
    }
  }

  void SetLabel(Json& root) {
    static const std::vector<std::string> labels = {"true",      "false", "1",     "0",
                                                    R"("true")", "null",  "[true]"};
    Json label = Json::Parse(Pick(labels));
    if (Json* existing = root.Member("label")) {
      *existing = std::move(label);
    } else {
      root.members.emplace_back("label", std::move(label));
    }
  }

  void AddColumn(Json& root) {
    static const std::vector<std::pair<std::string, std::string>> columns = {
        {"system", R"("Be nice.")"},
        {"system", R"("")"},
        {"tools", R"("[{\"name\": \"w\", \"parameters\": {}}]")"},
        {"tools", R"("[{\"description\": \"no name\"}]")"},
        {"tools", "[]"},
        {"id", "42"},
        {"history", R"([["q","a"]])"},
        {"history", R"([["only"]])"},
        {"input", R"("extra input")"},
        {"messages", "[]"},
        {"prompt", R"("p")"},
        {"completion", R"(" c")"},
        {"generated", R"("model answer")"},
        {"response", R"("a response")"},
        {"thumbs", R"("up")"},
        {"thumbs", R"("down")"},
        {"stars", "5"},
        {"rating", "4"},
        {"conversations", R"([{"from":"human","value":"Q"}])"},
        {"chosen", R"({"from":"gpt","value":"A"})"},
        {"rejected", R"({"from":"gpt","value":"B"})"},
    };
    const auto& [key, value] = columns[Below(columns.size())];
    if (Json* existing = root.Member(key)) {
      *existing = Json::Parse(value);
    } else {
      root.members.emplace_back(key, Json::Parse(value));
    }
  }

  void SwapColumns(Json& root) {
    if (root.members.size() < 2) return;
    std::swap(root.members[Below(root.members.size())].second,
              root.members[Below(root.members.size())].second);
  }

  std::mt19937_64 rng_;
};

}  // namespace winnow::convert_test
