// Rules through FilterStep on records: one stage per (field, roles) view, per-role application on
// chat records (OpenAI and ShareGPT), reasons naming the turns, annotation columns, and the
// filter-table / step-table entry with its options.

#include "winnow/filters/rule_stages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "filters/filter_test_util.h"
#include "filters/record_test_util.h"
#include "winnow/filters/rules_filter.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kRulesFile = R"(
defaults:
  field: messages
rules:
  - name: llm_isms
    phrases: ["as an AI language model"]
  - name: secrets
    roles: [user]
    phrases: [password]
  - name: greeting
    field: text
    action: require
    phrases: [hello]
  - name: refusal
    phrases: ["I cannot assist"]
)";

std::vector<FilterStage> Stages(const std::string& yaml) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("rules.yaml", yaml);
  auto stages = LoadRuleStages(*fs, "rules.yaml");
  EXPECT_TRUE(stages.has_value()) << (stages ? "" : stages.error().message());
  return stages ? std::move(*stages) : std::vector<FilterStage>{};
}

std::string Chat(const std::string& user, const std::string& assistant,
                 const std::string& extra = "") {
  return R"({"messages":[{"role":"user","content":")" + user +
         R"("},{"role":"assistant","content":")" + assistant + R"("}])" + extra + "}";
}

TEST(RuleStagesTest, OneStagePerViewInOrderOfFirstAppearance) {
  std::vector<FilterStage> stages = Stages(kRulesFile);
  ASSERT_EQ(stages.size(), 3u);
  EXPECT_EQ(stages[0].view.path().text(), "messages");
  EXPECT_THAT(stages[0].view.options().roles, ElementsAre("assistant"));
  EXPECT_THAT(stages[1].view.options().roles, ElementsAre("user"));
  EXPECT_EQ(stages[2].view.path().text(), "text");
  auto* first = dynamic_cast<RulesFilter*>(stages[0].filter.get());
  ASSERT_NE(first, nullptr);
  ASSERT_EQ(first->rules().size(), 2u);
  EXPECT_EQ(first->rules()[1].name, "refusal");
}

TEST(RuleStagesTest, RulesApplyToTheirRolesOnly) {
  const std::string hello = R"(,"text":"hello")";
  testing::StepRun run = testing::RunFilterStep(
      Stages(kRulesFile),
      {
          Chat("Are you as an AI language model?", "No, I am a person.", hello),  // kept
          Chat("Hi", "As an AI language model, I cannot. As an AI language model!", hello),
          Chat("my password is hunter2", "Noted.", hello),
          Chat("What is a password?", "A secret; as an AI language model I know.", hello),
          Chat("Hi", "Hi there.", R"(,"text":"goodbye")"),
          R"({"conversations":[{"from":"human","value":"Hi"},)"
          R"({"from":"gpt","value":"I cannot assist with that."}],"text":"hello"})",
      });
  EXPECT_EQ(run.kept.size(), 1u);
  EXPECT_THAT(
      run.reasons,
      ElementsAre(
          "rules: llm_isms: phrase \"as an AI language model\" (2 matches) in assistant turns",
          "rules: secrets: phrase \"password\" (1 match) in user turns",
          // Stages run in order: the assistant stage decides before the user stage.
          "rules: llm_isms: phrase \"as an AI language model\" (1 match) in assistant turns",
          "rules: greeting: no match for phrase \"hello\" in text",
          // The ShareGPT record has no "messages": an empty view, dropped as every filter does.
          "rules: empty: no text"));
}

TEST(RuleStagesTest, ShareGptRolesAreNormalised) {
  testing::StepRun run =
      testing::RunFilterStep(Stages("defaults: {field: conversations}\nrules:\n  - name: refusal\n"
                                    "    phrases: [\"I cannot assist\"]\n"),
                             {R"({"conversations":[{"from":"human","value":"I cannot assist you"},)"
                              R"({"from":"gpt","value":"Sure."}]})",
                              R"({"conversations":[{"from":"human","value":"Help"},)"
                              R"({"from":"gpt","value":"I cannot assist with that."}]})"});
  EXPECT_EQ(run.kept.size(), 1u);
  EXPECT_THAT(run.reasons,
              ElementsAre("rules: refusal: phrase \"I cannot assist\" (1 match) in assistant "
                          "turns"));
}

