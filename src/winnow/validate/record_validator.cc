#include "winnow/validate/record_validator.h"

#include <fmt/format.h>

#include <string>

#include "winnow/record/json_writer.h"
#include "winnow/validate/message_rules.h"

namespace winnow {
namespace {

using simdjson::dom::element;

class RecordChecker {
 public:
  RecordChecker(const Record& record, const ValidationOptions& options, std::vector<Violation>* out)
      : record_(record), options_(options), out_(out) {}

  // The column, or nullopt after reporting it missing.
  bool Column(std::string_view key, element* value) {
    if (!record_.Field(key).get(*value) && !value->is_null()) return true;
    Add("missing_column", key,
        record_.Field(key).error() ? fmt::format("required column '{}' is missing", key)
                                   : fmt::format("required column '{}' is null", key));
    return false;
  }

  // A string column, or a message list used as `kind`. Returns false on a type error.
  bool TextOrMessages(std::string_view key, element value, TurnsKind kind) {
    if (value.is_string()) {
      CheckString(key, value.get_string().value_unsafe());
      return true;
    }
    if (value.is_array()) {
      CheckMessageList(value, key, kind, options_, out_);
      return true;
    }
    std::string hint;
    if (value.is_object() && !value.at_key("from").error()) {
      hint =
          " (a single {from, value} turn, LLaMA-Factory's preference shape: convert with "
          "`winnow convert --to preference`)";
    }
    Add("wrong_type", key,
        fmt::format("expected a string or a list of messages, got {}{}", JsonTypeName(value),
                    hint));
    return false;
  }

  void CheckString(std::string_view key, std::string_view text) {
    if (!options_.allow_empty_strings && !HasNonSpace(text)) {
      Add("empty_string", key, "the string is empty or only whitespace");
    }
  }

  // Every column must be in the same form: TRL's collators take one or the other.
  void SameForm(std::initializer_list<std::pair<std::string_view, element>> columns) {
    auto first = *columns.begin();
    for (const auto& [key, value] : columns) {
      if (value.is_string() != first.second.is_string()) {
        Add("mixed_forms", key,
            fmt::format("'{}' is a {} but '{}' is a {}: use strings everywhere (standard) or "
                        "message lists everywhere (conversational)",
                        key, JsonTypeName(value), first.first, JsonTypeName(first.second)));
        return;
      }
    }
  }

  void Add(std::string rule, std::string_view field, std::string message) {
    out_->push_back({std::move(rule), std::string(field), std::move(message), Severity::kError});
  }

