#include "winnow/formats/trl_type.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Column builders: `values` non-null values, all of one kind.
ColumnProfile Strings(std::string path, uint64_t values) {
  ColumnProfile column;
  column.path = std::move(path);
  column.present = values;
  column.types["string"] = values;
  column.string_count = values;
  return column;
}

ColumnProfile Messages(std::string path, uint64_t values) {
  ColumnProfile column;
  column.path = std::move(path);
  column.present = values;
  column.types["list"] = values;
  column.list_item_types["object"] = values * 2;
  column.message_lists = values;
  return column;
}

ColumnProfile Bools(std::string path, uint64_t true_count, uint64_t false_count) {
  ColumnProfile column;
  column.path = std::move(path);
  column.present = true_count + false_count;
  column.types["bool"] = true_count + false_count;
  column.true_count = true_count;
  column.false_count = false_count;
  return column;
}

ColumnProfile Ints(std::string path, uint64_t values) {
  ColumnProfile column;
  column.path = std::move(path);
  column.present = values;
  column.types["int"] = values;
  return column;
}

ColumnProfile Lists(std::string path, uint64_t values, const std::string& item_type) {
  ColumnProfile column;
  column.path = std::move(path);
  column.present = values;
  column.types["list"] = values;
  column.list_item_types[item_type] = values * 3;
  return column;
}

ColumnProfile SingleMessages(std::string path, uint64_t values) {
  ColumnProfile column;
  column.path = std::move(path);
  column.present = values;
  column.types["object"] = values;
  column.object_keys = {{"from", values}, {"value", values}};
  column.message_objects = values;
  return column;
}

ColumnProfile HhTranscripts(std::string path, uint64_t values) {
  ColumnProfile column = Strings(std::move(path), values);
  column.hh_transcripts = values;
  return column;
}

DatasetProfile Profile(uint64_t rows, std::vector<ColumnProfile> columns) {
  DatasetProfile profile;
  profile.rows = rows;
  for (ColumnProfile& column : columns) column.missing = rows - column.present;
  profile.columns = std::move(columns);
  return profile;
}

// The trainers line that starts with `prefix` ("KTOTrainer:"), or "" when there is none.
std::string Trainer(const TrlDetection& detection, std::string_view prefix) {
  for (const std::string& line : detection.trainers) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

auto Mentions(const std::string& text) { return Contains(HasSubstr(text)); }

TEST(TrlTypeTest, EmptyProfileIsUnknown) {
  TrlDetection detection = DetectTrlType(DatasetProfile{});
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.form, "");
  EXPECT_THAT(detection.evidence, Mentions("no rows"));
  EXPECT_THAT(detection.trainers, IsEmpty());
}

TEST(TrlTypeTest, LanguageModelingStandard) {
  TrlDetection detection = DetectTrlType(Profile(300, {Strings("text", 300)}));
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_EQ(detection.form, "standard");
  EXPECT_EQ(detection.source_format, "");
  EXPECT_FALSE(detection.implicit_prompt);
  EXPECT_THAT(detection.evidence, Mentions("column text present in 100% of rows"));
  EXPECT_THAT(detection.evidence, Mentions("text holds strings in 300/300 rows"));
  EXPECT_THAT(Trainer(detection, "SFTTrainer:"), HasSubstr("accepts as is"));
  EXPECT_THAT(Trainer(detection, "DPOTrainer, ORPOTrainer, CPOTrainer:"), HasSubstr("do not take"));
  EXPECT_THAT(Trainer(detection, "GRPOTrainer"), HasSubstr("need a prompt column"));
  EXPECT_THAT(Trainer(detection, "PRMTrainer:"), HasSubstr("does not take"));
}