TEST(RuleStagesTest, AnnotateAddsAMatchesColumnPerRule) {
  FilterStepOptions options;
  options.annotate = true;
  testing::StepRun run = testing::RunFilterStep(
      Stages(kRulesFile), {Chat("password?", "As an AI language model...", R"(,"text":"hello")")},
      options);
  ASSERT_EQ(run.kept.size(), 1u);
  EXPECT_THAT(run.kept[0], HasSubstr(R"("rules_llm_isms_matches":1,"rules_refusal_matches":0,)"
                                     R"("rules_secrets_matches":1,"rules_greeting_matches":1,)"));
  EXPECT_THAT(run.kept[0], HasSubstr(R"("filter_reason":"rules: llm_isms: phrase)"));
}

TEST(RuleStagesTest, PlainTextIsCheckedWhole) {
  // Rules default to assistant turns; a plain string has no turns and is read whole.
  auto fs = NewMemoryFileSystem();
  auto stages = LoadRuleStages(*fs, "pack:refusals");
  ASSERT_TRUE(stages.has_value()) << stages.error().message();
  testing::StepRun run = testing::RunFilterStep(
      std::move(*stages), {R"({"text":"I'm sorry, but I can't help with that."})",
                           R"({"text":"The sorry state of affairs."})"});
  EXPECT_EQ(run.kept.size(), 1u);
  // Equal counts keep the pack's order.
  EXPECT_THAT(run.reasons, ElementsAre("rules: refusals: phrase \"I can't help with\" (1 match), "
                                       "phrase \"I'm sorry, but\" (1 match) in text"));
}

TEST(RuleStagesTest, FilterTableEntryUsesThePacksAndAssistantTurnsByDefault) {
  auto step = CreateStep("rules", StepOptions("rules", {{"field", "messages"}}));
  ASSERT_TRUE(step.has_value()) << step.error().message();
  auto* filter_step = dynamic_cast<FilterStep*>(step->get());
  ASSERT_NE(filter_step, nullptr);
  ASSERT_TRUE(filter_step->Open(1).ok());
  simdjson::dom::parser parser;
  Batch batch;
  for (const std::string& json :
       {Chat("As an AI language model, answer.", "Paris is the capital of France."),
        Chat("Capital of France?", "Certainly! It is Paris."),
        Chat("Capital of France?", "I'm sorry, but I cannot provide that.")}) {
    batch.records.push_back(Record::Owned(json, RecordOrigin{}));
  }
  StepContext ctx{0, 1, &parser, &filter_step->counters(), nullptr};
  ASSERT_TRUE(filter_step->Process(batch, ctx).ok());
  EXPECT_EQ(batch.records.size(), 1u);
  ASSERT_EQ(batch.rejects.size(), 2u);
  EXPECT_EQ(batch.rejects[0].reason,
            "rules: llm_isms: phrase \"certainly!\" (1 match) in assistant turns");
  EXPECT_EQ(batch.rejects[1].reason,
            "rules: refusals: phrase \"I'm sorry, but\" (1 match), phrase \"I cannot provide\" "
            "(1 match) in assistant turns");
  EXPECT_EQ(filter_step->counters().Get("dropped.rules.refusals"), 1u);
}

TEST(RuleStagesTest, InlineRulesFromOptions) {
  auto filter = testing::MakeFilter(
      "rules", {{"phrases", "I'm sorry, but | delve"}, {"min_matches", "2"}, {"roles", "all"}});
  ASSERT_NE(filter, nullptr);
  EXPECT_EQ(testing::Verdict(*filter, "I'm sorry, but we delve."), "custom");
  EXPECT_EQ(testing::Verdict(*filter, "We delve."), "kept");
  // Without phrases or regex, the packs are the rules; with them, only the inline rule.
  EXPECT_EQ(testing::Verdict(*filter, "As an AI language model, hi."), "kept");
  auto regex = testing::MakeFilter(
      "rules", {{"regex", "\\bTODO\\b"}, {"action", "require"}, {"case_sensitive", "true"}});
  ASSERT_NE(regex, nullptr);
  EXPECT_EQ(testing::Verdict(*regex, "todo: write"), "custom");
  EXPECT_EQ(testing::Verdict(*regex, "TODO: write"), "kept");
}

TEST(RuleStagesTest, FilterTableEntryRejectsRulesOfAnotherView) {
  auto spec = FindFilter("rules");
  ASSERT_TRUE(spec.has_value());
  const std::string path = ::testing::TempDir() + "/rules_other_view.yaml";
  FILE* file = std::fopen(path.c_str(), "w");
  ASSERT_NE(file, nullptr);
  std::fputs("rules:\n  - name: a\n    roles: [user]\n    phrases: [x]\n", file);
  std::fclose(file);
  StepOptions options("rules", {{"rules", path}, {"field", "messages"}});
  auto filter = (*spec)->create(options);
  ASSERT_FALSE(filter.has_value());
  EXPECT_EQ(filter.error().message(),
            path +
                ":2:5: rule 'a' reads messages (user) but this rules filter reads messages "
                "(assistant): set field and roles on the filter, or split the rules into one "
                "filter per view");
  StepOptions bad_action("rules", {{"phrases", "x"}, {"action", "block"}});
  EXPECT_FALSE((*spec)->create(bad_action).has_value());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace winnow
