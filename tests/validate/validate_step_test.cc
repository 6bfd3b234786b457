#include "winnow/validate/validate_step.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "validate/validate_test_util.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using validate_test::Parsed;

struct StepRun {
  std::vector<std::string> kept;     // JSON of the records that went on
  std::vector<std::string> reasons;  // reject reasons, in order
  std::vector<uint64_t> rejected_rows;
};

// Runs `records` through `step` in batches of `batch_size`, then Finish.
StepRun RunValidate(Step& step, const std::vector<std::string>& records, size_t batch_size = 2) {
  StepRun run;
  simdjson::dom::parser parser;
  EXPECT_TRUE(step.Open(1).ok());
  for (size_t start = 0; start < records.size(); start += batch_size) {
    Batch batch;
    for (size_t i = start; i < std::min(records.size(), start + batch_size); ++i) {
      batch.records.push_back(Parsed(records[i], i));
    }
    StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
    Status status = step.Process(batch, ctx);
    EXPECT_TRUE(status.ok()) << status.message();
    for (const Record& record : batch.records) {
      std::string json;
      record.AppendJson(&json);
      run.kept.push_back(json);
    }
    for (const RejectedRecord& reject : batch.rejects) {
      EXPECT_EQ(reject.step, "validate");
      run.reasons.push_back(reject.reason);
      run.rejected_rows.push_back(reject.record.origin().row);
    }
  }
  Batch tail;
  StepContext ctx{0, 1, &parser, &step.counters(), nullptr};
  EXPECT_TRUE(step.Finish(tail, ctx).ok());
  EXPECT_TRUE(tail.records.empty());
  return run;
}

TEST(ValidateStepTest, RejectsInvalidRecordsWithTheirFirstViolation) {
  ValidateStepOptions options;
  options.type = TrlType::kPreference;
  ValidateStep step(options);
  StepRun run = RunValidate(step, {
                                      R"({"prompt":"p","chosen":"a","rejected":"b"})",
                                      R"({"prompt":"p2","chosen":"a","rejected":"a"})",
                                      R"({"prompt":"p3","chosen":"c","rejected":"d"})",
                                      R"({"x":1})",
                                  });
  EXPECT_THAT(run.kept, ElementsAre(R"({"prompt":"p","chosen":"a","rejected":"b"})",
                                    R"({"prompt":"p3","chosen":"c","rejected":"d"})"));
  EXPECT_THAT(run.rejected_rows, ElementsAre(1u, 3u));
  ASSERT_EQ(run.reasons.size(), 2u);
  EXPECT_EQ(run.reasons[0], "chosen_equals_rejected: rejected: chosen and rejected are identical");
  EXPECT_EQ(run.reasons[1],
            "missing_column: prompt: required column 'prompt' is missing (and 2 more)");
  EXPECT_EQ(step.counters().Get("invalid"), 2u);
  EXPECT_EQ(step.report().records(), 4u);
  EXPECT_EQ(step.report().invalid_records(), 2u);
  EXPECT_THAT(step.report().ToText(), HasSubstr("as given"));
}

TEST(ValidateStepTest, KeepsInvalidRecordsWhenReportOnly) {
  ValidateStepOptions options;
  options.type = TrlType::kLanguageModeling;
  options.reject_invalid = false;
  ValidateStep step(options);
  StepRun run = RunValidate(step, {R"({"text":"ok"})", R"({"text":""})", R"({"text":5})"});
  EXPECT_EQ(run.kept.size(), 3u);
  EXPECT_THAT(run.reasons, IsEmpty());
  EXPECT_EQ(step.counters().Get("invalid"), 0u);
  EXPECT_EQ(step.report().invalid_records(), 2u);
  EXPECT_EQ(step.report().error_count(), 2u);
}

TEST(ValidateStepTest, DetectsTheTypeFromTheFirstRecordThatFitsOne) {
  ValidateStep step(ValidateStepOptions{});
  StepRun run = RunValidate(step, {
                                      R"({"conversations":[{"from":"human","value":"Hi"}]})",
                                      R"({"prompt":"p","completion":"c","label":true})",
                                      R"({"prompt":"p","completion":"c"})",  // no label for KTO
                                  });
  ASSERT_TRUE(step.report().type().has_value());
  EXPECT_EQ(*step.report().type(), TrlType::kUnpairedPreference);
  EXPECT_THAT(step.report().ToText(),
              HasSubstr("type: unpaired_preference (standard), detected from the columns of "
                        "record 2"));
  ASSERT_EQ(run.reasons.size(), 2u);
  EXPECT_THAT(run.reasons[0], StartsWith("unknown_columns: the columns fit no TRL type"));
  // A ShareGPT record gets the conversion that makes it TRL data.
  EXPECT_THAT(run.reasons[0], HasSubstr("winnow convert --to messages"));
  EXPECT_EQ(run.reasons[1], "missing_column: label: required column 'label' is missing");
  EXPECT_THAT(run.kept, ElementsAre(R"({"prompt":"p","completion":"c","label":true})"));
}

