#pragma once

// LlmTask: a pipeline step that asks LLMs about each row (generate, judge, classify, evolve).
// The step machinery (exec/llm_node) owns the loop: it admits rows, journals outcomes, resumes,
// keeps order and sends calls to a backend; a task only says, per row, which calls to make and
// what columns their answers become. A row's job may take several rounds (Evol-Instruct asks
// again with the evolved prompt), and calls in one round go out together.

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_backend.h"
#include "winnow/record/record.h"

namespace winnow::llm {

// Why a row failed, kept in the failure file and the journal.
struct RowFailure {
  std::string reason;  // one line: "judge: invalid_output: rating 7 is out of 1-5 (3 attempts)"
  FailureClass failure = FailureClass::kInvalidOutput;
  long http_status = 0;
  int attempts = 0;
  std::string raw_text;  // the model's last answer, when one arrived
};

// What a job wants next: calls to send (their results come back to Continue, in order), or, when
// `calls` is empty, the end: columns to set (name, JSON value) or a failure.
struct JobStep {
  std::vector<LlmCall> calls;
  std::vector<std::pair<std::string, std::string>> columns;
  std::optional<RowFailure> failure;

  static JobStep Send(std::vector<LlmCall> calls) {
    JobStep step;
    step.calls = std::move(calls);
    return step;
  }
  static JobStep Done(std::vector<std::pair<std::string, std::string>> columns) {
    JobStep step;
    step.columns = std::move(columns);
    return step;
  }
  static JobStep Fail(RowFailure failure) {
    JobStep step;
    step.failure = std::move(failure);
    return step;
  }
};

// One row's work. Not thread-safe; the node drives it from one thread.
class RowJob {
 public:
  virtual ~RowJob() = default;
  virtual JobStep Begin() = 0;
  // `results` answer the calls of the previous step, in order.
  virtual JobStep Continue(std::vector<LlmResult> results) = 0;
};

struct RowContext {
  uint64_t seed = 0;  // derived from the pipeline seed, the step and the row: stable across runs
  simdjson::dom::parser* parser = nullptr;  // scratch for reading the row's values
};

// Immutable after creation; StartRow may run on any thread.
class LlmTask {
 public:
  virtual ~LlmTask() = default;
  // Columns every row must have (checked on the first rows before any request is sent).
  virtual std::vector<std::string> InputColumns() const = 0;
  // Columns the task adds.
  virtual std::vector<std::string> OutputColumns() const = 0;
  // Endpoint names the task calls (checked against the pipeline's endpoints).
  virtual std::vector<std::string> Endpoints() const = 0;
  // The job for one row. An error (a column missing from this row, a template that fails on its
  // values) fails the row with that message; the run goes on.
  virtual Result<std::unique_ptr<RowJob>> StartRow(const Record& row,
                                                   const RowContext& context) const = 0;
};

// The failure a call's result gives its row: "<what>: <class>: <error>".
RowFailure FailureFromResult(std::string_view what, const LlmResult& result);

}  // namespace winnow::llm
