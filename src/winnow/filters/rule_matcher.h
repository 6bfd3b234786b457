#pragma once

// RuleMatcher: the compiled patterns of a group of rules. One pass of an RE2::Set over a text says
// which patterns occur in it; only those are then run on their own to locate and count matches,
// so a clean text costs one DFA scan however many patterns there are. Immutable and thread-safe
// (RE2 objects are); shared by all workers.

#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/rule.h"
#include "winnow/filters/rule_pattern.h"

namespace winnow {

class RuleMatcher {
 public:
  struct Pattern {
    size_t rule = 0;     // index into the rules it was compiled from
    bool allow = false;  // an allow exception, not a counted pattern
    RulePattern source;  // as written
    PatternForm form;    // the regex and the checks around its matches
    std::unique_ptr<RE2> regex;
  };

  // Compiles every pattern and allow pattern of `rules`, numbered rule by rule (a rule's patterns,
  // then its allow patterns). Fails, naming where the pattern was written, on an invalid regex, an
  // empty phrase, or more patterns than RE2 can compile together.
  static Result<std::unique_ptr<RuleMatcher>> Compile(const std::vector<Rule>& rules);

  size_t size() const { return patterns_.size(); }
  const Pattern& pattern(size_t index) const { return patterns_[index]; }
  // Patterns [begin, end) belong to rule `rule` (its counted ones first, then its allow ones).
  size_t rule_begin(size_t rule) const { return rule_begin_[rule]; }
  size_t rule_end(size_t rule) const { return rule_begin_[rule + 1]; }

  // The indices, ascending, of the patterns that match somewhere in `text`.
  void Candidates(std::string_view text, std::vector<int>* out) const;

  // Appends the non-overlapping matches of pattern `index` in `text`, left to right.
  void Matches(size_t index, std::string_view text, std::vector<std::string_view>* out) const;

 private:
  RuleMatcher() = default;

  std::vector<Pattern> patterns_;
  std::vector<size_t> rule_begin_;  // one per rule, plus the end
  std::unique_ptr<RE2::Set> set_;
};

}  // namespace winnow
