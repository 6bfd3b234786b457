#include "winnow/pipeline/step_registry.h"

#include "winnow/classify/classify_steps.h"
#include "winnow/convert/convert_steps.h"
#include "winnow/dedup/dedup_steps.h"
#include "winnow/filters/filter_table.h"
#include "winnow/ops/head_step.h"
#include "winnow/ops/keep_top_step.h"
#include "winnow/ops/sample_step.h"
#include "winnow/template/chat_template_step.h"
#include "winnow/text/describe_step.h"
#include "winnow/text/markdown_clean_step.h"
#include "winnow/validate/validate_step.h"

namespace winnow {

namespace {

std::vector<StepSpec> BuildStepTable() {
  std::vector<StepSpec> steps = {
      {"head", "Keep the first n records and stop reading", "n (int, 10): records to keep",
       "- step: head\n  n: 100", CreateHeadStep},
      {"sample", "Seeded random sample: exactly n records (reservoir) or each with probability p",
       "n (int): sample size, reservoir over the whole stream, output in input order\n"
       "fraction (float): keep each record with this probability (streaming, parallel)\n"
       "seed (int, 0): random seed; the same seed and input give the same sample",
       "- step: sample\n  n: 1000\n  seed: 42", CreateSampleStep},
      {"keep_top",
       "Keep the top p % of records by a numeric column (a judge's rating, a score): exactly "
       "ceil(p/100 n), ties by input order; unscored records are rejected, never ranked as 0",
       "column (field, required): the score\n"
       "percent (float, required): \"50\" or \"50%\"",
       "- step: keep_top\n  column: rating\n  percent: 50", CreateKeepTopStep},
      {"markdown_clean",
       "Clean Markdown for LLMs: drop HTML, comments, badges, images and link URLs; lift YAML "
       "front matter into columns",
       "field (string, text): the Markdown field\n"
       "output (string, = field): where the cleaned text goes\n"
       "front_matter (columns|object|drop, columns): keys as columns (fm_<key> on a clash), one "
       "front_matter object column, or nothing\n"
       "report_columns (bool, true): add md_removed_bytes and md_removed_fraction\n"
       "drop_code (bool, false): remove code blocks\n"
       "drop_tables (bool, false): remove tables\n"
       "keep_image_alt (bool, false): keep images' alt text\n"
       "drop_autolinks (bool, false): remove <https://...> links instead of keeping the URL\n"
       "drop_bare_urls (bool, false): remove bare http(s):// and www. URLs",
       "- step: markdown_clean\n  field: text\n  front_matter: columns\n  drop_tables: true",
       CreateMarkdownCleanStep},
      {"chat_template", "Render each conversation with a model's chat template into a text field",
       "template (path): tokenizer_config.json or .jinja file (required)\n"
       "template_name (string): which of several named templates (default: \"default\")\n"
       "messages (field, messages): list of {role, content}\n"
       "tools (field, tools): tool schemas, when present\n"
       "output (field, text): where the rendered text goes\n"
       "add_generation_prompt (bool, false): end with the assistant header\n"
       "drop_messages (bool, false): remove the messages field\n"
       "bos_token, eos_token (string): override the config's special tokens",
       "- step: chat_template\n  template: models/qwen/tokenizer_config.json\n  output: text",
       CreateChatTemplateStep},
      {"describe",
       "Add text descriptives as columns: counts, sentence and word lengths, syllables, "
       "readability, quality ratios, conversation shape",
       "field (path, text): the text described; a chat message list is joined\n"
       "roles (list): with a message list, only these roles' turns\n"
       "role_prefix (bool, false): prefix each turn with its role\n"
       "groups (list, all): descriptive_stats, readability, quality\n"
       "prefix (string, \"\"): column name prefix\n"
       "conversation (bool, true): turns and characters per role for message lists\n"
       "hyphen_dictionary (path, /usr/share/hyphen/hyph_en_US.dic): syllables by hyphenation\n"
       "tokenizer (path): count model tokens with a tokenizer.json or SentencePiece .model",
       "- step: describe\n  groups: readability,quality", CreateDescribeStep},
      {"validate",
       "Check records against a TRL dataset type; reject the invalid ones with the rule",
       "type (string, auto): a TRL type (preference, kto, ...) or auto from the columns\n"
       "allow_empty (bool, false): accept empty strings and contents\n"
       "require_assistant_last (bool, true): training conversations end with the assistant\n"
       "on_invalid (string, reject): reject | keep (report only)\n"
       "long_record_bytes (int, 100000): warn above this size; 0 turns it off",
       "- step: validate\n  type: preference", CreateValidateStep},
  };
  AppendConvertSteps(&steps);
  AppendDedupSteps(&steps);
  AppendFilterSteps(&steps);
  AppendClassifySteps(&steps);
  return steps;
}

}  // namespace

const std::vector<StepSpec>& StepTable() {
  static const std::vector<StepSpec> kSteps = BuildStepTable();
  return kSteps;
}

Result<std::unique_ptr<Step>> CreateStep(std::string_view name, StepOptions options) {
  const StepSpec* best = nullptr;
  size_t best_distance = 4;
  for (const auto& spec : StepTable()) {
    if (name == spec.name) {
      WINNOW_ASSIGN_OR_RETURN(auto step, spec.create(options));
      WINNOW_RETURN_IF_ERROR(options.Finish());
      return step;
    }
    size_t distance = EditDistance(name, spec.name);
    if (distance < best_distance) best_distance = distance, best = &spec;
  }
  std::string message = "unknown step '" + std::string(name) + "'";
  if (best) message += std::string(" (did you mean '") + best->name + "'?)";
  return Error(Status::InvalidArgument(message));
}

}  // namespace winnow
