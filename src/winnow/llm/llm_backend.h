#pragma once

// LlmBackend: where LLM steps send their calls. The engine (llm_engine.h) sends them to servers;
// a dry run answers them with examples and counts what would have been sent.

#include <functional>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::llm {

// A task's own check of an answer (a strict score parser, say): OK, or InvalidInput saying what
// is wrong, which is shown to the model when it is re-asked.
using AnswerCheck = std::function<Status(std::string_view answer)>;

struct LlmCall {
  std::string endpoint;  // an EndpointOptions::name
  LlmRequest request;
  AnswerCheck check;   // may be empty; runs after the OutputConstraint check
  int max_reasks = 2;  // extra requests after answers that fail a check
  // An answer that passes the checks, for dry runs and previews (a well-formed judge reply);
  // empty: the dry run makes one from the OutputConstraint or a placeholder.
  std::string example_answer;
};

// Runs exactly once per call, on the backend's thread or the submitting one. Must be quick
// (hand the result to a queue).
using CallDone = std::function<void(LlmResult result)>;

class LlmBackend {
 public:
  virtual ~LlmBackend() = default;
  // Thread-safe.
  virtual void Submit(LlmCall call, CallDone done) = 0;
};

}  // namespace winnow::llm
