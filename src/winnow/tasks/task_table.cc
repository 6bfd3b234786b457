#include "winnow/tasks/task_table.h"

#include "winnow/tasks/generate_task.h"
#include "winnow/tasks/rate_task.h"
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
