// ClassifyStep: columns, threshold and keep-top decisions with their reasons, annotate; the
// scoring pass; the step-table entry.

#include "winnow/classify/classify_step.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/trained_model.h"
#include "winnow/classify/classify_steps.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

struct StepRun {
  std::vector<std::string> kept;     // kept records as JSON
  std::vector<std::string> reasons;  // reject reasons
};

StepRun Process(Step& step, const std::vector<std::string>& texts) {
  simdjson::dom::parser parser;
  Batch batch;
  for (size_t i = 0; i < texts.size(); ++i) {
    RecordOrigin origin;
    origin.row = i;
    std::string json = "{\"id\":" + std::to_string(i) + ",\"text\":\"" + texts[i] + "\"}";
    batch.records.push_back(Record::Owned(json, origin));
    EXPECT_TRUE(batch.records.back().Parse(parser).ok());
  }
  EXPECT_TRUE(step.Open(1).ok());
  StepContext ctx;
  ctx.parser = &parser;
  ctx.counters = &step.counters();
  Status status = step.Process(batch, ctx);
  EXPECT_TRUE(status.ok()) << status.message();
  StepRun run;
  for (const Record& record : batch.records) {
    std::string json;
    record.AppendJson(&json);
    run.kept.push_back(json);
  }
  for (const RejectedRecord& reject : batch.rejects) run.reasons.push_back(reject.reason);
  return run;
}

ClassifyStepOptions Options() {
  ClassifyStepOptions options;
  options.view = *TextView::Parse("text");
  return options;
}

const std::vector<std::string> kTexts = {
    "simmer the garlic sauce with butter in the pan",
    "the striker scored a penalty after the corner",
    "",
    "knead the dough and bake it in the oven",
};

TEST(ClassifyStep, AddsLabelAndScoreColumns) {
  ClassifyStepOptions options = Options();
  options.label = "cooking";
  auto step = ClassifyStep::Create(testing::TrainedModel(), options);
  ASSERT_TRUE(step.has_value()) << step.error().message();
  StepRun run = Process(**step, kTexts);
  ASSERT_EQ(run.kept.size(), 4u);  // no filter: nothing dropped
  EXPECT_THAT(run.kept[0], HasSubstr("\"classify_label\":\"cooking\",\"classify_score\":0."));
  EXPECT_THAT(run.kept[0], HasSubstr("\"classify_score_cooking\":0."));
  EXPECT_THAT(run.kept[1], HasSubstr("\"classify_label\":\"football\""));
  EXPECT_THAT(run.kept[2], HasSubstr("\"classify_label\":null,\"classify_score\":null,"
                                     "\"classify_score_cooking\":null"));
}

TEST(ClassifyStep, ThresholdDropsWithTheReason) {
  ClassifyStepOptions options = Options();
  options.label = "cooking";
  options.threshold = {0.5, true};
  options.prefix = "q";
  auto step = ClassifyStep::Create(testing::TrainedModel(), options);
  ASSERT_TRUE(step.has_value());
  StepRun run = Process(**step, kTexts);
  ASSERT_EQ(run.kept.size(), 2u);
  EXPECT_THAT(run.kept[1], HasSubstr("\"id\":3,"));
  EXPECT_THAT(run.kept[0], HasSubstr("\"q_label\":\"cooking\""));
  ASSERT_EQ(run.reasons.size(), 2u);
  EXPECT_THAT(run.reasons[0],
              ::testing::MatchesRegex("classify: score_cooking 0\\.[0-9]+ < 0\\.5"));
  EXPECT_EQ(run.reasons[1], "classify: empty: no text");
  EXPECT_EQ((*step)->counters().Get("dropped.score"), 1u);
  EXPECT_EQ((*step)->counters().Get("dropped.empty"), 1u);
}

TEST(ClassifyStep, AnnotateKeepsEverythingAndSaysWhy) {
  ClassifyStepOptions options = Options();
  options.label = "football";
  options.threshold = {0.5, true};
  options.annotate = true;
  auto step = ClassifyStep::Create(testing::TrainedModel(), options);
  StepRun run = Process(**step, kTexts);
  ASSERT_EQ(run.kept.size(), 4u);
  EXPECT_THAT(run.kept[0], HasSubstr("\"classify_reason\":\"classify: score_football 0."));
  EXPECT_THAT(run.kept[1], HasSubstr("\"classify_reason\":null"));
}

TEST(ClassifyStep, KeepTopKeepsExactlyTheCutoffsRows) {
  auto model = testing::TrainedModel();
  const size_t cooking = *model->FindLabel("cooking");
  // Six copies of one cooking text tie; keep 3 of 8: the football texts lose, and of the ties
  // the first three rows win.
  std::vector<std::string> texts(6, "bake the bread in the oven with butter");
  texts.insert(texts.begin() + 2, "the keeper saved the penalty");
  texts.push_back("offside goal by the striker");
  ClassifyScoresStep scores(model, *TextView::Parse("text"), cooking);
  Process(scores, texts);
  std::vector<RowScore> all = scores.TakeScores();
  ASSERT_EQ(all.size(), 8u);
  ClassifyStepOptions options = Options();
  options.label = "cooking";
  options.cutoff = KeepTopCutoff(all, 3.0 / 8 * 100);
  options.keep_top = "37.5%";
  auto step = ClassifyStep::Create(model, options);
  StepRun run = Process(**step, texts);
  ASSERT_EQ(run.kept.size(), 3u);
  EXPECT_THAT(run.kept[0], HasSubstr("\"id\":0,"));
  EXPECT_THAT(run.kept[1], HasSubstr("\"id\":1,"));
  EXPECT_THAT(run.kept[2], HasSubstr("\"id\":3,"));
  ASSERT_EQ(run.reasons.size(), 5u);
  EXPECT_THAT(run.reasons[0],
              ::testing::MatchesRegex("classify: score_cooking 0\\.[0-9]+ < 0\\.[0-9]+ "
                                      "\\(keep top 37\\.5%\\)"));
  EXPECT_THAT(run.reasons[1], HasSubstr("ties the cut-off; earlier rows filled the top 37.5%"));
}

TEST(ClassifyStep, LabelMustBeTheModels) {
  ClassifyStepOptions options = Options();
  options.label = "hq";
  auto step = ClassifyStep::Create(testing::TrainedModel(), options);
  ASSERT_FALSE(step.has_value());
  EXPECT_THAT(step.error().message(), HasSubstr("no label 'hq' (its labels: "));
  options.label.clear();
  options.threshold = {0.5, true};
  EXPECT_FALSE(ClassifyStep::Create(testing::TrainedModel(), options).has_value());
}

TEST(ClassifyStep, StepTableEntry) {
  auto step =
      CreateStep("classify", StepOptions("classify", {{"model", testing::TrainedModelPath()},
                                                      {"label", "cooking"},
                                                      {"threshold", "0.5"}}));
  ASSERT_TRUE(step.has_value()) << step.error().message();
  StepRun run = Process(**step, kTexts);
  EXPECT_EQ(run.kept.size(), 2u);
  auto missing = CreateStep("classify", StepOptions("classify", {{"model", "/nope/m.bin"}}));
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error().message(), HasSubstr("/nope/m.bin"));
}

}  // namespace
}  // namespace winnow
