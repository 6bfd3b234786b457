#include "winnow/convert/conversion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "convert/convert_test_util.h"
#include "winnow/convert/convert_steps.h"

namespace winnow {
namespace {

using convert_test::Parsed;
using convert_test::RunStep;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A test conversion: {"n": N, ...} -> N records {"text": "<i>"} (language modeling); n < 0 is
// refused; n == 99 fails the run; "bad" in the record makes the second output invalid (empty).
class RepeatConversion : public Conversion {
 public:
  std::string_view name() const override { return "repeat"; }
  std::optional<TrlType> target() const override { return TrlType::kLanguageModeling; }
  std::set<std::string, std::less<>> consumed_columns() const override { return {"n"}; }
  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    (void)parser;
    int64_t n = 0;
    if (input.Field("n").get_int64().get(n)) {
      out.Reject("no_n", "missing column 'n'");
      return Status::OK();
    }
    if (n == 99) return Status::Internal("repeat: 99 is not allowed");
    if (n < 0) {
      out.Reject("negative", "n is negative");
      return Status::OK();
    }
    bool bad = !input.Field("bad").error();
    for (int64_t i = 0; i < n; ++i) {
      out.BeginRecord();
      out.Column("text").String(bad && i == 1 ? "" : std::to_string(i));
    }
    return Status::OK();
  }
};

TEST(ConversionStepTest, EmitsEveryOutputWithTheOtherColumns) {
  ConversionStep step(std::make_unique<RepeatConversion>());
  EXPECT_EQ(step.name(), "repeat");
  EXPECT_TRUE(step.parallel());
  auto run = RunStep(step, {R"({"n":2,"id":"a"})", R"({"n":0,"id":"b"})", R"({"n":1,"id":"c"})"});
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_THAT(run.out, ElementsAre(R"({"text":"0","id":"a"})", R"({"text":"1","id":"a"})",
                                   R"({"text":"0","id":"c"})"));
  EXPECT_THAT(run.reasons, IsEmpty());
  EXPECT_EQ(step.counters().Get("input"), 3u);
  EXPECT_EQ(step.counters().Get("output"), 3u);
}

TEST(ConversionStepTest, WrittenColumnsAreNotOverwrittenByCarriedOnes) {
  ConversionStep step(std::make_unique<RepeatConversion>());
  auto run = RunStep(step, {R"({"text":"old","n":1})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"text":"0"})"));
}

TEST(ConversionStepTest, OtherColumnsCanBeLeftBehind) {
  ConversionStepOptions options;
  options.keep_other_columns = false;
  ConversionStep step(std::make_unique<RepeatConversion>(), options);
  auto run = RunStep(step, {R"({"n":1,"id":"a"})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"text":"0"})"));
}

TEST(ConversionStepTest, RefusedInputsAreRejectedAndCountedByKey) {
  ConversionStep step(std::make_unique<RepeatConversion>());
  auto run = RunStep(step, {R"({"n":-1})", R"({"x":1})", R"({"n":-2})", R"({"n":1})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"text":"0"})"));
  EXPECT_THAT(run.reasons, ElementsAre("n is negative", "missing column 'n'", "n is negative"));
  EXPECT_THAT(run.rejected_rows, ElementsAre(0u, 1u, 2u));
  // The reject keeps the input as it was.
  EXPECT_EQ(run.rejected_inputs[1], R"({"x":1})");
  EXPECT_EQ(step.counters().Get("rejected.negative"), 2u);
  EXPECT_EQ(step.counters().Get("rejected.no_n"), 1u);
}

TEST(ConversionStepTest, OneInvalidOutputRejectsTheWholeInput) {
  ConversionStep step(std::make_unique<RepeatConversion>());
  auto run = RunStep(step, {R"({"n":3,"bad":true})", R"({"n":1})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"text":"0"})"));
  ASSERT_EQ(run.reasons.size(), 1u);
  EXPECT_EQ(run.reasons[0],
            "the converted language_modeling record would be invalid: empty_string: text: the "
            "string is empty or only whitespace");
  EXPECT_EQ(step.counters().Get("rejected.invalid_output"), 1u);
}

TEST(ConversionStepTest, ValidationOptionsApplyToOutputs) {
  ConversionStepOptions options;
  options.validation.allow_empty_strings = true;
  ConversionStep step(std::make_unique<RepeatConversion>(), options);
  auto run = RunStep(step, {R"({"n":2,"bad":true})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"text":"0","bad":true})", R"({"text":"","bad":true})"));
}

TEST(ConversionStepTest, AnErrorStopsTheRun) {
  ConversionStep step(std::make_unique<RepeatConversion>());
  auto run = RunStep(step, {R"({"n":1})", R"({"n":99})"});
  ASSERT_FALSE(run.status.ok());
  EXPECT_EQ(run.status.message(), "repeat: 99 is not allowed");
}

TEST(ConversionStepTest, OutputsKeepTheInputsOrigin) {
  ConversionStep step(std::make_unique<RepeatConversion>());
  simdjson::dom::parser parser;
  ASSERT_TRUE(step.Open(2).ok());
  Batch batch;
  batch.records.push_back(Parsed(R"({"n":2})", 41));
  StepContext ctx{1, 2, &parser, &step.counters(), nullptr};
  ASSERT_TRUE(step.Process(batch, ctx).ok());
  ASSERT_EQ(batch.records.size(), 2u);
  for (const Record& record : batch.records) {
    EXPECT_EQ(record.origin().row, 41u);
    EXPECT_EQ(record.origin().ToString(), "data.jsonl:42");
    EXPECT_TRUE(record.parsed());
  }
}

TEST(ConversionStepTest, InvalidOutputReason) {
  EXPECT_EQ(InvalidOutputReason(Parsed(R"({"prompt":"p","completion":"c"})"),
                                TrlType::kPromptCompletion, {}),
            "");
  EXPECT_EQ(InvalidOutputReason(Parsed(R"({"prompt":"p"})"), TrlType::kPromptCompletion, {}),
            "the converted prompt_completion record would be invalid: missing_column: completion: "
            "required column 'completion' is missing");
}

TEST(ConversionOutputTest, CollectsRecordsOrARejection) {
  ConversionOutput out;
  EXPECT_FALSE(out.rejected());
  out.BeginRecord();
  out.Column("a").Int(1);
  out.BeginRecord();
  EXPECT_EQ(out.size(), 2u);
  out.Reject("why", "because");
  EXPECT_TRUE(out.rejected());
  EXPECT_EQ(out.reject_key(), "why");
  EXPECT_EQ(out.reject_message(), "because");
  out.Clear();
  EXPECT_EQ(out.size(), 0u);
  EXPECT_FALSE(out.rejected());
}

TEST(ConvertStepsTest, EveryConversionIsInTheStepTable) {
  std::vector<std::string> names;
  for (const auto& spec : StepTable()) names.emplace_back(spec.name);
  for (const char* name : {"to_messages", "to_sharegpt", "to_prompt_completion", "to_preference",
                           "to_kto", "columns"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  for (const auto& spec : StepTable()) {
    EXPECT_NE(std::string(spec.summary), "") << spec.name;
    EXPECT_NE(std::string(spec.example), "") << spec.name;
  }
}

TEST(ConvertStepsTest, SharedOptions) {
  for (const char* name : {"to_messages", "to_prompt_completion", "to_preference", "to_kto"}) {
    auto step = CreateStep(name, StepOptions(name, {{"keep_columns", "false"},
                                                    {"arguments", "object"},
                                                    {"keep_message_keys", "false"}}));
    EXPECT_TRUE(step.has_value()) << name << ": " << step.error().message();
    auto bad = CreateStep(name, StepOptions(name, {{"keep_columns", "perhaps"}}));
    EXPECT_FALSE(bad.has_value()) << name;
    auto unknown = CreateStep(name, StepOptions(name, {{"keep_colums", "false"}}));
    ASSERT_FALSE(unknown.has_value()) << name;
    EXPECT_THAT(unknown.error().message(), HasSubstr("did you mean 'keep_columns'")) << name;
  }
  EXPECT_TRUE(CreateStep("to_sharegpt", StepOptions("to_sharegpt", {{"keep_columns", "false"}}))
                  .has_value());
  // to_sharegpt writes no tool-call arguments of its own choosing.
  EXPECT_FALSE(
      CreateStep("to_sharegpt", StepOptions("to_sharegpt", {{"arguments", "object"}})).has_value());
}

}  // namespace
}  // namespace winnow
