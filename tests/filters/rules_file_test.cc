// Rules files: what a file says, and the errors a user sees for what it gets wrong, each with the
// file, line and column.

#include "winnow/filters/rules_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "winnow/filters/rules_filter.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<Rule> Parse(const std::string& yaml, RuleDefaults defaults = {}) {
  auto rules = ParseRules(yaml, "t.yaml", defaults, nullptr);
  EXPECT_TRUE(rules.has_value()) << (rules ? "" : rules.error().message());
  return rules ? std::move(*rules) : std::vector<Rule>{};
}

std::string ParseError(const std::string& yaml) {
  auto rules = ParseRules(yaml, "t.yaml", {}, nullptr);
  EXPECT_FALSE(rules.has_value());
  return rules ? "" : rules.error().message();
}

std::vector<std::string> Texts(const std::vector<RulePattern>& patterns) {
  std::vector<std::string> out;
  for (const RulePattern& pattern : patterns) {
    out.push_back((pattern.kind == RulePattern::Kind::kPhrase ? "p:" : "r:") + pattern.text);
  }
  return out;
}

TEST(RulesFileTest, ReadsEverySetting) {
  std::vector<Rule> rules = Parse(R"(
defaults:
  field: conversations
  roles: [gpt]
rules:
  - name: llm_isms
    description: stock phrases
    phrases: ["as an AI language model", "delv*"]
    regexes: ['regenerate\s+response']
    allow: [Bayeux Tapestry]
    allow_regexes: ['tapestry\s+weaving']
    min_matches: 2
    case_sensitive: true
    word_boundaries: false
  - name: needs_answer
    action: require
    phrases: answer
    field: messages
    roles: all
)");
  ASSERT_EQ(rules.size(), 2u);
  const Rule& first = rules[0];
  EXPECT_EQ(first.name, "llm_isms");
  EXPECT_EQ(first.action, RuleAction::kDeny);
  EXPECT_THAT(Texts(first.patterns),
              ElementsAre("p:as an AI language model", "p:delv*", "r:regenerate\\s+response"));
  EXPECT_THAT(Texts(first.allow), ElementsAre("p:Bayeux Tapestry", "r:tapestry\\s+weaving"));
  EXPECT_EQ(first.min_matches, 2);
  EXPECT_TRUE(first.case_sensitive);
  EXPECT_FALSE(first.word_boundaries);
  EXPECT_EQ(first.field, "conversations");
  EXPECT_THAT(first.roles, ElementsAre("assistant"));  // ShareGPT's gpt, normalised
  EXPECT_EQ(first.origin, "t.yaml:6:5");
  EXPECT_EQ(first.patterns[0].origin, "t.yaml:8:15");
  const Rule& second = rules[1];
  EXPECT_EQ(second.action, RuleAction::kRequire);
  EXPECT_THAT(Texts(second.patterns), ElementsAre("p:answer"));
  EXPECT_EQ(second.field, "messages");
  EXPECT_TRUE(second.roles.empty());  // all turns
  EXPECT_EQ(second.min_matches, 1);
  EXPECT_FALSE(second.case_sensitive);
  EXPECT_TRUE(second.word_boundaries);
}

TEST(RulesFileTest, CallerDefaultsApplyWhereTheFileIsSilent) {
  RuleDefaults defaults;
  defaults.field = "messages";
  defaults.roles = {"user"};
  std::vector<Rule> rules = Parse("rules:\n  - name: a\n    phrases: [x]\n", defaults);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].field, "messages");
  EXPECT_THAT(rules[0].roles, ElementsAre("user"));
  std::vector<Rule> plain = Parse("rules:\n  - name: a\n    phrases: [x]\n");
  EXPECT_EQ(plain[0].field, "text");
  EXPECT_THAT(plain[0].roles, ElementsAre("assistant"));
}

