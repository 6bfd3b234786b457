#pragma once

// Checking an answer against its OutputConstraint, locally, whatever the server promised: a JSON
// Schema (the common draft 2020-12 keywords), any JSON object, a regex over the whole answer, or
// one of a list of choices.

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/llm/json_schema.h"
#include "winnow/llm/llm_request.h"

namespace re2 {
class RE2;
}

namespace winnow::llm {

// The JSON inside an answer: surrounding whitespace and one Markdown code fence (```json ... ```)
// removed, as models asked through the prompt often add them. Other text is left for the JSON
// check to reject.
std::string_view StripJsonFence(std::string_view answer);

// Compiles each schema and regex once and reuses it. Thread-safety: none; one per thread.
class ConstraintChecker {
 public:
  ConstraintChecker();
  ~ConstraintChecker();
  // OK, or InvalidInput saying what is wrong with the answer ("/rating: 7 is greater than the
  // maximum 5"); InvalidArgument when the constraint itself is bad (an uncompilable schema).
  Status Check(const OutputConstraint& output, std::string_view answer);

 private:
  Result<const JsonSchema*> Schema(const std::string& schema_json);
  Result<const re2::RE2*> Regex(const std::string& pattern);
  std::map<std::string, std::unique_ptr<JsonSchema>, std::less<>> schemas_;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> regexes_;
};

}  // namespace winnow::llm
