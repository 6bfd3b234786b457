#pragma once

// From rules files to filter stages. A FilterStage has one view of the record, while a rules file
// may give each rule its own field and roles, so a rules file becomes one `rules` stage per
// distinct (field, roles) view, in the order the views first appear. Stages on the same view
// share their FilterDocument in FilterStep, and each stage matches all of its patterns in one
// pass.

#include <memory>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/filter_step.h"
#include "winnow/filters/rule.h"
#include "winnow/filters/rules_file.h"
#include "winnow/io/file_system.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

// One stage per view of `rules`. Fails on invalid patterns, naming where they were written.
Result<std::vector<FilterStage>> RuleStages(std::vector<Rule> rules);

// Reads `sources` ("pack:NAME" or rules file paths on `fs`, see LoadRules) and builds their
// stages. `defaults` gives the field and roles of rules that do not say.
Result<std::vector<FilterStage>> LoadRuleStages(FileSystem& fs,
                                                const std::vector<std::string>& sources,
                                                const RuleDefaults& defaults = {});
Result<std::vector<FilterStage>> LoadRuleStages(FileSystem& fs, const std::string& source,
                                                const RuleDefaults& defaults = {});

// The filter table's factory for `rules` (a single stage on the view of `field` and `roles`):
//   rules: comma-separated packs and files (default pack:llm_isms,pack:refusals unless phrases
//          or regex is given); every rule must read the stage's view
//   phrases: an inline rule "custom" with these phrases, separated by '|'
//   regex: an inline rule "custom" with this RE2 regex
//   action, min_matches: settings of the inline rule
//   case_sensitive, word_boundaries: for the inline rule and every rule that does not say
Result<std::unique_ptr<Filter>> CreateRulesFilter(StepOptions& options);

}  // namespace winnow
