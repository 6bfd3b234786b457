#include "winnow/validate/trl_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "validate/validate_test_util.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;
using validate_test::Parsed;

const TrlType kAllTypes[] = {
    TrlType::kLanguageModeling,    TrlType::kPromptOnly,         TrlType::kPromptCompletion,
    TrlType::kPreference,          TrlType::kImplicitPreference, TrlType::kUnpairedPreference,
    TrlType::kStepwiseSupervision,
};

TEST(TrlSchemaTest, NamesAreTheSpecsAndParseBack) {
  EXPECT_EQ(TrlTypeName(TrlType::kLanguageModeling), "language_modeling");
  EXPECT_EQ(TrlTypeName(TrlType::kPromptOnly), "prompt_only");
  EXPECT_EQ(TrlTypeName(TrlType::kPromptCompletion), "prompt_completion");
  EXPECT_EQ(TrlTypeName(TrlType::kPreference), "preference");
  EXPECT_EQ(TrlTypeName(TrlType::kImplicitPreference), "implicit_preference");
  EXPECT_EQ(TrlTypeName(TrlType::kUnpairedPreference), "unpaired_preference");
  EXPECT_EQ(TrlTypeName(TrlType::kStepwiseSupervision), "stepwise_supervision");
  for (TrlType type : kAllTypes) {
    auto parsed = ParseTrlType(TrlTypeName(type));
    ASSERT_TRUE(parsed.has_value()) << TrlTypeName(type);
    EXPECT_EQ(*parsed, type);
  }
}

TEST(TrlSchemaTest, TrainerAliasesParse) {
  struct Alias {
    const char* text;
    TrlType type;
  };
  const Alias aliases[] = {
      {"lm", TrlType::kLanguageModeling},
      {"text", TrlType::kLanguageModeling},
      {"messages", TrlType::kLanguageModeling},
      {"sft", TrlType::kLanguageModeling},
      {"prompt", TrlType::kPromptOnly},
      {"grpo", TrlType::kPromptOnly},
      {"dpo", TrlType::kPreference},
      {"orpo", TrlType::kPreference},
      {"cpo", TrlType::kPreference},
      {"explicit_preference", TrlType::kPreference},
      {"reward", TrlType::kImplicitPreference},
      {"implicit", TrlType::kImplicitPreference},
      {"kto", TrlType::kUnpairedPreference},
      {"unpaired", TrlType::kUnpairedPreference},
      {"prm", TrlType::kStepwiseSupervision},
      {"stepwise", TrlType::kStepwiseSupervision},
  };
  for (const auto& alias : aliases) {
    auto parsed = ParseTrlType(alias.text);
    ASSERT_TRUE(parsed.has_value()) << alias.text;
    EXPECT_EQ(*parsed, alias.type) << alias.text;
  }
}

TEST(TrlSchemaTest, DashesAndCaseAreAccepted) {
  EXPECT_EQ(ParseTrlType("prompt-completion").value(), TrlType::kPromptCompletion);
  EXPECT_EQ(ParseTrlType("Unpaired-Preference").value(), TrlType::kUnpairedPreference);
  EXPECT_EQ(ParseTrlType("DPO").value(), TrlType::kPreference);
}

TEST(TrlSchemaTest, UnknownTypeListsTheChoices) {
  auto parsed = ParseTrlType("sharegpt");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(parsed.error().message(), HasSubstr("unknown dataset type 'sharegpt'"));
  EXPECT_THAT(parsed.error().message(), HasSubstr(TrlTypeChoices()));
  EXPECT_FALSE(ParseTrlType("").has_value());
}

TEST(TrlSchemaTest, ChoicesNameEveryType) {
  std::string choices = TrlTypeChoices();
  for (TrlType type : kAllTypes) EXPECT_THAT(choices, HasSubstr(std::string(TrlTypeName(type))));
  EXPECT_THAT(choices, HasSubstr("kto"));
  EXPECT_THAT(choices, HasSubstr("dpo"));
}

