#include "winnow/filters/rule_stages.h"

#include <map>

#include "winnow/filters/rules_filter.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

std::string ViewKey(const Rule& rule) {
  std::string key = rule.field;
  for (const std::string& role : rule.roles) key += '\x1f' + role;
  return key;
}

std::string DescribeRuleView(const std::string& field, const std::vector<std::string>& roles) {
  std::string out = field + " (";
  for (size_t i = 0; i < roles.size(); ++i) out += (i == 0 ? "" : ", ") + roles[i];
  return out + (roles.empty() ? "all turns)" : ")");
}

std::vector<std::string> SplitList(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(separator, begin);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(begin, end - begin);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(std::move(item));
    begin = end + 1;
  }
  return out;
}

// The rule given by the phrases/regex options, or nothing when neither is set.
Result<std::vector<Rule>> InlineRule(StepOptions& options, const RuleDefaults& defaults) {
  WINNOW_ASSIGN_OR_RETURN(std::string phrases, options.GetString("phrases", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string regex, options.GetString("regex", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string action, options.GetString("action", "deny"));
  Rule rule;
  rule.name = "custom";
  rule.origin = "options";
  rule.field = defaults.field;
  rule.roles = defaults.roles;
  WINNOW_ASSIGN_OR_RETURN(rule.min_matches, options.GetInt("min_matches", 1));
  rule.case_sensitive = defaults.case_sensitive;
  rule.word_boundaries = defaults.word_boundaries;
  if (action != "deny" && action != "require") {
    return Error(
        Status::InvalidArgument("rules: action is '" + action + "', expected deny or require"));
  }
  rule.action = action == "deny" ? RuleAction::kDeny : RuleAction::kRequire;
  if (rule.min_matches < 1) {
    return Error(Status::InvalidArgument("rules: min_matches must be at least 1"));
  }
  for (std::string& phrase : SplitList(phrases, '|')) {
    rule.patterns.push_back({RulePattern::Kind::kPhrase, std::move(phrase), "option phrases"});
  }
  if (!regex.empty()) rule.patterns.push_back({RulePattern::Kind::kRegex, regex, "option regex"});
  std::vector<Rule> rules;
  if (!rule.patterns.empty()) rules.push_back(std::move(rule));
  return rules;
}

}  // namespace

Result<std::vector<FilterStage>> RuleStages(std::vector<Rule> rules) {
  std::map<std::string, size_t> index;
  std::vector<std::vector<Rule>> groups;
  for (Rule& rule : rules) {
    auto [it, inserted] = index.emplace(ViewKey(rule), groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(std::move(rule));
  }
  std::vector<FilterStage> stages;
  for (std::vector<Rule>& group : groups) {
    TextViewOptions view_options;
    view_options.roles = group.front().roles;
    WINNOW_ASSIGN_OR_RETURN(TextView view,
                            TextView::Parse(group.front().field, std::move(view_options)));
    WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<RulesFilter> filter,
                            RulesFilter::Create(std::move(group)));
    stages.push_back(FilterStage{std::move(filter), std::move(view)});
  }
  return stages;
}

Result<std::vector<FilterStage>> LoadRuleStages(FileSystem& fs,
                                                const std::vector<std::string>& sources,
                                                const RuleDefaults& defaults) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<Rule> rules, LoadRules(fs, sources, defaults));
  return RuleStages(std::move(rules));
}

Result<std::vector<FilterStage>> LoadRuleStages(FileSystem& fs, const std::string& source,
                                                const RuleDefaults& defaults) {
  return LoadRuleStages(fs, std::vector<std::string>{source}, defaults);
}

Result<std::unique_ptr<Filter>> CreateRulesFilter(StepOptions& options) {
  // The stage's view (CreateFilterStage reads the same options): rules must read it too.
  RuleDefaults defaults;
  WINNOW_ASSIGN_OR_RETURN(defaults.field, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(std::string roles, options.GetString("roles", "assistant"));
  defaults.roles.clear();
  for (const std::string& role : SplitList(roles, ',')) {
    if (role == "all" || role == "*") {
      defaults.roles.clear();
      break;
    }
    defaults.roles.emplace_back(NormaliseRole(role));
  }
  WINNOW_ASSIGN_OR_RETURN(defaults.case_sensitive, options.GetBool("case_sensitive", false));
  WINNOW_ASSIGN_OR_RETURN(defaults.word_boundaries, options.GetBool("word_boundaries", true));
  WINNOW_ASSIGN_OR_RETURN(std::vector<Rule> rules, InlineRule(options, defaults));
  const std::string fallback = rules.empty() ? "pack:llm_isms,pack:refusals" : "";
  WINNOW_ASSIGN_OR_RETURN(std::string sources, options.GetString("rules", fallback));
  if (!SplitList(sources, ',').empty()) {
    auto fs = NewLocalFileSystem();
    WINNOW_ASSIGN_OR_RETURN(std::vector<Rule> loaded,
                            LoadRules(*fs, SplitList(sources, ','), defaults));
    for (Rule& rule : loaded) {
      if (rule.field != defaults.field || rule.roles != defaults.roles) {
        return Error(Status::InvalidArgument(
            rule.origin + ": rule '" + rule.name + "' reads " +
            DescribeRuleView(rule.field, rule.roles) + " but this rules filter reads " +
            DescribeRuleView(defaults.field, defaults.roles) +
            ": set field and roles on the filter, or split the rules into one filter per view"));
      }
      if (rule.name == "custom" && !rules.empty()) {
        return Error(
            Status::InvalidArgument(rule.origin + ": rule 'custom' clashes with the inline rule"));
      }
    }
    rules.insert(rules.end(), std::make_move_iterator(loaded.begin()),
                 std::make_move_iterator(loaded.end()));
  }
  if (rules.empty()) return Error(Status::InvalidArgument("rules: no rules given"));
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<RulesFilter> filter,
                          RulesFilter::Create(std::move(rules)));
  return std::unique_ptr<Filter>(std::move(filter));
}

}  // namespace winnow
