#include "winnow/filters/filter_table.h"

#include <iterator>

#include "winnow/common/assert.h"
#include "winnow/filters/c4_quality.h"
#include "winnow/filters/conversation_hygiene.h"
#include "winnow/filters/fabricated_urls.h"
#include "winnow/filters/fineweb_quality.h"
#include "winnow/filters/gopher_quality.h"
#include "winnow/filters/gopher_repetition.h"
#include "winnow/filters/language_id.h"
#include "winnow/filters/length_filter.h"
#include "winnow/filters/rule_stages.h"
#include "winnow/filters/truncation.h"

namespace winnow {

const char* const kFilterStageOptions =
    "field (path, text): the text to check: a string, or a chat message list\n"
    "roles (list): with a message list, only turns of these roles (user, assistant, system, ...; "
    "all)\n"
    "role_prefix (bool, false): prefix each turn with its role\n"
    "annotate (bool, false): keep every record; add the measured values as <filter>_<measure> "
    "columns and filter_reason\n"
    "id_field (path, id): the record id shown in report examples\n";

Result<Threshold> GetThreshold(StepOptions& options, std::string_view key, Threshold fallback) {
  WINNOW_ASSIGN_OR_RETURN(std::string text, options.GetString(key, ""));
  if (!options.Has(key)) return fallback;  // a rule that is off by default stays off
  if (text == "off" || text == "none" || text == "null") return Threshold{fallback.value, false};
  WINNOW_ASSIGN_OR_RETURN(double value, options.GetDouble(key, fallback.value));
  return Threshold{value, true};
}

namespace {

#define WINNOW_THRESHOLD(field, key) \
  WINNOW_ASSIGN_OR_RETURN(o.field, GetThreshold(options, key, o.field))

Result<std::unique_ptr<Filter>> CreateGopherQuality(StepOptions& options) {
  GopherQualityOptions o;
  WINNOW_THRESHOLD(min_doc_words, "min_doc_words");
  WINNOW_THRESHOLD(max_doc_words, "max_doc_words");
  WINNOW_THRESHOLD(min_avg_word_length, "min_avg_word_length");
  WINNOW_THRESHOLD(max_avg_word_length, "max_avg_word_length");
  WINNOW_THRESHOLD(max_symbol_word_ratio, "max_symbol_word_ratio");
  WINNOW_THRESHOLD(max_bullet_lines_ratio, "max_bullet_lines_ratio");
  WINNOW_THRESHOLD(max_ellipsis_lines_ratio, "max_ellipsis_lines_ratio");
  WINNOW_THRESHOLD(max_non_alpha_words_ratio, "max_non_alpha_words_ratio");
  WINNOW_THRESHOLD(min_stop_words, "min_stop_words");
  if (options.Has("stop_words")) {
    WINNOW_ASSIGN_OR_RETURN(std::string words, options.GetString("stop_words", ""));
    o.stop_words = SplitCommaList(words);
  }
  return std::unique_ptr<Filter>(new GopherQualityFilter(std::move(o)));
}

Result<std::unique_ptr<Filter>> CreateGopherRepetition(StepOptions& options) {
  GopherRepetitionOptions o;
  WINNOW_THRESHOLD(dup_para_frac, "dup_para_frac");
  WINNOW_THRESHOLD(dup_para_char_frac, "dup_para_char_frac");
  WINNOW_THRESHOLD(dup_line_frac, "dup_line_frac");
  WINNOW_THRESHOLD(dup_line_char_frac, "dup_line_char_frac");
  for (auto& [n, threshold] : o.top_n_grams) {
    WINNOW_ASSIGN_OR_RETURN(threshold,
                            GetThreshold(options, "top_" + std::to_string(n) + "_gram", threshold));
  }
  for (auto& [n, threshold] : o.dup_n_grams) {
    WINNOW_ASSIGN_OR_RETURN(
        threshold,
        GetThreshold(options, "duplicated_" + std::to_string(n) + "_n_grams", threshold));
  }
  return std::unique_ptr<Filter>(new GopherRepetitionFilter(std::move(o)));
}

Result<std::unique_ptr<Filter>> CreateC4Quality(StepOptions& options) {
  C4QualityOptions o;
  WINNOW_ASSIGN_OR_RETURN(o.split_paragraph, options.GetBool("split_paragraph", true));
  WINNOW_ASSIGN_OR_RETURN(o.remove_citations, options.GetBool("remove_citations", true));
  WINNOW_ASSIGN_OR_RETURN(o.filter_no_terminal_punct,
                          options.GetBool("filter_no_terminal_punct", true));
  WINNOW_THRESHOLD(min_num_sentences, "min_num_sentences");
  WINNOW_THRESHOLD(min_words_per_line, "min_words_per_line");
  WINNOW_THRESHOLD(max_word_length, "max_word_length");
  WINNOW_ASSIGN_OR_RETURN(o.filter_lorem_ipsum, options.GetBool("filter_lorem_ipsum", true));
  WINNOW_ASSIGN_OR_RETURN(o.filter_javascript, options.GetBool("filter_javascript", true));
  WINNOW_ASSIGN_OR_RETURN(o.filter_curly_bracket, options.GetBool("filter_curly_bracket", true));
  WINNOW_ASSIGN_OR_RETURN(o.filter_policy, options.GetBool("filter_policy", true));
  return std::unique_ptr<Filter>(new C4QualityFilter(o));
}

Result<std::unique_ptr<Filter>> CreateC4Paragraph(StepOptions& options) {
  C4ParagraphOptions o;
  WINNOW_THRESHOLD(min_paragraphs, "min_paragraphs");
  WINNOW_ASSIGN_OR_RETURN(o.min_paragraph_length,
                          options.GetDouble("min_paragraph_length", o.min_paragraph_length));
  return std::unique_ptr<Filter>(new C4ParagraphFilter(o));
}

Result<std::unique_ptr<Filter>> CreateFineWebQuality(StepOptions& options) {
  FineWebQualityOptions o;
  WINNOW_THRESHOLD(line_punct_thr, "line_punct_thr");
  WINNOW_ASSIGN_OR_RETURN(o.line_punct_exclude_zero,
                          options.GetBool("line_punct_exclude_zero", false));
  WINNOW_THRESHOLD(short_line_thr, "short_line_thr");
  WINNOW_ASSIGN_OR_RETURN(o.short_line_length,
                          options.GetDouble("short_line_length", o.short_line_length));
  WINNOW_THRESHOLD(char_duplicates_ratio, "char_duplicates_ratio");
  WINNOW_THRESHOLD(new_line_ratio, "new_line_ratio");
  return std::unique_ptr<Filter>(new FineWebQualityFilter(o));
}

Result<std::unique_ptr<Filter>> CreateLanguageId(StepOptions& options) {
  LanguageIdOptions o;
  WINNOW_ASSIGN_OR_RETURN(std::string keep, options.GetString("keep", ""));
  o.keep = SplitCommaList(keep);
  WINNOW_THRESHOLD(min_score, "min_score");
  WINNOW_ASSIGN_OR_RETURN(o.detector.plain_text, options.GetBool("plain_text", true));
  WINNOW_ASSIGN_OR_RETURN(o.detector.hint, options.GetString("hint", ""));
  WINNOW_ASSIGN_OR_RETURN(o.language_column,
                          options.GetString("language_column", o.language_column));
  WINNOW_ASSIGN_OR_RETURN(o.score_column, options.GetString("score_column", o.score_column));
  WINNOW_ASSIGN_OR_RETURN(o.top3, options.GetBool("top3", false));
  return LanguageIdFilter::Create(std::move(o));
}

#undef WINNOW_THRESHOLD

std::vector<FilterSpec> BuildFilterTable() {
  return {
      {"gopher_quality",
       "Gopher quality rules (datatrove v0.3.0 GopherQualityFilter)",
       "min_doc_words (number|off, 50): fewest non-symbol words\n"
       "max_doc_words (number|off, 100000): most non-symbol words\n"
       "min_avg_word_length / max_avg_word_length (number|off, 3 / 10): mean word length\n"
       "max_symbol_word_ratio (number|off, 0.1): '#' and ellipses per word\n"
       "max_bullet_lines_ratio (number|off, 0.9): lines starting with a bullet\n"
       "max_ellipsis_lines_ratio (number|off, 0.3): lines ending with an ellipsis\n"
       "max_non_alpha_words_ratio (number|off, 0.8): fewest words with a letter (a share)\n"
       "min_stop_words (number|off, 2): fewest stop-word tokens\n"
       "stop_words (list, the be to of and that have with): the stop words",
       CreateGopherQuality,
       {},
       {}},
      {"gopher_repetition",
       "Gopher repetition rules (datatrove v0.3.0 GopherRepetitionFilter)",
       "dup_para_frac / dup_para_char_frac (number|off, 0.3 / 0.2): duplicate paragraphs\n"
       "dup_line_frac / dup_line_char_frac (number|off, 0.3 / 0.2): duplicate lines\n"
       "top_2_gram / top_3_gram / top_4_gram (number|off, 0.2 / 0.18 / 0.16): most common "
       "n-gram's characters\n"
       "duplicated_5_n_grams ... duplicated_10_n_grams (number|off, 0.15 ... 0.10): characters "
       "in repeated n-grams",
       CreateGopherRepetition,
       {},
       {}},
      {"c4_quality",
       "C4 line and document rules (datatrove v0.3.0 C4QualityFilter); rewrites kept "
       "texts without the dropped lines",
       "split_paragraph (bool, true): lines (true) or sentences (false)\n"
       "remove_citations (bool, true): drop [1], [edit], [citation needed]\n"
       "filter_no_terminal_punct (bool, true): drop lines without terminal punctuation (FineWeb: "
       "false)\n"
       "min_num_sentences (number|off, 5): fewest sentences in the kept lines\n"
       "min_words_per_line (number|off, 3): drop shorter lines\n"
       "max_word_length (number|off, 1000): drop lines with a longer word\n"
       "filter_lorem_ipsum, filter_javascript, filter_curly_bracket, filter_policy (bool, true)",
       CreateC4Quality,
       {},
       {}},
      {"c4_paragraph",
       "mC4 paragraph rule (datatrove C4ParagraphFilter)",
       "min_paragraphs (number|off, 3): fewest long lines\n"
       "min_paragraph_length (number, 200): characters for a line to count",
       CreateC4Paragraph,
       {},
       {}},
      {"fineweb_quality",
       "FineWeb line rules (datatrove v0.3.0 FineWebQualityFilter)",
       "line_punct_thr (number|off, 0.12): drop when the share of punctuated lines is at most "
       "this\n"
       "line_punct_exclude_zero (bool, false): let texts with no punctuated line pass that rule\n"
       "short_line_thr (number|off, 0.67): drop when the share of short lines is at least this\n"
       "short_line_length (number, 30): characters for a short line\n"
       "char_duplicates_ratio (number|off, 0.01): drop when duplicate-line characters reach this\n"
       "new_line_ratio (number|off, 0.3): drop when newlines per word exceed this",
       CreateFineWebQuality,
       {},
       {}},
      {"rules",
       "Phrase and regex rules from rules files and packs (docs/rules.md); roles default to "
       "assistant",
       "rules (list, pack:llm_isms,pack:refusals): rules files and packs; every rule must read "
       "this stage's field and roles\n"
       "phrases (text): an inline rule 'custom': phrases separated by |\n"
       "regex (text): an inline rule 'custom': an RE2 regex\n"
       "action (deny|require, deny), min_matches (number, 1): the inline rule's verdict\n"
       "case_sensitive (bool, false), word_boundaries (bool, true): for rules that do not say",
       CreateRulesFilter,
       {},
       {},
       "assistant"},
      {"fabricated_urls",
       "URLs and citations in responses (assistant turns of a chat, else the text), optionally "
       "checked against the prompt",
       "max_urls (number|off, off): most URLs in the responses\n"
       "max_citations (number|off, off): most DOIs and [n] citation markers\n"
       "check_against_prompt (bool, false): drop a response citing a URL no earlier user, system "
       "or tool turn contains\n"
       "prompt_field (path): plain text only: the prompt to check against",
       CreateFabricatedUrlsFilter,
       {},
       {}},
      {"truncation",
       "Cut-off or empty responses: no final assistant turn, no terminal punctuation, "
       "finish_reason length",
       "require_response (bool, true): a conversation must end with an assistant turn\n"
       "terminal_punctuation (bool, true): the response must end a sentence (docs/rules.md)\n"
       "check_finish_reason (bool, true): drop finish_reason length / max_tokens\n"
       "finish_reason_field (path, finish_reason): where the record keeps it",
       CreateTruncationFilter,
       {},
       {}},
      {"conversation_hygiene",
       "Blank turns, filler final exchanges (thanks / you're welcome), responses that repeat "
       "the prompt",
       "empty_turns (bool, true): drop conversations with a blank turn\n"
       "filler (bool, true): drop conversations ending in a filler-only exchange\n"
       "repeat_similarity (number|off, 0.9): drop when a response's word-set Jaccard with its "
       "prompt reaches this\n"
       "prompt_field (path): plain text only: the prompt to compare with",
       CreateConversationHygieneFilter,
       {},
       {}},
      {"length",
       "Length bounds in characters, whitespace words and model tokens (all off by default)",
       "min_chars / max_chars (number|off, off): code points\n"
       "min_words / max_words (number|off, off): whitespace-separated words\n"
       "min_tokens / max_tokens (number|off, off): model tokens (needs tokenizer)\n"
       "tokenizer (path): a tokenizer.json, a folder holding one, or a SentencePiece .model\n"
       "special_tokens (bool, false): count the tokens the tokenizer adds (BOS, CLS, ...)",
       CreateLengthFilter,
       {},
       {}},
      {"language_id",
       "Language identification (CLD2): language and language_score columns; keep some "
       "languages, drop low scores",
       "keep (list, all): languages to keep (en, fr, zh, zh-Hant, ...); zh keeps zh-Hant too\n"
       "min_score (number|off, off): drop texts whose language_score is below this\n"
       "plain_text (bool, true): false for HTML (tags skipped, entities expanded)\n"
       "hint (code): a language CLD2 should favour\n"
       "language_column / score_column (name, language / language_score): the added columns\n"
       "top3 (bool, false): add <language_column>_top3, up to 3 languages with their shares",
       CreateLanguageId,
       {},
       {}},
  };
}

std::string Canonical(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

}  // namespace

const std::vector<FilterSpec>& FilterTable() {
  static const std::vector<FilterSpec> table = [] {
    std::vector<FilterSpec> specs = BuildFilterTable();
    for (FilterSpec& spec : specs) {
      spec.step_options = std::string(kFilterStageOptions) + spec.options;
      spec.step_example = "- step: " + std::string(spec.name) + "\n  field: text";
    }
    return specs;
  }();
  return table;
}

Result<const FilterSpec*> FindFilter(std::string_view name) {
  const std::string wanted = Canonical(name);
  std::string best;
  size_t best_distance = 4;
  for (const FilterSpec& spec : FilterTable()) {
    if (wanted == spec.name) return &spec;
    size_t distance = EditDistance(wanted, spec.name);
    if (distance < best_distance) best_distance = distance, best = spec.name;
  }
  std::string message = "unknown filter '" + std::string(name) + "'";
  if (!best.empty()) message += " (did you mean '" + best + "'?)";
  message += "; `winnow filter --list` shows them all";
  return Error(Status::InvalidArgument(message));
}

Result<FilterStage> CreateFilterStage(const FilterSpec& spec, StepOptions& options) {
  auto view = GetTextView(options, "text", spec.default_roles);
  if (!view) {
    return Error(Status::InvalidArgument("filter '" + std::string(spec.name) +
                                         "': " + view.error().message()));
  }
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Filter> filter, spec.create(options));
  return FilterStage{std::move(filter), std::move(*view)};
}

namespace {

// One step-table factory per filter: the step is a FilterStep with a single stage.
template <size_t kIndex>
Result<std::unique_ptr<Step>> CreateSingleFilterStep(StepOptions& options) {
  const FilterSpec& spec = FilterTable()[kIndex];
  WINNOW_ASSIGN_OR_RETURN(FilterStage stage, CreateFilterStage(spec, options));
  FilterStepOptions step;
  step.name = spec.name;
  WINNOW_ASSIGN_OR_RETURN(step.annotate, options.GetBool("annotate", false));
  WINNOW_ASSIGN_OR_RETURN(std::string id_field, options.GetString("id_field", "id"));
  if (!id_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(id_field));
    step.id_field = std::move(path);
  }
  WINNOW_RETURN_IF_ERROR(options.Finish());
  std::vector<FilterStage> stages;
  stages.push_back(std::move(stage));
  return std::unique_ptr<Step>(new FilterStep(std::move(stages), std::move(step)));
}

constexpr Result<std::unique_ptr<Step>> (*kSingleFilterFactories[])(StepOptions&) = {
    CreateSingleFilterStep<0>, CreateSingleFilterStep<1>, CreateSingleFilterStep<2>,
    CreateSingleFilterStep<3>, CreateSingleFilterStep<4>, CreateSingleFilterStep<5>,
    CreateSingleFilterStep<6>, CreateSingleFilterStep<7>, CreateSingleFilterStep<8>,
    CreateSingleFilterStep<9>, CreateSingleFilterStep<10>};

}  // namespace

void AppendFilterSteps(std::vector<StepSpec>* steps) {
  const std::vector<FilterSpec>& table = FilterTable();
  static_assert(std::size(kSingleFilterFactories) == 11);
  WINNOW_ASSERT(table.size() == std::size(kSingleFilterFactories));
  for (size_t i = 0; i < table.size(); ++i) {
    steps->push_back({table[i].name, table[i].summary, table[i].step_options.c_str(),
                      table[i].step_example.c_str(), kSingleFilterFactories[i]});
  }
}

}  // namespace winnow
