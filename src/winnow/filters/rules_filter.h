#pragma once

// rules: phrase and regex rules (rules files, the built-in packs, or inline options) on one text
// view. Each rule counts its matches in the text, leaving out matches that overlap one of its
// allow patterns; a deny rule drops the text at min_matches matches or more, a require rule below
// min_matches. Rules are checked in order and the first that drops names the reason:
//   llm_isms: phrase "as an AI language model" (2 matches) in assistant turns
// Every rule measures "<rule>_matches" (the column rules_<rule>_matches with --annotate).
// Rules that read different views (field, roles) belong to different stages: see rule_stages.h.

#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/filter.h"
#include "winnow/filters/rule.h"
#include "winnow/filters/rule_matcher.h"
#include "winnow/record/field_path.h"

namespace winnow {

class RulesFilter : public Filter {
 public:
  // Compiles `rules`, which must all read the same field and roles (the stage's view: reasons
  // name it). Fails on invalid patterns (see RuleMatcher::Compile).
  static Result<std::unique_ptr<RulesFilter>> Create(std::vector<Rule> rules);

  std::string_view name() const override { return "rules"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

  const std::vector<Rule>& rules() const { return rules_; }

 private:
  struct PatternCount {
    size_t pattern;
    int64_t count;
  };

  RulesFilter() = default;
  // Counts rule `rule`'s matches among the candidate patterns hits[*next...]; advances *next.
  int64_t CountRule(size_t rule, const std::vector<int>& hits, size_t* next, FilterDocument& doc,
                    std::vector<PatternCount>* counts) const;
  std::string Explain(size_t rule, std::vector<PatternCount>& counts, int64_t total,
                      const FilterDocument& doc) const;
  // "assistant turns", "messages", "text": where the text came from, for reasons.
  std::string DescribeView(const FilterDocument& doc) const;

  std::vector<Rule> rules_;
  // "<rule>_matches" for each rule; FilterResult keeps views of these names, so they are built
  // once and never change.
  std::vector<std::string> measures_;
  std::unique_ptr<RuleMatcher> matcher_;
  FieldPath field_;
};

}  // namespace winnow
