#include "winnow/filters/rules_filter.h"

#include <algorithm>

#include "winnow/record/text_view.h"

namespace winnow {
namespace {

constexpr size_t kPatternsInReason = 3;

bool Overlaps(std::string_view a, std::string_view b) {
  return a.data() < b.data() + b.size() && b.data() < a.data() + a.size();
}

std::string MatchCount(int64_t count) {
  return std::to_string(count) + (count == 1 ? " match" : " matches");
}

std::string PatternName(const RulePattern& pattern) {
  return std::string(pattern.kind == RulePattern::Kind::kPhrase ? "phrase \"" : "regex \"") +
         pattern.text + "\"";
}

}  // namespace

Result<std::unique_ptr<RulesFilter>> RulesFilter::Create(std::vector<Rule> rules) {
  std::unique_ptr<RulesFilter> filter(new RulesFilter());
  WINNOW_ASSIGN_OR_RETURN(filter->matcher_, RuleMatcher::Compile(rules));
  if (!rules.empty()) {
    WINNOW_ASSIGN_OR_RETURN(filter->field_, FieldPath::Parse(rules.front().field));
  }
  filter->rules_ = std::move(rules);
  filter->measures_.reserve(filter->rules_.size());
  for (const Rule& rule : filter->rules_) filter->measures_.push_back(rule.name + "_matches");
  return filter;
}

void RulesFilter::Check(FilterDocument& doc, FilterResult* result) const {
  if (doc.blank() && result->Fail("empty", "no text")) return;
  std::vector<int> hits;
  matcher_->Candidates(doc.text(), &hits);
  std::vector<PatternCount> counts;
  size_t next = 0;
  for (size_t r = 0; r < rules_.size(); ++r) {
    const Rule& rule = rules_[r];
    counts.clear();
    const int64_t total = CountRule(r, hits, &next, doc, &counts);
    result->Measure(measures_[r], static_cast<double>(total));
    const bool drops =
        rule.action == RuleAction::kDeny ? total >= rule.min_matches : total < rule.min_matches;
    if (drops && result->Fail(rule.name, Explain(r, counts, total, doc))) return;
  }
}

int64_t RulesFilter::CountRule(size_t rule, const std::vector<int>& hits, size_t* next,
                               FilterDocument& doc, std::vector<PatternCount>* counts) const {
  const size_t first = *next;
  while (*next < hits.size() && static_cast<size_t>(hits[*next]) < matcher_->rule_end(rule)) {
    ++*next;
  }
  if (first == *next) return 0;
  // Allow exceptions first: the counted matches are checked against them.
  std::vector<std::string_view>& allowed = doc.scratch_words();
  allowed.clear();
  for (size_t h = first; h < *next; ++h) {
    if (matcher_->pattern(hits[h]).allow) matcher_->Matches(hits[h], doc.text(), &allowed);
  }
  std::vector<std::string_view>& spans = doc.scratch_pieces();
  int64_t total = 0;
  for (size_t h = first; h < *next; ++h) {
    if (matcher_->pattern(hits[h]).allow) continue;
    spans.clear();
    matcher_->Matches(hits[h], doc.text(), &spans);
    int64_t count = 0;
    for (std::string_view span : spans) {
      bool excepted = false;
      for (std::string_view allow : allowed) excepted = excepted || Overlaps(span, allow);
      if (!excepted) ++count;
    }
    if (count > 0) counts->push_back({static_cast<size_t>(hits[h]), count});
    total += count;
  }
  return total;
}

std::string RulesFilter::Explain(size_t rule, std::vector<PatternCount>& counts, int64_t total,
                                 const FilterDocument& doc) const {
  const Rule& r = rules_[rule];
  std::string out;
  if (r.action == RuleAction::kRequire && total == 0) {
    out = "no match for ";
    size_t listed = 0;
    for (const RulePattern& pattern : r.patterns) {
      if (listed == kPatternsInReason) break;
      out += (listed++ == 0 ? "" : ", ") + PatternName(pattern);
    }
    if (r.patterns.size() > listed) {
      out += " or " + std::to_string(r.patterns.size() - listed) + " more patterns";
    }
    return out + " in " + DescribeView(doc);
  }
  if (r.action == RuleAction::kRequire) {
    out = MatchCount(total) + ", fewer than " + std::to_string(r.min_matches) + ": ";
  } else if (r.min_matches > 1) {
    out = MatchCount(total) + " >= " + std::to_string(r.min_matches) + ": ";
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const PatternCount& a, const PatternCount& b) { return a.count > b.count; });
  for (size_t i = 0; i < counts.size() && i < kPatternsInReason; ++i) {
    out += (i == 0 ? "" : ", ") + PatternName(matcher_->pattern(counts[i].pattern).source) + " (" +
           MatchCount(counts[i].count) + ")";
  }
  if (counts.size() > kPatternsInReason) {
    out += " and " + std::to_string(counts.size() - kPatternsInReason) + " more patterns";
  }
  return out + " in " + DescribeView(doc);
}

std::string RulesFilter::DescribeView(const FilterDocument& doc) const {
  const std::vector<std::string>& roles = rules_.front().roles;
  simdjson::dom::element value;
  const bool messages = doc.record() != nullptr && !field_.has_wildcard() &&
                        field_.Get(*doc.record()).get(value) == simdjson::SUCCESS &&
                        IsMessageList(value);
  if (!messages || roles.empty()) return field_.text();
  std::string out;
  for (size_t i = 0; i < roles.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == roles.size() ? " and " : ", ") + roles[i];
  }
  return out + " turns";
}

}  // namespace winnow
