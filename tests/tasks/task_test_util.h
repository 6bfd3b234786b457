#pragma once

// Helpers for the task steps' unit tests: build a task from options as a pipeline file gives
// them, build rows from JSON, drive a row's job with made-up answers, and read its columns.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "winnow/llm/llm_task.h"
#include "winnow/llm/output_check.h"
#include "winnow/record/record.h"
#include "winnow/tasks/task_table.h"

namespace winnow::tasks::testing {

using Options = std::map<std::string, std::string>;

// The task `type` made from `options`, or the error its factory or StepOptions::Finish gives.
inline Result<std::unique_ptr<llm::LlmTask>> MakeTask(const std::string& type,
                                                      const Options& options) {
  const TaskSpec* spec = FindTask(type);
  if (spec == nullptr) return Error(Status::NotFound("no task " + type));
  StepOptions step(type, options);
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<llm::LlmTask> task, spec->create(step, type));
  WINNOW_RETURN_IF_ERROR(step.Finish());
  return task;
}

// The message of the error making the task gives ("" when it succeeds, which the test reports).
inline std::string MakeTaskError(const std::string& type, const Options& options) {
  Result<std::unique_ptr<llm::LlmTask>> task = MakeTask(type, options);
  EXPECT_FALSE(task.has_value()) << type;
  return task.has_value() ? "" : task.error().message();
}

// Rows parsed into their own DOMs; the fixture outlives them.
class Rows {
 public:
  Record Row(std::string_view json) {
    Record record = Record::Owned(json, RecordOrigin{});
    Status parsed = record.Parse(parser_);
    EXPECT_TRUE(parsed.ok()) << parsed.message();
    return record;
  }
  llm::RowContext Context(uint64_t seed) {
    llm::RowContext context;
    context.seed = seed;
    context.parser = &parser_;
    return context;
  }

 private:
  simdjson::dom::parser parser_;
};

inline llm::LlmResult Answer(std::string text) {
  llm::LlmResult result;
  result.text = std::move(text);
  result.finish_reason = "stop";
  return result;
}

inline llm::LlmResult Failed(llm::FailureClass failure, std::string error, std::string text = "") {
  llm::LlmResult result;
  result.failure = failure;
  result.error = std::move(error);
  result.text = std::move(text);
  result.attempts = 3;
  return result;
}

// The answers the dry run would give `calls`.
inline std::vector<llm::LlmResult> ExampleAnswers(const std::vector<llm::LlmCall>& calls) {
  std::vector<llm::LlmResult> results;
  for (const llm::LlmCall& call : calls) results.push_back(Answer(call.example_answer));
  return results;
}

// Runs a call's answer through what the engine checks: its OutputConstraint, then its check.
inline Status EngineCheck(const llm::LlmCall& call, std::string_view answer) {
  llm::ConstraintChecker checker;
  Status status = checker.Check(call.request.output, answer);
  if (status.ok() && call.check) status = call.check(answer);
  return status;
}

// The JSON text of `column` in a finished step ("" when it is not there).
inline std::string Column(const llm::JobStep& step, std::string_view column) {
  for (const auto& [name, json] : step.columns) {
    if (name == column) return json;
  }
  return "";
}

inline std::vector<std::string> ColumnNames(const llm::JobStep& step) {
  std::vector<std::string> names;
  for (const auto& column : step.columns) names.push_back(column.first);
  return names;
}

// The last user message of a chat call.
inline std::string UserText(const llm::LlmCall& call) {
  for (auto it = call.request.messages.rbegin(); it != call.request.messages.rend(); ++it) {
    if (it->role == "user") return it->content;
  }
  return "";
}

inline bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace winnow::tasks::testing