std::optional<TrlType> TypeOf(std::string_view json) { return TrlTypeOfRecord(Parsed(json)); }

TEST(TrlSchemaTest, TypeOfRecordFollowsTheColumns) {
  EXPECT_EQ(TypeOf(R"({"text":"The sky is blue."})"), TrlType::kLanguageModeling);
  EXPECT_EQ(TypeOf(R"({"messages":[{"role":"user","content":"Hi"}]})"), TrlType::kLanguageModeling);
  EXPECT_EQ(TypeOf(R"({"prompt":"The sky is"})"), TrlType::kPromptOnly);
  EXPECT_EQ(TypeOf(R"({"prompt":"The sky is","completion":" blue."})"), TrlType::kPromptCompletion);
  EXPECT_EQ(TypeOf(R"({"prompt":"The sky is","chosen":" blue.","rejected":" green."})"),
            TrlType::kPreference);
  EXPECT_EQ(TypeOf(R"({"chosen":"The sky is blue.","rejected":"The sky is green."})"),
            TrlType::kImplicitPreference);
  EXPECT_EQ(TypeOf(R"({"prompt":"The sky is","completion":" blue.","label":true})"),
            TrlType::kUnpairedPreference);
  EXPECT_EQ(TypeOf(R"({"prompt":"1+1","completions":["a","b"],"labels":[true,false]})"),
            TrlType::kStepwiseSupervision);
}

TEST(TrlSchemaTest, MostSpecificTypeWins) {
  // chosen/rejected before prompt, label before completion, text/messages last.
  EXPECT_EQ(TypeOf(R"({"text":"x","prompt":"p","chosen":"c","rejected":"r"})"),
            TrlType::kPreference);
  EXPECT_EQ(TypeOf(R"({"label":false,"completion":"c","prompt":"p","messages":[]})"),
            TrlType::kUnpairedPreference);
  // Half a pair is not preference data; half of stepwise is a prompt.
  EXPECT_EQ(TypeOf(R"({"prompt":"p","chosen":"c"})"), TrlType::kPromptOnly);
  EXPECT_EQ(TypeOf(R"({"prompt":"p","completions":["a"]})"), TrlType::kPromptOnly);
  // A label without a prompt/completion pair does not make KTO data.
  EXPECT_EQ(TypeOf(R"({"text":"t","label":true})"), TrlType::kLanguageModeling);
}

TEST(TrlSchemaTest, NullColumnsStillCountAsPresent) {
  // The validator then reports them ("required column 'prompt' is null").
  EXPECT_EQ(TypeOf(R"({"prompt":null,"chosen":"c","rejected":"r"})"), TrlType::kPreference);
}

TEST(TrlSchemaTest, ColumnsThatFitNoTypeGiveNullopt) {
  EXPECT_EQ(TypeOf(R"({"conversations":[{"from":"human","value":"Hi"}]})"), std::nullopt);
  EXPECT_EQ(TypeOf(R"({"instruction":"i","input":"","output":"o"})"), std::nullopt);
  EXPECT_EQ(TypeOf(R"({"chosen":"c"})"), std::nullopt);
  EXPECT_EQ(TypeOf(R"({})"), std::nullopt);
}

TEST(TrlSchemaTest, ConvertHintNamesTheConversion) {
  EXPECT_THAT(ConvertHint(Parsed(R"({"conversations":[],"chosen":{},"rejected":{}})")),
              HasSubstr("--to preference"));
  EXPECT_THAT(ConvertHint(Parsed(R"({"conversations":[{"from":"human","value":"Hi"}]})")),
              HasSubstr("--to messages"));
  EXPECT_THAT(ConvertHint(Parsed(R"({"instruction":"i","input":"","output":"o"})")),
              HasSubstr("--to messages"));
  EXPECT_THAT(ConvertHint(Parsed(R"({"chosen_messages":[],"rejected_messages":[]})")),
              HasSubstr("--to preference"));
  EXPECT_EQ(ConvertHint(Parsed(R"({"text":"plain"})")), "");
}

}  // namespace
}  // namespace winnow