  const Record& record_;
  const ValidationOptions& options_;
  std::vector<Violation>* out_;
};

std::string CompactJson(element value) {
  std::string out;
  AppendJsonElement(value, &out);
  return out;
}

void CheckLanguageModeling(RecordChecker& check) {
  element value;
  if (!check.record_.Field("messages").get(value) && !value.is_null()) {
    CheckMessageList(value, "messages", TurnsKind::kConversation, check.options_, check.out_);
    return;
  }
  if (!check.Column("text", &value)) return;
  if (!value.is_string()) {
    check.Add("wrong_type", "text", fmt::format("expected a string, got {}", JsonTypeName(value)));
    return;
  }
  check.CheckString("text", value.get_string().value_unsafe());
}

void CheckPromptOnly(RecordChecker& check) {
  element prompt;
  if (check.Column("prompt", &prompt)) check.TextOrMessages("prompt", prompt, TurnsKind::kPrompt);
}

void CheckPromptCompletion(RecordChecker& check) {
  element prompt, completion;
  bool have_prompt = check.Column("prompt", &prompt);
  bool have_completion = check.Column("completion", &completion);
  bool typed = true;
  if (have_prompt) typed &= check.TextOrMessages("prompt", prompt, TurnsKind::kPrompt);
  if (have_completion) {
    typed &= check.TextOrMessages("completion", completion, TurnsKind::kCompletion);
  }
  if (have_prompt && have_completion && typed) {
    check.SameForm({{"prompt", prompt}, {"completion", completion}});
  }
}

// The length of the common prefix of two message lists, in messages.
size_t SharedTurns(simdjson::dom::array a, simdjson::dom::array b) {
  size_t shared = 0;
  auto it_b = b.begin();
  for (auto it_a = a.begin(); it_a != a.end() && it_b != b.end(); ++it_a, ++it_b) {
    if (CompactJson(*it_a) != CompactJson(*it_b)) break;
    ++shared;
  }
  return shared;
}

bool SameValue(element a, element b) {
  std::string_view text_a, text_b;
  if (!a.get_string().get(text_a) && !b.get_string().get(text_b)) return text_a == text_b;
  return CompactJson(a) == CompactJson(b);
}

void CheckChosenRejected(RecordChecker& check, element chosen, element rejected, bool implicit) {
  if (SameValue(chosen, rejected)) {
    check.Add("chosen_equals_rejected", "rejected", "chosen and rejected are identical");
    return;
  }
  if (!implicit) return;
  if (chosen.is_string()) {
    std::string_view a = chosen.get_string().value_unsafe();
    std::string_view b = rejected.get_string().value_unsafe();
    if (a.empty() || b.empty() || a[0] != b[0]) {
      check.Add("no_shared_prompt", "chosen",
                "implicit-prompt preference: chosen and rejected share no prompt prefix");
    }
    return;
  }
  simdjson::dom::array a, b;
  if (chosen.get_array().get(a) || rejected.get_array().get(b)) return;
  size_t shared = SharedTurns(a, b);
  if (shared == 0) {
    check.Add("no_shared_prompt", "chosen",
              "implicit-prompt preference: chosen and rejected differ from their first turn");
  } else if (shared == a.size() || shared == b.size()) {
    check.Add("no_shared_prompt", "chosen",
              "implicit-prompt preference: one conversation is a prefix of the other");
  }
}

void CheckPreference(RecordChecker& check, bool implicit) {
  element prompt, chosen, rejected;
  bool have_prompt = implicit || check.Column("prompt", &prompt);
  bool have_chosen = check.Column("chosen", &chosen);
  bool have_rejected = check.Column("rejected", &rejected);
  TurnsKind answer_kind = implicit ? TurnsKind::kConversation : TurnsKind::kCompletion;
  bool typed = true;
  if (!implicit && have_prompt) typed &= check.TextOrMessages("prompt", prompt, TurnsKind::kPrompt);
  if (have_chosen) typed &= check.TextOrMessages("chosen", chosen, answer_kind);
  if (have_rejected) typed &= check.TextOrMessages("rejected", rejected, answer_kind);
  if (!(have_prompt && have_chosen && have_rejected && typed)) return;
  if (implicit) {
    check.SameForm({{"chosen", chosen}, {"rejected", rejected}});
  } else {
    check.SameForm({{"prompt", prompt}, {"chosen", chosen}, {"rejected", rejected}});
  }
  if (chosen.is_string() == rejected.is_string()) {
    CheckChosenRejected(check, chosen, rejected, implicit);
  }
}

void CheckUnpaired(RecordChecker& check) {
  CheckPromptCompletion(check);
  element label;
  if (!check.Column("label", &label)) return;
  if (!label.is_bool()) {
    std::string hint = label.is_number() || label.is_string()
                           ? fmt::format(" (got {} {}: write true or false)", JsonTypeName(label),
                                         CompactJson(label))
                           : fmt::format(" (got {})", JsonTypeName(label));
    check.Add("label_not_bool", "label", "KTO's label must be a JSON bool" + hint);
  }
}

void CheckStepwise(RecordChecker& check) {
  element prompt, completions, labels;
  if (check.Column("prompt", &prompt)) check.TextOrMessages("prompt", prompt, TurnsKind::kPrompt);
  bool have_completions = check.Column("completions", &completions);
  bool have_labels = check.Column("labels", &labels);
  simdjson::dom::array steps, step_labels;
  if (have_completions && completions.get_array().get(steps)) {
    check.Add("wrong_type", "completions", "completions must be a list of strings");
    have_completions = false;
  }
  if (have_labels && labels.get_array().get(step_labels)) {
    check.Add("wrong_type", "labels", "labels must be a list of bools");
    have_labels = false;
  }
  if (have_completions) {
    size_t index = 0;
    for (element step : steps) {
      std::string where = fmt::format("completions[{}]", index++);
      if (!step.is_string()) {
        check.Add("wrong_type", where, "each step must be a string");
      } else {
        check.CheckString(where, step.get_string().value_unsafe());
      }
    }
  }
  if (have_labels) {
    size_t index = 0;
    for (element label : step_labels) {
      if (!label.is_bool()) {
        check.Add("label_not_bool", fmt::format("labels[{}]", index), "each label must be a bool");
      }
      ++index;
    }
  }
  if (have_completions && have_labels && steps.size() != step_labels.size()) {
    check.Add("length_mismatch", "labels",
              fmt::format("{} completions but {} labels", steps.size(), step_labels.size()));
  }
}

// Columns trainers read besides the type's own (formats.md: tools, margin): checked when present.
void CheckOptionalColumns(RecordChecker& check) {
  element tools;
  if (!check.record_.Field("tools").get(tools) && !tools.is_null()) {
    simdjson::dom::array list;
    bool schemas = !tools.get_array().get(list);
    if (schemas) {
      for (element tool : list) schemas &= tool.is_object();
    }
    if (!schemas) {
      check.Add("wrong_type", "tools",
                tools.is_string() ? "tools must be a list of JSON schemas, not JSON text (convert "
                                    "with `winnow convert --to messages`)"
                                  : "tools must be a list of JSON schemas");
    }
  }
  element margin;
  if (!check.record_.Field("margin").get(margin) && !margin.is_null() && !margin.is_number()) {
    check.Add("wrong_type", "margin",
              fmt::format("margin must be a number, got {}", JsonTypeName(margin)));
  }
}

}  // namespace

void ValidateRecord(const Record& record, TrlType type, const ValidationOptions& options,
                    std::vector<Violation>* out) {
  RecordChecker check(record, options, out);
  CheckOptionalColumns(check);
  switch (type) {
    case TrlType::kLanguageModeling:
      return CheckLanguageModeling(check);
    case TrlType::kPromptOnly:
      return CheckPromptOnly(check);
    case TrlType::kPromptCompletion:
      return CheckPromptCompletion(check);
    case TrlType::kPreference:
      return CheckPreference(check, /*implicit=*/false);
    case TrlType::kImplicitPreference:
      return CheckPreference(check, /*implicit=*/true);
    case TrlType::kUnpairedPreference:
      return CheckUnpaired(check);
    case TrlType::kStepwiseSupervision:
      return CheckStepwise(check);
  }
}

}  // namespace winnow
