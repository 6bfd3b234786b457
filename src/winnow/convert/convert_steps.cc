#include "winnow/convert/convert_steps.h"

#include "winnow/convert/columns_step.h"
#include "winnow/convert/feedback.h"
#include "winnow/convert/preference_pair.h"
#include "winnow/convert/ratings_to_preference.h"
#include "winnow/convert/template_conversion.h"
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
      std::string(
          "from (string, auto): sharegpt | messages | alpaca | prompt-completion | auto "
          "(per record, by its columns)\n"
          "field (string): the conversation column (default conversations / messages)\n"
          "system (string): system prompt for records without one\n"
          "alpaca_separator (string, \\n\\n): between instruction and input\n") +
      kCommonOptions;
  static const std::string to_prompt_completion_options =
      std::string(
          "field (string, messages): the conversation column\n"
          "form (string, conversational): conversational | standard (strings; single-turn "
          "only)\n") +
      kCommonOptions;
  static const std::string preference_options =
      std::string(
          "from (string, auto): explicit | implicit | hh | llamafactory | auto\n"
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
          {"kto_to_preference",
           "KTO rows -> preference pairs for prompts with both a true and a false completion "
           "(holds rows until the end)",
           "pairs (string, one): one (seeded) | all (every true x false pair)\n"
           "max_pairs (int, 0): cap per prompt (seeded subset); 0 = no limit\n"
           "seed (int, 0): random seed\n"
           "arguments (string, string): tool-call arguments as 'string' or 'object'",
           "- step: kto_to_preference\n  pairs: all", CreateKtoToPreferenceStep},
          {"ratings_to_preference",
           "N rated completions per prompt -> preference (best vs worst, or all pairs above a "
           "margin); ties and missing ratings never pair",
           "prompt (string, prompt|instruction): the prompt column (long form: see group_by)\n"
           "completions (string, completions): the list of rated completions\n"
           "response (string, response): the response path inside a completion\n"
           "rating (string, overall_score|rating|score): rating path(s) inside a completion; "
           "several, comma-separated, are averaged\n"
           "group_by (string): long form: rows of (prompt, response, rating) grouped by this "
           "column\n"
           "pairs (string, best-worst): best-worst | all\n"
           "margin (float, 0): all: chosen - rejected must exceed this\n"
           "max_pairs (int, 0): cap per prompt\n"
           "min_chosen_rating (float): drop prompts whose best rating is lower\n"
           "emit_margin (bool, false): add a margin column\n"
           "form (string, conversational): conversational | standard\n"
           "seed (int, 0): breaks ties between equally rated answers",
           "- step: ratings_to_preference\n  rating: annotations.helpfulness.Rating",
           CreateRatingsStep},
          {"ratings_to_kto",
           "N rated completions per prompt -> KTO rows: label true at or above `good`, false at "
           "or below `bad`; ratings in between and missing ones give no row",
           "good (float, required), bad (float, required): the thresholds, good > bad\n"
           "prompt, completions, response, rating, form: as ratings_to_preference",
           "- step: ratings_to_kto\n  rating: rating\n  good: 8\n  bad: 4",
           ConversionStepFactory<CreateRatingsToKto>},
          {"feedback_to_kto", "Feedback logs -> KTO rows through label rules (first match wins)",
           "label_rule (string): FIELD=VALUE:true|false;... (also !=, >=, <=, >, <)\n"
           "prompt (string, prompt), response (string, response): the columns\n"
           "form (string, conversational): conversational | standard",
           "- step: feedback_to_kto\n  label_rule: \"thumbs=up:true;thumbs=down:false\"",
           ConversionStepFactory<CreateFeedbackToKto>},
          {"spin_preference",
           "Gold + model answers -> preference (chosen = gold, rejected = model): SPIN",
           "prompt (string, prompt), gold (string, completion), generated (string, generated): "
           "the columns (or a messages conversation whose last reply is the gold answer)\n"
           "form (string, conversational): conversational | standard",
           "- step: spin_preference\n  gold: answer\n  generated: model_answer",
           ConversionStepFactory<CreateSpinPreference>},
          {"template",
           "Classic datasets -> SFT rows through Jinja2 prompt templates (record fields are the "
           "variables; an undefined one rejects the record)",
           "template_string (string): the prompt template (required; the CLI reads --template "
           "FILE)\n"
           "completion_template_string (string): a template for the completion\n"
           "completion_field (string): or a column holding it (labels and numbers as JSON text)\n"
           "to (string, prompt_completion): prompt_completion | messages | text | prompt\n"
           "form (string, standard): standard (strings) | conversational\n"
           "system (string): a system turn (message outputs only)",
           "- step: template\n  template_string: \"Question: {{ question }}\\nAnswer:\"\n"
           "  completion_field: answer",
           ConversionStepFactory<CreateTemplateConversion>},
          {"columns", "Rename, select, drop columns and add constant ones",
           "rename (string): OLD=NEW;OLD2=NEW2\nset (string): KEY=VALUE;... (VALUE as JSON if it "
           "parses)\nselect (string): a,b,c (also the output order)\ndrop (string): a,b",
           "- step: columns\n  rename: question=prompt;answer=completion", CreateColumnsStep},
      });
}

}  // namespace winnow
