#pragma once

// The LLM task table: every task a pipeline step can name, with its options and columns — the
// LLM counterpart of the step table (pipeline/step_registry.h), listed by `winnow steps`.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_generator.h"
#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step_options.h"

namespace winnow::tasks {

struct TaskSpec {
  const char* name;
  const char* summary;
  const char* options;  // one line per option: "name (type, default): meaning"
  const char* columns;  // what it reads and writes
  const char* example;  // a pipeline-file snippet
  // Row tasks set `create`; generators (new rows from the whole input) set `create_generator`.
  Result<std::unique_ptr<llm::LlmTask>> (*create)(StepOptions& options,
                                                  const std::string& step_name);
  Result<std::unique_ptr<llm::LlmGenerator>> (*create_generator)(StepOptions& options,
                                                                 uint64_t seed) = nullptr;
};

const std::vector<TaskSpec>& TaskTable();
const TaskSpec* FindTask(std::string_view name);

// Options every task takes (endpoint, sampling, output constraint), for help and docs.
extern const char* const kCommonTaskOptions;

}  // namespace winnow::tasks
