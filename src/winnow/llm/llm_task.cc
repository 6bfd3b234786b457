#include "winnow/llm/llm_task.h"

#include <fmt/format.h>

namespace winnow::llm {

RowFailure FailureFromResult(std::string_view what, const LlmResult& result) {
  RowFailure failure;
  failure.reason = fmt::format("{}: {}: {}", what, FailureClassName(result.failure), result.error);
  failure.failure = result.failure;
  failure.http_status = result.http_status;
  failure.attempts = result.attempts;
  failure.raw_text = result.text;
  return failure;
}

}  // namespace winnow::llm