TEST(TrlTypeTest, LanguageModelingConversationalWithTools) {
  TrlDetection detection =
      DetectTrlType(Profile(200, {Messages("messages", 200), Lists("tools", 200, "object")}));
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_EQ(detection.form, "conversational");
  EXPECT_THAT(detection.evidence, Mentions("messages holds message lists in 200/200 rows"));
  EXPECT_THAT(detection.evidence, Mentions("tools column: SFTTrainer"));
  EXPECT_THAT(Trainer(detection, "SFTTrainer:"), HasSubstr("chat template"));
  EXPECT_THAT(Trainer(detection, "SFTTrainer:"), HasSubstr("passes tools"));
}

TEST(TrlTypeTest, MessagesHoldingStringsIsUnknown) {
  TrlDetection detection = DetectTrlType(Profile(10, {Strings("messages", 10)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.form, "");
  EXPECT_THAT(detection.evidence, Mentions("messages holds strings"));
  EXPECT_THAT(detection.evidence, Mentions("conversational data only"));
  EXPECT_THAT(detection.trainers, IsEmpty());
}

TEST(TrlTypeTest, PromptOnlyBothForms) {
  TrlDetection standard = DetectTrlType(Profile(50, {Strings("prompt", 50)}));
  EXPECT_EQ(standard.type, "prompt_only");
  EXPECT_EQ(standard.form, "standard");
  EXPECT_THAT(Trainer(standard, "GRPOTrainer, RLOOTrainer, OnlineDPOTrainer:"),
              HasSubstr("accept as is"));
  EXPECT_THAT(Trainer(standard, "SFTTrainer:"), HasSubstr("does not take"));

  TrlDetection conversational = DetectTrlType(Profile(50, {Messages("prompt", 50)}));
  EXPECT_EQ(conversational.type, "prompt_only");
  EXPECT_EQ(conversational.form, "conversational");
  EXPECT_THAT(conversational.evidence, Mentions("prompt holds message lists in 50/50 rows"));
}

TEST(TrlTypeTest, PromptCompletionBothForms) {
  TrlDetection standard =
      DetectTrlType(Profile(80, {Strings("prompt", 80), Strings("completion", 80)}));
  EXPECT_EQ(standard.type, "prompt_completion");
  EXPECT_EQ(standard.form, "standard");
  EXPECT_THAT(standard.evidence, Mentions("columns prompt, completion present in 100% of rows"));
  EXPECT_THAT(Trainer(standard, "SFTTrainer:"), HasSubstr("accepts as is"));
  EXPECT_THAT(Trainer(standard, "GRPOTrainer"), HasSubstr("use only prompt"));
  EXPECT_THAT(Trainer(standard, "KTOTrainer:"), HasSubstr("does not take"));

  TrlDetection conversational =
      DetectTrlType(Profile(80, {Messages("prompt", 80), Messages("completion", 80)}));
  EXPECT_EQ(conversational.type, "prompt_completion");
  EXPECT_EQ(conversational.form, "conversational");
}

TEST(TrlTypeTest, ExplicitPreferenceBothFormsWithMargin) {
  TrlDetection standard = DetectTrlType(
      Profile(300, {Strings("prompt", 300), Strings("chosen", 300), Strings("rejected", 300)}));
  EXPECT_EQ(standard.type, "preference");
  EXPECT_EQ(standard.form, "standard");
  EXPECT_FALSE(standard.implicit_prompt);
  EXPECT_THAT(standard.evidence,
              Mentions("columns prompt, chosen, rejected present in 100% of rows"));
  EXPECT_THAT(Trainer(standard, "DPOTrainer, ORPOTrainer, CPOTrainer:"), HasSubstr("accept as is"));
  EXPECT_THAT(Trainer(standard, "KTOTrainer:"), HasSubstr("chosen -> label true"));
  EXPECT_THAT(Trainer(standard, "RewardTrainer:"), HasSubstr("implicit prompt is recommended"));
  EXPECT_THAT(Trainer(standard, "RewardTrainer:"), HasSubstr("no margin column"));
  EXPECT_THAT(Trainer(standard, "SFTTrainer:"), HasSubstr("does not take"));

  ColumnProfile margin = Ints("margin", 300);
  margin.types = {{"float", 300}};
  TrlDetection conversational = DetectTrlType(Profile(
      300, {Messages("prompt", 300), Messages("chosen", 300), Messages("rejected", 300), margin}));
  EXPECT_EQ(conversational.type, "preference");
  EXPECT_EQ(conversational.form, "conversational");
  EXPECT_THAT(conversational.evidence, Mentions("chosen holds message lists in 300/300 rows"));
  EXPECT_THAT(conversational.evidence, Mentions("margin column: RewardTrainer"));
  EXPECT_THAT(Trainer(conversational, "RewardTrainer:"), HasSubstr("adds margin"));
}

TEST(TrlTypeTest, ImplicitPreferenceBothForms) {
  TrlDetection standard =
      DetectTrlType(Profile(40, {Strings("chosen", 40), Strings("rejected", 40)}));
  EXPECT_EQ(standard.type, "preference");
  EXPECT_EQ(standard.form, "standard");
  EXPECT_TRUE(standard.implicit_prompt);
  EXPECT_EQ(standard.source_format, "");
  EXPECT_THAT(Trainer(standard, "DPOTrainer"), HasSubstr("shared start"));
  EXPECT_THAT(Trainer(standard, "RewardTrainer:"), HasSubstr("accepts as is"));
  EXPECT_THAT(Trainer(standard, "GRPOTrainer"), HasSubstr("need a prompt column"));

  TrlDetection conversational =
      DetectTrlType(Profile(40, {Messages("chosen", 40), Messages("rejected", 40)}));
  EXPECT_EQ(conversational.type, "preference");
  EXPECT_EQ(conversational.form, "conversational");
  EXPECT_TRUE(conversational.implicit_prompt);
}

TEST(TrlTypeTest, MixedFormsAreUnknown) {
  TrlDetection detection =
      DetectTrlType(Profile(40, {Strings("chosen", 40), Messages("rejected", 40)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.form, "");
  EXPECT_FALSE(detection.implicit_prompt);
  EXPECT_THAT(detection.evidence, Mentions("chosen holds strings in 40/40 rows"));
  EXPECT_THAT(detection.evidence, Mentions("rejected holds message lists in 40/40 rows"));
  EXPECT_THAT(detection.evidence, Mentions("mix strings and message lists"));
  EXPECT_THAT(detection.trainers, IsEmpty());
}

TEST(TrlTypeTest, UnpairedPreferenceImbalanced) {
  TrlDetection detection = DetectTrlType(Profile(
      1000, {Strings("prompt", 1000), Strings("completion", 1000), Bools("label", 400, 600)}));
  EXPECT_EQ(detection.type, "unpaired_preference");
  EXPECT_EQ(detection.form, "standard");
  EXPECT_THAT(detection.evidence,
              Mentions("columns prompt, completion, label present in 100% of rows"));
  EXPECT_THAT(detection.evidence, Mentions("label holds bools in 1000/1000 rows"));
  std::string kto = Trainer(detection, "KTOTrainer:");
  EXPECT_THAT(kto, HasSubstr("accepts as is"));
  EXPECT_THAT(kto, HasSubstr("label: 400 true / 600 false (40% true)"));
  EXPECT_THAT(kto, HasSubstr("desirable_weight"));
  EXPECT_THAT(Trainer(detection, "SFTTrainer:"), HasSubstr("ignores label"));
  EXPECT_THAT(Trainer(detection, "DPOTrainer"), HasSubstr("winnow convert --from kto"));
  EXPECT_THAT(Trainer(detection, "GRPOTrainer"), HasSubstr("use only prompt"));
}

TEST(TrlTypeTest, UnpairedPreferenceConversationalBalanced) {
  TrlDetection detection = DetectTrlType(
      Profile(10, {Messages("prompt", 10), Messages("completion", 10), Bools("label", 5, 5)}));
  EXPECT_EQ(detection.type, "unpaired_preference");
  EXPECT_EQ(detection.form, "conversational");
  std::string kto = Trainer(detection, "KTOTrainer:");
  EXPECT_THAT(kto, HasSubstr("5 true / 5 false (50% true)"));
  EXPECT_THAT(kto, Not(HasSubstr("imbalanced")));
}

TEST(TrlTypeTest, UnpairedPreferenceWithOneClass) {
  TrlDetection detection = DetectTrlType(
      Profile(7, {Strings("prompt", 7), Strings("completion", 7), Bools("label", 7, 0)}));
  EXPECT_EQ(detection.type, "unpaired_preference");
  EXPECT_THAT(Trainer(detection, "KTOTrainer:"), HasSubstr("needs both"));
}

TEST(TrlTypeTest, IntLabelReadsAsPromptCompletion) {
  TrlDetection detection = DetectTrlType(
      Profile(100, {Strings("prompt", 100), Strings("completion", 100), Ints("label", 100)}));
  EXPECT_EQ(detection.type, "prompt_completion");
  EXPECT_EQ(detection.form, "standard");
  EXPECT_THAT(detection.evidence, Mentions("label holds numbers in 100/100 rows"));
  EXPECT_THAT(detection.evidence, Mentions("KTO needs a JSON bool label"));
  EXPECT_THAT(detection.evidence, Mentions("also has label"));
  EXPECT_THAT(detection.advice, Mentions("JSON true/false"));
}

TEST(TrlTypeTest, MixedTypeLabelIsExplained) {
  ColumnProfile label = Bools("label", 30, 20);
  label.types["string"] = 50;
  label.present = 100;
  label.mixed_types = true;
  TrlDetection detection =
      DetectTrlType(Profile(100, {Strings("prompt", 100), Strings("completion", 100), label}));
  EXPECT_EQ(detection.type, "prompt_completion");
  EXPECT_THAT(detection.evidence, Mentions("label holds mixed values: bool 50, string 50"));
}

TEST(TrlTypeTest, StepwiseSupervision) {
  TrlDetection detection =
      DetectTrlType(Profile(20, {Strings("prompt", 20), Lists("completions", 20, "string"),
                                 Lists("labels", 20, "bool")}));
  EXPECT_EQ(detection.type, "stepwise_supervision");
  EXPECT_EQ(detection.form, "standard");
  EXPECT_THAT(detection.evidence,
              Mentions("columns prompt, completions, labels present in 100% of rows"));
  EXPECT_THAT(Trainer(detection, "PRMTrainer:"), HasSubstr("accepts as is"));
  EXPECT_THAT(Trainer(detection, "GRPOTrainer"), HasSubstr("use only prompt"));
  EXPECT_THAT(Trainer(detection, "SFTTrainer:"), HasSubstr("does not take"));
}

TEST(TrlTypeTest, StepwiseWithIntLabelsIsUnknown) {
  TrlDetection detection = DetectTrlType(Profile(
      20, {Strings("prompt", 20), Lists("completions", 20, "string"), Lists("labels", 20, "int")}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_THAT(detection.evidence, Mentions("labels must hold lists of JSON bools"));
}

TEST(TrlTypeTest, ShareGpt) {
  TrlDetection detection = DetectTrlType(Profile(12, {Messages("conversations", 12)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.source_format, "sharegpt");
  EXPECT_THAT(detection.evidence, Mentions("conversations holds message lists in 12/12 rows"));
  EXPECT_THAT(detection.advice, Mentions("winnow convert --from sharegpt --to messages IN -o OUT"));
  EXPECT_THAT(detection.trainers, IsEmpty());
}

TEST(TrlTypeTest, MessagesWithShareGptKeys) {
  DatasetProfile profile = Profile(12, {Messages("messages", 12)});
  ConversationProfile conversation;
  conversation.path = "messages";
  conversation.role_keys = {"from/value"};
  profile.conversations.push_back(conversation);
  TrlDetection detection = DetectTrlType(profile);
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.source_format, "sharegpt");
  EXPECT_THAT(detection.evidence, Mentions("from/value"));
  EXPECT_THAT(detection.advice, Mentions("winnow convert --from sharegpt --to messages"));
}

TEST(TrlTypeTest, MessagesWithRoleKeysStayLanguageModeling) {
  DatasetProfile profile = Profile(12, {Messages("messages", 12)});
  ConversationProfile conversation;
  conversation.path = "messages";
  conversation.role_keys = {"role/content"};
  profile.conversations.push_back(conversation);
  TrlDetection detection = DetectTrlType(profile);
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_EQ(detection.source_format, "");
  EXPECT_THAT(detection.advice, IsEmpty());
}

TEST(TrlTypeTest, Alpaca) {
  TrlDetection detection = DetectTrlType(
      Profile(60, {Strings("instruction", 60), Strings("input", 60), Strings("output", 60)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.source_format, "alpaca");
  EXPECT_THAT(detection.evidence, Mentions("Alpaca columns instruction, output, input"));
  EXPECT_THAT(detection.evidence, Mentions("no TRL columns"));
  EXPECT_THAT(detection.advice, Mentions("winnow convert --from alpaca --to messages IN -o OUT"));
}

TEST(TrlTypeTest, AlpacaWithRenderedTextIsLanguageModeling) {
  TrlDetection detection = DetectTrlType(
      Profile(60, {Strings("instruction", 60), Strings("input", 60), Strings("output", 60),
                   Strings("text", 60), Strings("system", 60)}));
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_EQ(detection.form, "standard");
  EXPECT_EQ(detection.source_format, "alpaca");
  EXPECT_THAT(detection.evidence, Mentions("Alpaca columns instruction, output, input, system"));
  // Alpaca's own system column is handled by the converter, so no "not a TRL column" line.
  EXPECT_THAT(detection.evidence, Not(Mentions("system column")));
  EXPECT_THAT(detection.advice, Mentions("--from alpaca"));
}

TEST(TrlTypeTest, AnthropicHh) {
  TrlDetection detection =
      DetectTrlType(Profile(500, {HhTranscripts("chosen", 500), HhTranscripts("rejected", 500)}));
  EXPECT_EQ(detection.type, "preference");
  EXPECT_EQ(detection.form, "standard");
  EXPECT_TRUE(detection.implicit_prompt);
  EXPECT_EQ(detection.source_format, "hh_transcripts");
  EXPECT_THAT(detection.evidence, Mentions("Anthropic HH) in 500/500 and 500/500 rows"));
  EXPECT_THAT(detection.advice, Mentions("winnow convert --from hh --to preference IN -o OUT"));
  EXPECT_THAT(detection.advice, Mentions("recommended for DPO"));
  EXPECT_THAT(Trainer(detection, "RewardTrainer:"), HasSubstr("accepts as is"));
  EXPECT_THAT(Trainer(detection, "DPOTrainer"), HasSubstr("explicit prompt is recommended"));
}

TEST(TrlTypeTest, LlamaFactoryPreference) {
  TrlDetection detection =
      DetectTrlType(Profile(30, {Messages("conversations", 30), SingleMessages("chosen", 30),
                                 SingleMessages("rejected", 30)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.source_format, "llamafactory_sharegpt_preference");
  EXPECT_THAT(detection.evidence, Mentions("chosen holds single messages"));
  EXPECT_THAT(detection.evidence, Mentions("LLaMA-Factory"));
  EXPECT_THAT(detection.advice,
              Mentions("winnow convert --from llamafactory-preference --to preference IN -o OUT"));
  EXPECT_THAT(detection.trainers, IsEmpty());
}

TEST(TrlTypeTest, MessagesWithBoolLabelIsKtoLike) {
  TrlDetection detection =
      DetectTrlType(Profile(90, {Messages("messages", 90), Bools("label", 60, 30)}));
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_EQ(detection.form, "conversational");
  EXPECT_THAT(detection.evidence, Mentions("KTO-style"));
  EXPECT_THAT(detection.evidence, Mentions("label: 60 true / 30 false (66.7% true)"));
  EXPECT_THAT(detection.evidence, Not(Mentions("also has label")));
  EXPECT_THAT(detection.advice,
              Mentions("winnow convert --from messages --to prompt-completion IN -o OUT"));
  EXPECT_THAT(Trainer(detection, "SFTTrainer:"), HasSubstr("ignores label"));
  EXPECT_THAT(Trainer(detection, "KTOTrainer:"), HasSubstr("split off the completion"));
}

TEST(TrlTypeTest, PartialCoverageIsReported) {
  TrlDetection detection =
      DetectTrlType(Profile(1000, {Strings("prompt", 995), Strings("completion", 1000)}));
  EXPECT_EQ(detection.type, "prompt_completion");
  EXPECT_THAT(detection.evidence, Mentions("column prompt present in 99.5% of rows (995/1000)"));
  EXPECT_THAT(detection.evidence, Mentions("5 rows without it"));
  EXPECT_THAT(detection.evidence, Mentions("column completion present in 100% of rows"));
}

TEST(TrlTypeTest, NearlyFullCoverageNeverRoundsToHundred) {
  TrlDetection detection = DetectTrlType(Profile(10000, {Strings("text", 9999)}));
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_THAT(detection.evidence, Mentions("column text present in 99.9% of rows (9999/10000)"));
}

TEST(TrlTypeTest, SparseColumnDoesNotCount) {
  TrlDetection detection = DetectTrlType(Profile(
      1000, {Strings("prompt", 1000), Strings("completion", 1000), Bools("label", 300, 100)}));
  EXPECT_EQ(detection.type, "prompt_completion");
  EXPECT_THAT(detection.evidence, Mentions("column label present in only 40% of rows (400/1000)"));
}

TEST(TrlTypeTest, NullsDoNotCountAsPresent) {
  ColumnProfile completion = Strings("completion", 50);
  completion.present = 100;
  completion.nulls = 50;
  TrlDetection detection = DetectTrlType(Profile(100, {Strings("prompt", 100), completion}));
  EXPECT_EQ(detection.type, "prompt_only");
  EXPECT_THAT(detection.evidence, Mentions("column completion present in only 50% of rows"));
  EXPECT_THAT(Trainer(detection, "GRPOTrainer"), HasSubstr("accept as is"));
}

TEST(TrlTypeTest, NoTrlColumns) {
  TrlDetection detection =
      DetectTrlType(Profile(5, {Strings("question", 5), Strings("answer", 5)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_EQ(detection.source_format, "");
  EXPECT_THAT(detection.evidence, Mentions("no TRL columns among the top-level columns: question, "
                                           "answer"));
  EXPECT_THAT(detection.trainers, IsEmpty());
}

TEST(TrlTypeTest, IncompleteColumnSet) {
  TrlDetection detection = DetectTrlType(Profile(5, {Strings("chosen", 5)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_THAT(detection.evidence, Mentions("found chosen but no complete TRL column set"));
}

TEST(TrlTypeTest, NestedPathsAreNotColumns) {
  TrlDetection detection = DetectTrlType(Profile(5, {Strings("meta.text", 5)}));
  EXPECT_EQ(detection.type, "unknown");
  EXPECT_THAT(detection.evidence, Mentions("no TRL columns"));
}

TEST(TrlTypeTest, ExtraColumnsAreListed) {
  TrlDetection detection =
      DetectTrlType(Profile(8, {Strings("id", 8), Messages("messages", 8), Strings("text", 8),
                                Strings("system", 8), Lists("images", 8, "string")}));
  EXPECT_EQ(detection.type, "language_modeling");
  EXPECT_EQ(detection.form, "conversational");
  EXPECT_THAT(detection.evidence, Mentions("also has text"));
  EXPECT_THAT(detection.evidence, Mentions("other columns, ignored by the trainers: id"));
  EXPECT_THAT(detection.evidence, Mentions("system column: not a TRL column"));
  EXPECT_THAT(detection.evidence, Mentions("images column"));
}

}  // namespace
}  // namespace winnow
