#include "winnow/tasks/task_table.h"

#include "winnow/tasks/embed_task.h"
#include "winnow/tasks/evol_instruct_task.h"
#include "winnow/tasks/generate_task.h"
#include "winnow/tasks/llm_classify_task.h"
#include "winnow/tasks/pairwise_judge_task.h"
#include "winnow/tasks/rate_task.h"
#include "winnow/tasks/rubric_judge_task.h"
#include "winnow/tasks/self_instruct_task.h"
#include "winnow/tasks/ultrafeedback_task.h"

namespace winnow::tasks {

const char* const kCommonTaskOptions =
    "endpoint (name): the endpoint to ask (or endpoints: [a, b] for several models)\n"
    "temperature, top_p, frequency_penalty, presence_penalty (float): sampling; unset = the "
    "server's default\n"
    "max_tokens (int, 1024): answer length cap; an answer cut off there is a failure\n"
    "stop (list): stop sequences\n"
    "json_schema (map) | json_object (bool) | choices (list) | regex (string): the answer's "
    "shape, asked in the endpoint's dialect and always checked locally\n"
    "max_reasks (int, 2): re-asks after an answer fails its checks";

const std::vector<TaskSpec>& TaskTable() {
  static const std::vector<TaskSpec> table = {
      {"generate", "Text generation from a prompt template over the row's columns",
       "prompt (template) or prompt_file (path): the user turn (required)\n"
       "system (template) or system_file (path): a system turn\n"
       "n (int, 1): generations per endpoint\n"
       "output (string, generation): the output column's name",
       "reads: the templates' variables; writes: <output>, <output>_model (one endpoint, n=1) or "
       "<output>s, <output>_models (lists)",
       "- step: generate\n  endpoint: small\n  system: You are concise.\n  prompt: |\n"
       "    Summarise in one sentence:\n    {{ text }}",
       CreateGenerateTask},
      {"ultrafeedback",
       "UltraFeedback judging: all completions of a prompt rated together, shuffled and mapped "
       "back, per aspect or overall; strict parsing, re-asks, no missing rating becomes a zero",
       "instruction (column, instruction), generations (column, generations), models (column, "
       "generation_models): the prompt, its completions and who wrote them\n"
       "aspects (list, overall): overall (1-10 with a critique) or any of instruction_following, "
       "honesty, truthfulness, helpfulness (1-5 each), or all\n"
       "world_knowledge (column): reference facts for truthfulness and helpfulness\n"
       "shuffle (bool, true): show completions in a seeded random order, map ratings back\n"
       "temperature defaults to 0",
       "reads: instruction, generations[, generation_models]; writes: ratings, rationales, "
       "completions [{response, model, rating, rationale}], and "
       "ratings_/rationales_/types_<aspect>",
       "- step: ultrafeedback\n  endpoint: judge\n  aspects: overall", CreateUltraFeedbackTask},
      {"rate",
       "A judge rates one response from min to max with a rationale (JSON answer, schema-checked, "
       "range-checked, re-asked when wrong)",
       "instruction (column, instruction), response (column, response): what is rated\n"
       "min (int, 1), max (int, 10): the scale\n"
       "criteria (string): what a good response does (added to the prompt)\n"
       "output (string, rating): the rating column; the rationale goes to <output>_rationale\n"
       "temperature defaults to 0",
       "reads: instruction, response; writes: rating, rating_rationale",
       "- step: rate\n  endpoint: judge\n  response: output\n  max: 10", CreateRateTask},
      {"self_instruct",
       "Self-Instruct: grow new instructions from seed tasks with the original prompt and filters "
       "(ROUGE-L <= 0.7 against the pool, 4-150 words, blocklist); refused ones go to the reject "
       "file with the reason",
       "instruction (column, instruction): the seed instructions (the input rows)\n"
       "target (int, 100): new instructions to make\n"
       "requests_per_round (int, 8): prompts sent together; the pool grows between rounds\n"
       "max_rounds (int, 10 + 4 target / requests_per_round): a bound when the filters refuse "
       "most\n"
       "max_similarity (float, 0.7), min_words (4), max_words (150), blocklist (list): the "
       "filters\n"
       "api (chat|completion, chat): how the numbered-list prompt is sent\n"
       "sampling defaults: the original's temperature 0.7, top_p 0.5, presence_penalty 2 and stop "
       "sequences before a 16th item",
       "reads: instruction (all rows first); writes new rows: instruction, source, round",
       "- step: self_instruct\n  endpoint: gen\n  target: 200", nullptr,
       CreateSelfInstructGenerator},
      {"pairwise_judge",
       "MT-Bench pairwise judging: which of two answers is better, asked in both orders so that a "
       "preference that follows the position becomes a tie, never a win",
       "question (column, instruction), answer_a (column, response_a), answer_b (column, "
       "response_b): what is compared\n"
       "reference (column): a reference answer (MT-Bench's pair-math-v1 prompt)\n"
       "both_orders (bool, true): ask again with the answers swapped and combine the verdicts\n"
       "temperature defaults to 0",
       "reads: instruction, response_a, response_b[, reference]; writes: winner (a, b or tie), "
       "verdict_ab, verdict_ba and judge_consistent (both orders)",
       "- step: pairwise_judge\n  endpoint: judge\n  answer_a: chosen_text\n"
       "  answer_b: rejected_text",
       CreatePairwiseJudgeTask},
      {"rubric_judge",
       "Prometheus absolute grading: feedback and a score from min to max against a rubric with "
       "one description per score, optionally with a reference answer",
       "instruction (column, instruction), response (column, response): what is graded\n"
       "reference (column): a reference answer that earns the top score\n"
       "rubric (string): the criteria; score_descriptions (list): one per score from min to max; "
       "both unset: prometheus-eval's helpfulness rubric (1-5)\n"
       "min (int, 1), max (int, 5): the scale\n"
       "temperature defaults to 0",
       "reads: instruction, response[, reference]; writes: score, feedback",
       "- step: rubric_judge\n  endpoint: judge\n  rubric: Is the answer correct?\n"
       "  score_descriptions: [Wrong., Mostly wrong., Partly right., Mostly right., Right.]",
       CreateRubricJudgeTask},
      {"llm_classify",
       "Zero-shot classification into the user's labels with a rationale (JSON answer whose schema "
       "enumerates the labels; an unknown label is re-asked)",
       "text (template) or text_file (path): the text to classify, over the row; or\n"
       "field (column, text): the column holding it\n"
       "labels (list): the labels (required)\n"
       "descriptions (map): label: what it means, for some or all labels\n"
       "multi_label (bool, false): any number of labels, none included\n"
       "output (string, label): the output column's name\n"
       "temperature defaults to 0",
       "reads: text (or the template's variables); writes: label (or labels with multi_label), "
       "label_rationale",
       "- step: llm_classify\n  endpoint: judge\n  labels: [question, request, other]\n"
       "  descriptions: {request: asks for something to be done}",
       CreateLlmClassifyTask},
      {"evol_instruct",
       "WizardLM Evol-Instruct: rounds of in-depth and in-breadth rewrites of an instruction, "
       "each checked by the paper's elimination rules; a failed evolution keeps the previous "
       "instruction",
       "instruction (column, instruction): the instruction to evolve\n"
       "rounds (int, 4): evolutions per row, one after another\n"
       "mutations (list, all six): add_constraints, deepen, concretize, increase_reasoning, "
       "complicate_input, breadth; each round draws one (seeded)\n"
       "answer (bool, true): ask the endpoint to answer each evolved instruction (the response "
       "rules need it)\n"
       "equality_check (bool, false): ask the endpoint whether the evolved instruction equals the "
       "previous one (the paper's rule 1)",
       "reads: instruction; writes: evolved_instruction, evolved_response (with answer; null when "
       "no evolution survived), evolution [{round, mutation, instruction, response, eliminated}], "
       "evolution_survived",
       "- step: evol_instruct\n  endpoint: small\n  rounds: 4", CreateEvolInstructTask},
      {"embed",
       "One embedding per row from an OpenAI-compatible /v1/embeddings endpoint, with the "
       "engine's replicas, rate limits, retries, cache and resume",
       "endpoint (name): the embedding model's endpoint; exactly one (of the common options, "
       "embed takes only this)\n"
       "text (template) or text_file (path): the text to embed, over the row; or\n"
       "field (column, text): the column holding it\n"
       "output (string, embedding): the output column's name\n"
       "normalize (bool, false): scale each vector to unit length (cosine = dot product)",
       "reads: text (or the template's variables); writes: embedding (a list of numbers), "
       "embedding_model",
       "- step: embed\n  endpoint: embedder\n  field: instruction\n  normalize: true",
       CreateEmbedTask},
  };
  return table;
}

const TaskSpec* FindTask(std::string_view name) {
  for (const TaskSpec& spec : TaskTable()) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

}  // namespace winnow::tasks
