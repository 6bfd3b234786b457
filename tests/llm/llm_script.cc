#include "llm/llm_script.h"

#include <fmt/format.h>
#include <simdjson.h>

namespace winnow::testutil {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Status RuleError(size_t index, std::string_view message) {
  return Status::InvalidInput(fmt::format("script rule {}: {}", index, message));
}

Status ReadRule(object fields, size_t index, LlmScriptRule* rule) {
  for (auto [key, value] : fields) {
    std::string_view text;
    if (key == "replies") {
      array replies;
      if (value.get_array().get(replies) != simdjson::SUCCESS) {
        return RuleError(index, "\"replies\": expected an array of strings");
      }
      for (element reply : replies) {
        if (reply.get_string().get(text) != simdjson::SUCCESS) {
          return RuleError(index, "\"replies\": expected an array of strings");
        }
        rule->replies.emplace_back(text);
      }
      continue;
    }
    if (value.get_string().get(text) != simdjson::SUCCESS) {
      return RuleError(index, fmt::format("\"{}\": expected a string", key));
    }
    if (key == "model") {
      rule->model = std::string(text);
    } else if (key == "contains") {
      rule->contains = std::string(text);
    } else if (key == "regex") {
      rule->regex = std::string(text);
    } else if (key == "reply") {
      rule->replies.emplace_back(text);
    } else {
      return RuleError(index, fmt::format("unknown key \"{}\" (expected model, contains, regex, "
                                          "reply or replies)",
                                          key));
    }
  }
  return Status::OK();
}

}  // namespace

Result<LlmScript> LlmScript::Create(std::vector<LlmScriptRule> rules) {
  LlmScript script;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].replies.empty()) return Error(RuleError(i, "needs a reply"));
    std::unique_ptr<re2::RE2> regex;
    if (!rules[i].regex.empty()) {
      regex = std::make_unique<re2::RE2>(rules[i].regex, re2::RE2::Quiet);
      if (!regex->ok()) {
        return Error(RuleError(i, fmt::format("regex \"{}\": {}", rules[i].regex, regex->error())));
      }
    }
    script.regexes_.push_back(std::move(regex));
  }
  script.rules_ = std::move(rules);
  return script;
}

Result<LlmScript> LlmScript::Parse(std::string_view json) {
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(json.data(), json.size()).get(root)) {
    return Error(Status::InvalidInput(
        fmt::format("script: not valid JSON ({})", simdjson::error_message(error))));
  }
  array items;
  if (root.get_array().get(items) != simdjson::SUCCESS &&
      root.at_key("rules").get_array().get(items) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput("script: expected an array of rules or {\"rules\": [..]}"));
  }
  std::vector<LlmScriptRule> rules;
  for (element item : items) {
    object fields;
    if (item.get_object().get(fields) != simdjson::SUCCESS) {
      return Error(RuleError(rules.size(), "expected an object"));
    }
    LlmScriptRule rule;
    WINNOW_RETURN_IF_ERROR(ReadRule(fields, rules.size(), &rule));
    rules.push_back(std::move(rule));
  }
  return Create(std::move(rules));
}

std::optional<std::string> LlmScript::Match(const RequestInfo& info, uint64_t variant) const {
  const std::string_view text = info.LastUserText();
  for (size_t i = 0; i < rules_.size(); ++i) {
    const LlmScriptRule& rule = rules_[i];
    if (!rule.model.empty() && rule.model != info.model) continue;
    if (!rule.contains.empty() && text.find(rule.contains) == std::string_view::npos) continue;
    if (regexes_[i] != nullptr && !re2::RE2::PartialMatch(text, *regexes_[i])) continue;
    return rule.replies[variant % rule.replies.size()];
  }
  return std::nullopt;
}

}  // namespace winnow::testutil
