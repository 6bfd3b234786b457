#include "winnow/convert/convert_steps.h"

#include "winnow/convert/columns_step.h"
#include "winnow/convert/preference_pair.h"
#include "winnow/convert/to_messages.h"
#include "winnow/convert/to_prompt_completion.h"

namespace winnow {
namespace {

template <Result<std::unique_ptr<Conversion>> (*Create)(StepOptions&)>
Result<std::unique_ptr<Step>> ConversionStepFactory(StepOptions& options) {
  return MakeConversionStep(options, Create);
}

constexpr const char* kCommonOptions =
    "keep_columns (bool, true): carry the input's other columns over\n"
    "arguments (string, string): tool-call arguments as JSON 'string' (OpenAI API) or 'object' "
    "(TRL)\n"
    "keep_message_keys (bool, true): keep extra message keys (loss_weight, ...)\n";

}  // namespace

Result<std::unique_ptr<Step>> MakeConversionStep(
    StepOptions& options, Result<std::unique_ptr<Conversion>> (*create)(StepOptions&)) {
  ConversionStepOptions step_options;
  WINNOW_ASSIGN_OR_RETURN(step_options.keep_other_columns, options.GetBool("keep_columns", true));
  WINNOW_ASSIGN_OR_RETURN(auto conversion, create(options));
  return std::unique_ptr<Step>(new ConversionStep(std::move(conversion), step_options));
}

void AppendConvertSteps(std::vector<StepSpec>* table) {
  static const std::string to_messages_options =
      std::string("from (string, auto): sharegpt | messages | alpaca | prompt-completion | auto "
                  "(per record, by its columns)\n"
                  "field (string): the conversation column (default conversations / messages)\n"
                  "system (string): system prompt for records without one\n"
                  "alpaca_separator (string, \\n\\n): between instruction and input\n") +
      kCommonOptions;
  static const std::string to_prompt_completion_options =
      std::string("field (string, messages): the conversation column\n"
                  "form (string, conversational): conversational | standard (strings; single-turn "
                  "only)\n") +
      kCommonOptions;
  static const std::string preference_options =
      std::string("from (string, auto): explicit | implicit | hh | llamafactory | auto\n"
                  "form (string, conversational): conversational | standard (HH and implicit "
                  "string transcripts stay strings)\n") +
      kCommonOptions;
  table->insert(
      table->end(),
      {
          {"to_messages",
           "ShareGPT / Alpaca / prompt-completion / messages -> OpenAI messages, roles mapped, "
           "tool calls normalised",
           to_messages_options.c_str(), "- step: to_messages\n  from: sharegpt",
           ConversionStepFactory<CreateToMessages>},
          {"to_sharegpt", "OpenAI messages -> ShareGPT conversations",
           "field (string, messages): the message column\nkeep_columns (bool, true): carry the "
           "input's other columns over",
           "- step: to_sharegpt", ConversionStepFactory<CreateToShareGpt>},
          {"to_prompt_completion",
           "messages -> prompt/completion, split before the reply to the last user turn",
           to_prompt_completion_options.c_str(), "- step: to_prompt_completion",
           ConversionStepFactory<CreateToPromptCompletion>},
          {"to_preference",
           "HH transcripts, implicit-prompt or LLaMA-Factory preference -> explicit "
           "prompt/chosen/rejected",
           preference_options.c_str(), "- step: to_preference\n  from: hh",
           ConversionStepFactory<CreateToPreference>},
          {"to_kto",
           "preference pairs -> KTO rows (chosen: label true, rejected: label false); "
           "messages + label -> prompt/completion/label",
           preference_options.c_str(), "- step: to_kto", ConversionStepFactory<CreateToKto>},
      });
}

}  // namespace winnow
