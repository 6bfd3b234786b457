#pragma once

// Scripted answers for the test LLM server: rules matched against a request's model and last
// user message (or prompt), first match wins, set from C++ or from a JSON file.

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llm/llm_request_info.h"
#include "winnow/common/status.h"

namespace winnow::testutil {

// A rule matches when every condition it sets holds.
struct LlmScriptRule {
  std::string model;     // the request's model, exactly; empty: any model
  std::string contains;  // a substring of the last user message or prompt; empty: any
  std::string regex;     // RE2, found anywhere in the last user message or prompt; empty: any
  // The answer; with several, the answer variant picks one, so different seeds (or the n answers
  // of one request) get different replies. Must not be empty.
  std::vector<std::string> replies;
};

// Thread-safety: immutable after creation; Match may be called from any number of threads.
class LlmScript {
 public:
  // Checks the rules: each has at least one reply and a regex that compiles. Errors name the
  // rule: "script rule 2: regex \"(\": missing ): ...".
  static Result<LlmScript> Create(std::vector<LlmScriptRule> rules);
  // Parses a JSON script: an array of rules (or {"rules": [..]}), each an object with optional
  // "model", "contains", "regex" and either "reply": text or "replies": [texts]. Unknown keys are
  // errors, so a typo does not silently match everything.
  static Result<LlmScript> Parse(std::string_view json);

  // The reply of the first matching rule, or nullopt when none matches.
  std::optional<std::string> Match(const RequestInfo& info, uint64_t variant) const;

  size_t size() const { return rules_.size(); }

 private:
  std::vector<LlmScriptRule> rules_;
  std::vector<std::unique_ptr<re2::RE2>> regexes_;  // parallel to rules_; null: no regex
};

}  // namespace winnow::testutil
