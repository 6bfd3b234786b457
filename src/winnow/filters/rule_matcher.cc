#include "winnow/filters/rule_matcher.h"

#include <algorithm>

namespace winnow {
namespace {

// One regex needs little; the set's DFA is shared by all patterns and grows with them (RE2 takes
// memory as states are built, up to this budget, and flushes its cache when it is full). The set
// holds the same regexes as the patterns, so it may report a pattern whose matches all fail their
// boundary checks: a candidate, never a miss.
constexpr int64_t kRegexMaxMem = int64_t{8} << 20;
constexpr int64_t kSetMaxMem = int64_t{256} << 20;

Status AddPattern(const Rule& rule, size_t rule_index, const RulePattern& source, bool allow,
                  RE2::Set* set, std::vector<RuleMatcher::Pattern>* out) {
  if (source.kind == RulePattern::Kind::kRegex) {
    // On its own first, so the error shows the regex as the user wrote it.
    RE2 alone(source.text, RuleRegexOptions(kRegexMaxMem));
    if (!alone.ok()) {
      return Status::InvalidInput(source.origin + ": rule '" + rule.name + "': invalid regex '" +
                                  source.text + "': " + alone.error());
    }
  }
  WINNOW_ASSIGN_OR_RETURN(PatternForm form,
                          MakePatternForm(source, rule.case_sensitive, rule.word_boundaries));
  auto compiled = std::make_unique<RE2>(form.regex, RuleRegexOptions(kRegexMaxMem));
  if (!compiled->ok()) {
    return Status::InvalidInput(source.origin + ": rule '" + rule.name + "': invalid regex '" +
                                source.text + "': " + compiled->error());
  }
  std::string error;
  if (set->Add(form.regex, &error) != static_cast<int>(out->size())) {
    return Status::InvalidInput(source.origin + ": rule '" + rule.name + "': invalid regex '" +
                                source.text + "': " + error);
  }
  out->push_back({rule_index, allow, source, std::move(form), std::move(compiled)});
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<RuleMatcher>> RuleMatcher::Compile(const std::vector<Rule>& rules) {
  std::unique_ptr<RuleMatcher> matcher(new RuleMatcher());
  matcher->set_ = std::make_unique<RE2::Set>(RuleRegexOptions(kSetMaxMem), RE2::UNANCHORED);
  for (size_t r = 0; r < rules.size(); ++r) {
    matcher->rule_begin_.push_back(matcher->patterns_.size());
    for (const RulePattern& pattern : rules[r].patterns) {
      WINNOW_RETURN_IF_ERROR(
          AddPattern(rules[r], r, pattern, false, matcher->set_.get(), &matcher->patterns_));
    }
    for (const RulePattern& pattern : rules[r].allow) {
      WINNOW_RETURN_IF_ERROR(
          AddPattern(rules[r], r, pattern, true, matcher->set_.get(), &matcher->patterns_));
    }
  }
  matcher->rule_begin_.push_back(matcher->patterns_.size());
  if (!matcher->set_->Compile()) {
    return Error(Status::InvalidInput(
        "the " + std::to_string(matcher->patterns_.size()) +
        " patterns are too large to match together (split the rules into several files)"));
  }
  return matcher;
}

void RuleMatcher::Candidates(std::string_view text, std::vector<int>* out) const {
  out->clear();
  if (patterns_.empty()) return;
  RE2::Set::ErrorInfo error{RE2::Set::kNoError};
  const re2::StringPiece piece(text.data(), text.size());
  if (!set_->Match(piece, out, &error) && error.kind != RE2::Set::kNoError) {
    // The set's DFA ran out of memory on this text: ask every pattern on its own (slower, same
    // answer) rather than miss matches.
    out->clear();
    for (size_t i = 0; i < patterns_.size(); ++i) {
      if (patterns_[i].regex->Match(piece, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) {
        out->push_back(static_cast<int>(i));
      }
    }
  }
  std::sort(out->begin(), out->end());
}

void RuleMatcher::Matches(size_t index, std::string_view text,
                          std::vector<std::string_view>* out) const {
  FindRuleMatches(*patterns_[index].regex, patterns_[index].form, text, out);
}

}  // namespace winnow
