#pragma once

// DryRunBackend: answers every call at once without sending anything — with the call's
// example_answer, an example JSON instance of its schema, its first choice, or a placeholder —
// and counts what a real run would send, for `winnow run --dry-run` and the preflight check that
// runs the first rows through every step before any request goes out.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "winnow/llm/llm_backend.h"

namespace winnow::llm {

struct DryRunTally {
  uint64_t calls = 0;
  uint64_t prompt_bytes = 0;  // of the messages / prompts
  int64_t max_tokens = 0;     // summed: the most the answers could cost
};

class DryRunBackend final : public LlmBackend {
 public:
  // Keeps the first `keep_requests` requests per endpoint for display. `models` maps endpoint
  // names to the model each serves, so previews show the model a real run would name.
  explicit DryRunBackend(size_t keep_requests = 1, std::map<std::string, std::string> models = {})
      : keep_requests_(keep_requests), models_(std::move(models)) {}

  void Submit(LlmCall call, CallDone done) override;

  // Per endpoint name.
  std::map<std::string, DryRunTally> Tally() const;
  std::map<std::string, std::vector<LlmRequest>> Examples() const;

 private:
  size_t keep_requests_;
  std::map<std::string, std::string> models_;
  mutable std::mutex mutex_;
  std::map<std::string, DryRunTally> tally_;
  std::map<std::string, std::vector<LlmRequest>> examples_;
};

// The answer a dry run gives `call`.
std::string ExampleAnswer(const LlmCall& call);

}  // namespace winnow::llm