TEST(ValidateStepTest, RecordsThatFitNoTypeAreInvalidUntilOneDoes) {
  ValidateStep step(ValidateStepOptions{});
  StepRun run = RunValidate(step, {R"({"a":1})", R"({"b":2})"});
  EXPECT_FALSE(step.report().type().has_value());
  EXPECT_EQ(run.reasons.size(), 2u);
  EXPECT_EQ(step.report().rules().at("unknown_columns").count, 2u);
}

TEST(ValidateStepTest, FinishAddsDatasetFindings) {
  ValidateStepOptions options;
  options.type = TrlType::kUnpairedPreference;
  ValidateStep step(options);
  RunValidate(step, {R"({"prompt":"a","completion":"c","label":true})",
                     R"({"prompt":"b","completion":"c","label":true})",
                     R"({"prompt":"c","completion":"c","label":true})"});
  EXPECT_EQ(step.report().rules().count("label_imbalance"), 1u);
  EXPECT_EQ(step.counters().Get("invalid"), 0u);
}

TEST(ValidateStepTest, RulesOptionsReachTheValidator) {
  ValidateStepOptions options;
  options.type = TrlType::kLanguageModeling;
  options.rules.allow_empty_strings = true;
  options.rules.require_assistant_last = false;
  options.rules.extra_roles = {"narrator"};
  ValidateStep step(options);
  StepRun run = RunValidate(step, {
                                      R"({"text":""})",
                                      R"({"messages":[{"role":"user","content":"Q"},
                                              {"role":"narrator","content":"later"},
                                              {"role":"assistant","content":"A"},
                                              {"role":"user","content":"Thanks"}]})",
                                  });
  EXPECT_THAT(run.reasons, IsEmpty());
  EXPECT_EQ(run.kept.size(), 2u);
}

TEST(ValidateStepTest, WarningsDoNotReject) {
  ValidateStepOptions options;
  options.type = TrlType::kLanguageModeling;
  ValidateStep step(options);
  StepRun run = RunValidate(step, {R"({"text":"same"})", R"({"text":"same"})"});
  EXPECT_EQ(run.kept.size(), 2u);
  EXPECT_EQ(step.report().warning_count(), 1u);
}

TEST(ValidateStepTest, RejectReason) {
  EXPECT_EQ(RejectReason({}), "");
  EXPECT_EQ(RejectReason({{"duplicate_record", "", "dup", Severity::kWarning}}), "");
  EXPECT_EQ(
      RejectReason({{"empty_messages", "messages", "the message list is empty", Severity::kError}}),
      "empty_messages: messages: the message list is empty");
  EXPECT_EQ(RejectReason({{"long_record", "", "big", Severity::kWarning},
                          {"unknown_columns", "", "fits nothing", Severity::kError},
                          {"x", "f", "m", Severity::kError},
                          {"y", "f", "m", Severity::kError}}),
            "unknown_columns: fits nothing (and 2 more)");
}

TEST(ValidateStepTest, CreateFromStepOptions) {
  auto step = CreateStep("validate", StepOptions("validate", {{"type", "dpo"},
                                                              {"allow_empty", "true"},
                                                              {"on_invalid", "keep"},
                                                              {"long_record_bytes", "-5"}}));
  ASSERT_TRUE(step.has_value()) << step.error().message();
  auto* validate = dynamic_cast<ValidateStep*>(step->get());
  ASSERT_NE(validate, nullptr);
  EXPECT_EQ(validate->report().type(), TrlType::kPreference);
  // on_invalid: keep, allow_empty: true.
  StepRun run =
      RunValidate(*validate, {R"({"prompt":"p","chosen":"","rejected":"b"})", R"({"x":1})"});
  EXPECT_EQ(run.kept.size(), 2u);
  EXPECT_EQ(validate->report().invalid_records(), 1u);
}

TEST(ValidateStepTest, CreateRejectsBadOptions) {
  auto bad_type = CreateStep("validate", StepOptions("validate", {{"type", "sharegpt"}}));
  ASSERT_FALSE(bad_type.has_value());
  EXPECT_THAT(bad_type.error().message(), HasSubstr("unknown dataset type 'sharegpt'"));
  auto bad_keep = CreateStep("validate", StepOptions("validate", {{"on_invalid", "drop"}}));
  ASSERT_FALSE(bad_keep.has_value());
  EXPECT_THAT(bad_keep.error().message(), HasSubstr("on_invalid must be 'reject' or 'keep'"));
  auto bad_bool = CreateStep("validate", StepOptions("validate", {{"allow_empty", "maybe"}}));
  EXPECT_FALSE(bad_bool.has_value());
  auto unknown = CreateStep("validate", StepOptions("validate", {{"strict", "true"}}));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_THAT(unknown.error().message(), HasSubstr("unknown option 'strict'"));
}

}  // namespace
}  // namespace winnow
