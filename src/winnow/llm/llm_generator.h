#pragma once

// LlmGenerator: an LLM step that makes new rows from the whole input rather than one row at a
// time — Self-Instruct grows a pool of instructions from seed tasks, each request's prompt
// sampled from the pool as it stands. The node (exec/generator_node) gives it every input row,
// then runs rounds: the generator says which calls to make, the node sends them all at once and
// hands back every result in order, and the generator turns them into rows (and rejected
// candidates, with reasons).
//
// Resume works by replay: rounds are deterministic given the answers, and answers come from the
// response cache, so a re-run after a kill replays the finished rounds without sending anything.

#include <string>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_backend.h"
#include "winnow/record/record.h"

namespace winnow::llm {

struct GeneratedRows {
  std::vector<std::string> rows;  // JSON objects, in order
  // Candidates the generator's filters refused: (JSON object, reason).
  std::vector<std::pair<std::string, std::string>> rejected;
  uint64_t failed_calls = 0;  // calls that failed for good in this round
};

// Not thread-safe; the node drives it from one thread.
class LlmGenerator {
 public:
  virtual ~LlmGenerator() = default;
  virtual std::vector<std::string> InputColumns() const = 0;
  virtual std::vector<std::string> Endpoints() const = 0;
  // Every input row, in order, before the first round. An error names the row's problem.
  virtual Status AddInput(const Record& row) = 0;
  // The calls of the next round; empty when the generator is done.
  virtual std::vector<LlmCall> NextRound() = 0;
  // The round's results, in the order of its calls.
  virtual GeneratedRows TakeRound(std::vector<LlmResult> results) = 0;
};

}  // namespace winnow::llm
