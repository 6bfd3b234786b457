#include "winnow/record/text_view.h"

#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

bool MessageRoleAndContent(simdjson::dom::element message, std::string_view* role,
                           simdjson::dom::element* content) {
  simdjson::dom::object object;
  if (message.get_object().get(object)) return false;
  if (object.at_key("role").get_string().get(*role) &&
      object.at_key("from").get_string().get(*role)) {
    *role = {};
  }
  if (object.at_key("content").get(*content) && object.at_key("value").get(*content)) return false;
  return true;
}

bool RoleSelected(std::string_view role, const TextViewOptions& options) {
  if (options.roles.empty()) return true;
  std::string_view normalised = NormaliseRole(role);
  for (const auto& wanted : options.roles) {
    if (NormaliseRole(wanted) == normalised) return true;
  }
  return false;
}

void AppendPart(std::string_view part, bool* first, const TextViewOptions& options,
                std::string* out) {
  if (!*first) out->append(options.separator);
  *first = false;
  out->append(part);
}

}  // namespace

std::string_view NormaliseRole(std::string_view role) {
  if (role == "human") return "user";
  if (role == "gpt" || role == "bot" || role == "chatgpt" || role == "model") return "assistant";
  return role;
}

bool IsMessageList(simdjson::dom::element element) {
  simdjson::dom::array array;
  if (element.get_array().get(array) || array.size() == 0) return false;
  simdjson::dom::element first;
  if (array.at(0).get(first)) return false;
  simdjson::dom::object object;
  if (first.get_object().get(object)) return false;
  bool has_role = !object.at_key("role").error() || !object.at_key("from").error();
  bool has_content = !object.at_key("content").error() || !object.at_key("value").error();
  return has_role && has_content;
}

void TextView::AppendText(simdjson::dom::element element, const TextViewOptions& options,
                          std::string* out) {
  switch (element.type()) {
    case simdjson::dom::element_type::STRING:
      out->append(element.get_string().value_unsafe());
      return;
    case simdjson::dom::element_type::NULL_VALUE:
      return;
    case simdjson::dom::element_type::ARRAY: {
      bool first = true;
      bool messages = IsMessageList(element);
      simdjson::dom::array array = element.get_array().value_unsafe();
      for (simdjson::dom::element item : array) {
        std::string_view role;
        simdjson::dom::element content = item;
        if (messages) {
          if (!MessageRoleAndContent(item, &role, &content)) continue;
          if (!RoleSelected(role, options)) continue;
        } else {
          // OpenAI content parts: {"type":"text","text":"..."}; other parts (images) have no text.
          simdjson::dom::object part;
          std::string_view part_text;
          if (!item.get_object().get(part)) {
            // OpenAI parts say "text"; LLaMA-Factory's v1 format says "value". Parts of another
            // type (images, audio) have no text.
            std::string_view type;
            bool text_part = part.at_key("type").get_string().get(type) || type == "text";
            if (text_part && (!part.at_key("text").get_string().get(part_text) ||
                              !part.at_key("value").get_string().get(part_text))) {
              AppendPart(part_text, &first, options, out);
            }
            continue;
          }
        }
        if (!first) out->append(options.separator);
        first = false;
        if (messages && options.role_prefix) {
          out->append(role.empty() ? std::string_view("unknown") : role);
          out->append(": ");
        }
        TextViewOptions inner = options;
        inner.separator = "\n";
        AppendText(content, inner, out);
      }
      return;
    }
    case simdjson::dom::element_type::OBJECT: {
      // A single message or content part.
      simdjson::dom::object object = element.get_object().value_unsafe();
      simdjson::dom::element content;
      if (!object.at_key("content").get(content) || !object.at_key("value").get(content) ||
          !object.at_key("text").get(content)) {
        AppendText(content, options, out);
        return;
      }
      AppendJsonElement(element, out);
      return;
    }
    default:
      AppendJsonElement(element, out);
  }
}

Result<TextView> TextView::Parse(std::string_view path, TextViewOptions options) {
  WINNOW_ASSIGN_OR_RETURN(FieldPath parsed, FieldPath::Parse(path));
  return TextView(std::move(parsed), std::move(options));
}

std::string_view TextView::Get(const Record& record, std::string* scratch) const {
  scratch->clear();
  if (!path_.has_wildcard()) {
    simdjson::dom::element value;
    if (path_.Get(record).get(value)) return {};
    std::string_view direct;
    if (!value.get_string().get(direct)) return direct;
    AppendText(value, options_, scratch);
    return *scratch;
  }
  std::vector<simdjson::dom::element> values;
  path_.Resolve(record, &values);
  bool first = true;
  for (auto value : values) {
    if (!first) scratch->append(options_.separator);
    first = false;
    AppendText(value, options_, scratch);
  }
  return *scratch;
}

}  // namespace winnow