TEST(RulesFileTest, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrase: [x]\n"),
            "t.yaml:3:5: unknown key 'phrase' (did you mean 'phrases'?)");
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrases: [x]\n    min_matches: 0\n"),
            "t.yaml:4:18: min_matches must be a whole number >= 1");
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrases: [x]\n    action: block\n"),
            "t.yaml:4:13: action must be deny or require");
  EXPECT_EQ(ParseError("rules:\n  - name: has space\n    phrases: [x]\n"),
            "t.yaml:2:11: name must be 1-64 letters, digits or '_' (it names counters and "
            "columns)");
  EXPECT_EQ(ParseError("rules:\n  - phrases: [x]\n"), "t.yaml:2:5: a rule needs a name");
  EXPECT_EQ(ParseError("rules:\n  - name: a\n"), "t.yaml:2:5: rule 'a' has no phrases or regexes");
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrases: [x]\n  - name: a\n    phrases: [y]\n"),
            "t.yaml:4:5: rule 'a' is already defined at t.yaml:2:5");
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrases: [[x]]\n"),
            "t.yaml:3:15: phrases: each item must be text");
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrases: [x]\n    case_sensitive: maybe\n"),
            "t.yaml:4:21: case_sensitive must be true or false");
  EXPECT_THAT(ParseError("rules:\n  - name: a\n    phrases: [x]\n    field: 'a..b'\n"),
              StartsWith("t.yaml:4:12: field path 'a..b'"));
  EXPECT_EQ(ParseError("rule:\n  - name: a\n"),
            "t.yaml:1:1: unknown key 'rule' (did you mean 'rules'?)");
  EXPECT_EQ(ParseError("- name: a\n"),
            "t.yaml:1:1: a rules file is a mapping with 'rules' (and 'include', 'defaults')");
  EXPECT_EQ(ParseError("rules: {name: a}\n"), "t.yaml:1:8: rules must be a list of rules");
  EXPECT_EQ(ParseError("defaults:\n  roles: {a: b}\n"),
            "t.yaml:2:10: roles must be a list of text items");
  EXPECT_EQ(ParseError("defaults:\n  feild: x\n"),
            "t.yaml:2:3: defaults: unknown key 'feild' (did you mean 'field'?)");
}

TEST(RulesFileTest, YamlSyntaxErrorsCarryTheirPosition) {
  EXPECT_EQ(ParseError("rules:\n  - name: a\n    phrases: [x\n"),
            "t.yaml:4:1: end of sequence flow not found");
  EXPECT_EQ(ParseError("rules: a: b\n"), "t.yaml:1:9: illegal map value");
}

TEST(RulesFileTest, PatternErrorsNameWhereThePatternIsWritten) {
  std::vector<Rule> rules =
      Parse("rules:\n  - name: a\n    phrases: [ok]\n    regexes: ['(unclosed']\n");
  auto filter = RulesFilter::Create(std::move(rules));
  ASSERT_FALSE(filter.has_value());
  EXPECT_EQ(filter.error().message(),
            "t.yaml:4:15: rule 'a': invalid regex '(unclosed': missing ): (unclosed");
  rules = Parse("rules:\n  - name: a\n    phrases: ['  ', x]\n");
  filter = RulesFilter::Create(std::move(rules));
  ASSERT_FALSE(filter.has_value());
  EXPECT_EQ(filter.error().message(), "t.yaml:3:15: empty phrase");
  rules = Parse("rules:\n  - name: a\n    phrases: ['*']\n");
  EXPECT_FALSE(RulesFilter::Create(std::move(rules)).has_value());
}

TEST(RulesFileTest, IncludesPacksAndFilesRelativeToTheIncludingFile) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("cfg/main.yaml",
              "include: [pack:refusals, more/extra.yaml]\n"
              "defaults: {field: messages}\n"
              "rules:\n  - name: mine\n    phrases: [x]\n");
  fs->AddFile("cfg/more/extra.yaml",
              "include: pack:refusals\nrules:\n  - name: extra\n    phrases: [y]\n");
  auto rules = LoadRules(*fs, {"cfg/main.yaml", "pack:refusals"}, {});
  ASSERT_TRUE(rules.has_value()) << rules.error().message();
  std::vector<std::string> names;
  for (const Rule& rule : *rules) names.push_back(rule.name + "@" + rule.field);
  // The pack is read once although three places name it; included rules come first and take
  // the including file's defaults.
  EXPECT_THAT(names, ElementsAre("refusals@messages", "extra@messages", "mine@messages"));
}

TEST(RulesFileTest, IncludeErrors) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("a.yaml", "include: [b.yaml]\nrules:\n  - name: a\n    phrases: [x]\n");
  fs->AddFile("b.yaml", "include: [a.yaml]\n");
  fs->AddFile("c.yaml", "include: [pack:nope]\n");
  auto cycle = LoadRules(*fs, {"a.yaml"}, {});
  ASSERT_FALSE(cycle.has_value());
  EXPECT_EQ(cycle.error().message(),
            "a.yaml:1:11: b.yaml:1:11: include cycle: a.yaml -> b.yaml -> a.yaml");
  auto unknown = LoadRules(*fs, {"c.yaml"}, {});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message(),
            "c.yaml:1:11: unknown rule pack 'pack:nope' (packs: pack:llm_isms, pack:refusals)");
  auto missing = LoadRules(*fs, {"missing.yaml"}, {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error().message(), HasSubstr("missing.yaml"));
  fs->AddFile("d.yaml", "rules: []\n");
  auto none = LoadRules(*fs, {"d.yaml"}, {});
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().message(), "no rules in d.yaml");
  // Without a file system (the fuzzer, inline YAML), only packs can be included.
  EXPECT_EQ(ParseError("include: [x.yaml]\n"),
            "t.yaml:1:11: cannot include the file 'x.yaml' here (packs only)");
}

}  // namespace
}  // namespace winnow
