#include "winnow/validate/trl_schema.h"

#include <array>
#include <utility>

namespace winnow {
namespace {

struct TypeName {
  std::string_view name;
  TrlType type;
};

constexpr std::array<TypeName, 24> kTypeNames = {{
    {"language_modeling", TrlType::kLanguageModeling},
    {"lm", TrlType::kLanguageModeling},
    {"text", TrlType::kLanguageModeling},
    {"messages", TrlType::kLanguageModeling},
    {"sft", TrlType::kLanguageModeling},
    {"prompt_only", TrlType::kPromptOnly},
    {"prompt", TrlType::kPromptOnly},
    {"grpo", TrlType::kPromptOnly},
    {"prompt_completion", TrlType::kPromptCompletion},
    {"preference", TrlType::kPreference},
    {"explicit_preference", TrlType::kPreference},
    {"dpo", TrlType::kPreference},
    {"orpo", TrlType::kPreference},
    {"cpo", TrlType::kPreference},
    {"implicit_preference", TrlType::kImplicitPreference},
    {"implicit", TrlType::kImplicitPreference},
    {"reward", TrlType::kImplicitPreference},
    {"unpaired_preference", TrlType::kUnpairedPreference},
    {"kto", TrlType::kUnpairedPreference},
    {"stepwise_supervision", TrlType::kStepwiseSupervision},
    {"stepwise", TrlType::kStepwiseSupervision},
    {"prm", TrlType::kStepwiseSupervision},
    {"unpaired", TrlType::kUnpairedPreference},
    {"pairwise", TrlType::kPreference},
}};

bool Has(const Record& record, std::string_view key) { return !record.Field(key).error(); }

}  // namespace

std::string_view TrlTypeName(TrlType type) {
  switch (type) {
    case TrlType::kLanguageModeling:
      return "language_modeling";
    case TrlType::kPromptOnly:
      return "prompt_only";
    case TrlType::kPromptCompletion:
      return "prompt_completion";
    case TrlType::kPreference:
      return "preference";
    case TrlType::kImplicitPreference:
      return "implicit_preference";
    case TrlType::kUnpairedPreference:
      return "unpaired_preference";
    case TrlType::kStepwiseSupervision:
      return "stepwise_supervision";
  }
  return "unknown";
}

Result<TrlType> ParseTrlType(std::string_view text) {
  std::string key(text);
  for (char& c : key) {
    if (c == '-') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto& entry : kTypeNames) {
    if (entry.name == key) return entry.type;
  }
  return Error(Status::InvalidArgument("unknown dataset type '" + std::string(text) +
                                       "' (expected one of: " + TrlTypeChoices() + ")"));
}

std::string TrlTypeChoices() {
  std::string out;
  for (const auto& entry : kTypeNames) {
    if (!out.empty()) out += ", ";
    out += entry.name;
  }
  return out;
}

std::optional<TrlType> TrlTypeOfRecord(const Record& record) {
  bool prompt = Has(record, "prompt");
  if (Has(record, "chosen") && Has(record, "rejected")) {
    return prompt ? TrlType::kPreference : TrlType::kImplicitPreference;
  }
  if (prompt && Has(record, "completions") && Has(record, "labels")) {
    return TrlType::kStepwiseSupervision;
  }
  if (prompt && Has(record, "completion")) {
    return Has(record, "label") ? TrlType::kUnpairedPreference : TrlType::kPromptCompletion;
  }
  if (prompt) return TrlType::kPromptOnly;
  if (Has(record, "messages") || Has(record, "text")) return TrlType::kLanguageModeling;
  return std::nullopt;
}

std::string ConvertHint(const Record& record) {
  if (Has(record, "conversations") && Has(record, "chosen")) {
    return "LLaMA-Factory preference data: convert with `winnow convert --to preference`";
  }
  if (Has(record, "conversations")) {
    return "ShareGPT conversations: convert with `winnow convert --to messages`";
  }
  if (Has(record, "instruction") && Has(record, "output")) {
    return "Alpaca instruction/input/output: convert with `winnow convert --to messages`";
  }
  if (Has(record, "chosen_messages")) {
    return "LLaMA-Factory v1 preference data: convert with `winnow convert --to preference`";
  }
  if (Has(record, "completions") && Has(record, "instruction")) {
    return "rated completions (UltraFeedback): convert with `winnow convert --to preference "
           "--from ratings`";
  }
  return "";
}

}  // namespace winnow
