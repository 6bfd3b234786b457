#include "winnow/validate/record_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "validate/validate_test_util.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using validate_test::Check;
using validate_test::Describe;
using validate_test::Find;
using validate_test::Rules;

void ExpectValid(std::string_view json, TrlType type, const ValidationOptions& options = {}) {
  auto violations = Check(json, type, options);
  EXPECT_THAT(violations, IsEmpty()) << TrlTypeName(type) << ": " << json << "\n"
                                     << Describe(violations);
}

// Exactly one violation, of `rule` at `field`; returns its message.
std::string ExpectOnly(std::string_view json, TrlType type, std::string_view rule,
                       std::string_view field, const ValidationOptions& options = {}) {
  auto violations = Check(json, type, options);
  EXPECT_THAT(Rules(violations), ElementsAre(std::string(rule))) << json << "\n"
                                                                 << Describe(violations);
  if (violations.empty()) return "";
  EXPECT_EQ(violations[0].field, field) << Describe(violations);
  return violations[0].message;
}

// --- the spec's table (shared/specs/formats.md, "TRL dataset types"), both forms -------------

struct SpecExample {
  TrlType type;
  const char* json;
};

const SpecExample kSpecExamples[] = {
    {TrlType::kLanguageModeling, R"({"text":"The sky is blue."})"},
    {TrlType::kLanguageModeling,
     R"({"messages":[{"role":"user","content":"What color is the sky?"},
                     {"role":"assistant","content":"It is blue."}]})"},
    {TrlType::kPromptOnly, R"({"prompt":"The sky is"})"},
    {TrlType::kPromptOnly, R"({"prompt":[{"role":"user","content":"What color is the sky?"}]})"},
    {TrlType::kPromptCompletion, R"({"prompt":"The sky is","completion":" blue."})"},
    {TrlType::kPromptCompletion,
     R"({"prompt":[{"role":"user","content":"What color is the sky?"}],
         "completion":[{"role":"assistant","content":"It is blue."}]})"},
    {TrlType::kPreference, R"({"prompt":"The sky is","chosen":" blue.","rejected":" green."})"},
    {TrlType::kPreference,
     R"({"prompt":[{"role":"user","content":"What color is the sky?"}],
         "chosen":[{"role":"assistant","content":"It is blue."}],
         "rejected":[{"role":"assistant","content":"It is green."}]})"},
    {TrlType::kImplicitPreference,
     R"({"chosen":"The sky is blue.","rejected":"The sky is green."})"},
    {TrlType::kImplicitPreference,
     R"({"chosen":[{"role":"user","content":"What color is the sky?"},
                   {"role":"assistant","content":"It is blue."}],
         "rejected":[{"role":"user","content":"What color is the sky?"},
                     {"role":"assistant","content":"It is green."}]})"},
    {TrlType::kUnpairedPreference, R"({"prompt":"The sky is","completion":" blue.","label":true})"},
    {TrlType::kUnpairedPreference,
     R"({"prompt":[{"role":"user","content":"What color is the sky?"}],
         "completion":[{"role":"assistant","content":"It is green."}],"label":false})"},
    {TrlType::kStepwiseSupervision,
     R"({"prompt":"Which number is larger, 9.8 or 9.11?",
         "completions":["The fractional part of 9.8 is 0.8.","0.8 > 0.11, so 9.8 is larger."],
         "labels":[true,true]})"},
    {TrlType::kStepwiseSupervision,
     R"({"prompt":[{"role":"user","content":"Which is larger, 9.8 or 9.11?"}],
         "completions":["9.11 is larger."],"labels":[false]})"},
};

TEST(RecordValidatorTest, SpecExamplesOfEveryTypeAndFormAreValid) {
  for (const auto& example : kSpecExamples) ExpectValid(example.json, example.type);
}

TEST(RecordValidatorTest, ExtraColumnsAreAllowed) {
  ExpectValid(R"({"id":7,"prompt":"p","completion":"c","margin":0.5,"source":"x"})",
              TrlType::kPromptCompletion);
  ExpectValid(R"({"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hey"}],
                  "tools":[{"type":"function","function":{"name":"w"}}]})",
              TrlType::kLanguageModeling);
}

TEST(RecordValidatorTest, OptionalColumnsMustHaveTheirTypes) {
  const char* messages =
      R"("messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hey"}])";
  std::string tools_text = std::string("{") + messages + R"(,"tools":"[{\"name\":\"w\"}]"})";
  EXPECT_THAT(ExpectOnly(tools_text, TrlType::kLanguageModeling, "wrong_type", "tools"),
              HasSubstr("not JSON text"));
  std::string tools_strings = std::string("{") + messages + R"(,"tools":["w"]})";
  ExpectOnly(tools_strings, TrlType::kLanguageModeling, "wrong_type", "tools");
  ExpectOnly(R"({"chosen":"a b","rejected":"a c","margin":"1"})", TrlType::kImplicitPreference,
             "wrong_type", "margin");
  ExpectValid(R"({"chosen":"a b","rejected":"a c","margin":null})", TrlType::kImplicitPreference);
}

TEST(RecordValidatorTest, ToolCallConversationIsValid) {
  ExpectValid(R"({"messages":[
    {"role":"user","content":"Weather in Paris?"},
    {"role":"assistant","tool_calls":[{"id":"c1","type":"function",
      "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
    {"role":"tool","name":"get_weather","tool_call_id":"c1","content":"22 C"},
    {"role":"assistant","content":"22 C in Paris."}]})",
              TrlType::kLanguageModeling);
  // A preference pair whose answers call tools.
  ExpectValid(R"({"prompt":[{"role":"user","content":"Weather?"}],
    "chosen":[{"role":"assistant","tool_calls":[{"function":{"name":"w","arguments":{}}}]},
              {"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C."}],
    "rejected":[{"role":"assistant","content":"No idea."}]})",
              TrlType::kPreference);
}

// --- missing_column --------------------------------------------------------------------------

TEST(RecordValidatorTest, MissingColumn) {
  std::string message =
      ExpectOnly(R"({"prompt":"p"})", TrlType::kPromptCompletion, "missing_column", "completion");
  EXPECT_THAT(message, HasSubstr("'completion' is missing"));
  ExpectOnly(R"({"prompt":"p","chosen":"c"})", TrlType::kPreference, "missing_column", "rejected");
  ExpectOnly(R"({"chosen":"c","rejected":"r"})", TrlType::kPreference, "missing_column", "prompt");
  ExpectOnly(R"({"prompt":"p","completion":"c"})", TrlType::kUnpairedPreference, "missing_column",
             "label");
  ExpectOnly(R"({"other":"x"})", TrlType::kLanguageModeling, "missing_column", "text");
  ExpectOnly(R"({"prompt":"p","completions":["a"]})", TrlType::kStepwiseSupervision,
             "missing_column", "labels");
  ExpectOnly(R"({"completion":"c"})", TrlType::kPromptOnly, "missing_column", "prompt");
}

TEST(RecordValidatorTest, NullColumnIsMissing) {
  std::string message = ExpectOnly(R"({"prompt":null,"completion":"c"})",
                                   TrlType::kPromptCompletion, "missing_column", "prompt");
  EXPECT_THAT(message, HasSubstr("'prompt' is null"));
  // messages: null falls back to text.
  ExpectOnly(R"({"messages":null})", TrlType::kLanguageModeling, "missing_column", "text");
}

TEST(RecordValidatorTest, EveryMissingColumnIsReported) {
  auto violations = Check(R"({"x":1})", TrlType::kPreference);
  EXPECT_THAT(Rules(violations), ElementsAre("missing_column", "missing_column", "missing_column"))
      << Describe(violations);
}

// --- wrong_type ------------------------------------------------------------------------------

TEST(RecordValidatorTest, WrongType) {
  std::string message =
      ExpectOnly(R"({"text":42})", TrlType::kLanguageModeling, "wrong_type", "text");
  EXPECT_THAT(message, HasSubstr("got number"));
  message = ExpectOnly(R"({"prompt":{"role":"user","content":"Hi"}})", TrlType::kPromptOnly,
                       "wrong_type", "prompt");
  EXPECT_THAT(message, HasSubstr("got object"));
  ExpectOnly(R"({"prompt":"p","completion":true})", TrlType::kPromptCompletion, "wrong_type",
             "completion");
  ExpectOnly(R"({"prompt":"p","completions":"one step","labels":[true]})",
             TrlType::kStepwiseSupervision, "wrong_type", "completions");
  ExpectOnly(R"({"prompt":"p","completions":["a"],"labels":true})", TrlType::kStepwiseSupervision,
             "wrong_type", "labels");
  ExpectOnly(R"({"prompt":"p","completions":["a",7],"labels":[true,false]})",
             TrlType::kStepwiseSupervision, "wrong_type", "completions[1]");
  ExpectOnly(R"({"messages":"Hi"})", TrlType::kLanguageModeling, "wrong_type", "messages");
}

TEST(RecordValidatorTest, WrongTypeHintsAtLlamaFactoryTurns) {
  // LLaMA-Factory preference: chosen / rejected are single {from, value} turns.
  auto violations = Check(R"({"prompt":"p","chosen":{"from":"gpt","value":"a"},
                             "rejected":{"from":"gpt","value":"b"}})",
                          TrlType::kPreference);
  const Violation* wrong = Find(violations, "wrong_type");
  ASSERT_NE(wrong, nullptr) << Describe(violations);
  EXPECT_EQ(wrong->field, "chosen");
  EXPECT_THAT(wrong->message, HasSubstr("--to preference"));
}

// --- empty_string ----------------------------------------------------------------------------

TEST(RecordValidatorTest, EmptyString) {
  ExpectOnly(R"({"text":""})", TrlType::kLanguageModeling, "empty_string", "text");
  ExpectOnly(R"({"prompt":"p","completion":" \n "})", TrlType::kPromptCompletion, "empty_string",
             "completion");
  ExpectOnly(R"({"prompt":"\t","chosen":"a","rejected":"b"})", TrlType::kPreference, "empty_string",
             "prompt");
  ExpectOnly(R"({"prompt":"p","completions":["a",""],"labels":[true,false]})",
             TrlType::kStepwiseSupervision, "empty_string", "completions[1]");
  ExpectValid(R"({"text":" x "})", TrlType::kLanguageModeling);
}

TEST(RecordValidatorTest, AllowEmptyStrings) {
  ValidationOptions options;
  options.allow_empty_strings = true;
  ExpectValid(R"({"text":""})", TrlType::kLanguageModeling, options);
  ExpectValid(R"({"prompt":"p","completion":" "})", TrlType::kPromptCompletion, options);
  ExpectValid(R"({"messages":[{"role":"user","content":""},{"role":"assistant","content":""}]})",
              TrlType::kLanguageModeling, options);
}

// --- mixed_forms -----------------------------------------------------------------------------

TEST(RecordValidatorTest, MixedForms) {
  std::string message = ExpectOnly(
      R"({"prompt":"The sky is","completion":[{"role":"assistant","content":"It is blue."}]})",
      TrlType::kPromptCompletion, "mixed_forms", "completion");
  EXPECT_THAT(message, HasSubstr("'completion' is a list but 'prompt' is a string"));
  ExpectOnly(R"({"prompt":[{"role":"user","content":"Q"}],"chosen":"a",
                 "rejected":[{"role":"assistant","content":"b"}]})",
             TrlType::kPreference, "mixed_forms", "chosen");
  ExpectOnly(R"({"chosen":"The sky is blue.",
                 "rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})",
             TrlType::kImplicitPreference, "mixed_forms", "rejected");
  ExpectOnly(R"({"prompt":"p","completion":[{"role":"assistant","content":"c"}],"label":true})",
             TrlType::kUnpairedPreference, "mixed_forms", "completion");
}

// --- message lists inside records ------------------------------------------------------------

TEST(RecordValidatorTest, MessageRulesApplyPerColumnAndKind) {
  // A prompt list must not end with the assistant; a completion list must start with it.
  ExpectOnly(R"({"prompt":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                 "completion":[{"role":"assistant","content":"B"}]})",
             TrlType::kPromptCompletion, "bad_prompt_end", "prompt");
  ExpectOnly(R"({"prompt":[{"role":"user","content":"Q"}],
                 "completion":[{"role":"user","content":"Q2"},{"role":"assistant","content":"B"}]})",
             TrlType::kPromptCompletion, "bad_turn_order", "completion[0].role");
  // Explicit preference: chosen is a completion; implicit: a whole conversation.
  ExpectOnly(R"({"chosen":[{"role":"user","content":"Q"},{"role":"user","content":"Q again"},
                            {"role":"assistant","content":"A"}],
                 "rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"B"}]})",
             TrlType::kImplicitPreference, "bad_turn_order", "chosen[1].role");
  auto violations = Check(R"({"messages":[{"role":"human","content":"Hi"},
                                          {"role":"assistant","content":"Hey"}]})",
                          TrlType::kLanguageModeling);
  ASSERT_NE(Find(violations, "unknown_role"), nullptr) << Describe(violations);
  EXPECT_EQ(Find(violations, "unknown_role")->field, "messages[0].role");
}

TEST(RecordValidatorTest, RequireAssistantLastOption) {
  const char* json =
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"},
                                     {"role":"user","content":"Thanks"}]})";
  ExpectOnly(json, TrlType::kLanguageModeling, "last_turn_not_assistant", "messages");
  ValidationOptions options;
  options.require_assistant_last = false;
  ExpectValid(json, TrlType::kLanguageModeling, options);
}

TEST(RecordValidatorTest, ExtraRolesOption) {
  const char* json = R"({"messages":[{"role":"user","content":"Q"},
                                     {"role":"narrator","content":"later"},
                                     {"role":"assistant","content":"A"}]})";
  ExpectOnly(json, TrlType::kLanguageModeling, "unknown_role", "messages[1].role");
  ValidationOptions options;
  options.extra_roles = {"narrator"};
  ExpectValid(json, TrlType::kLanguageModeling, options);
}

// --- chosen_equals_rejected ------------------------------------------------------------------

TEST(RecordValidatorTest, ChosenEqualsRejected) {
  ExpectOnly(R"({"prompt":"p","chosen":" same","rejected":" same"})", TrlType::kPreference,
             "chosen_equals_rejected", "rejected");
  ExpectOnly(R"({"prompt":[{"role":"user","content":"Q"}],
                 "chosen":[{"role":"assistant","content":"A"}],
                 "rejected":[{"role":"assistant", "content":"A"}]})",
             TrlType::kPreference, "chosen_equals_rejected", "rejected");
  ExpectOnly(R"({"chosen":"The sky is blue.","rejected":"The sky is blue."})",
             TrlType::kImplicitPreference, "chosen_equals_rejected", "rejected");
  ExpectValid(R"({"prompt":"p","chosen":" same","rejected":" Same"})", TrlType::kPreference);
}

// --- no_shared_prompt ------------------------------------------------------------------------

TEST(RecordValidatorTest, NoSharedPromptInStrings) {
  ExpectOnly(R"({"chosen":"Blue.","rejected":"Green."})", TrlType::kImplicitPreference,
             "no_shared_prompt", "chosen");
  ExpectValid(R"({"chosen":"Q: sky? A: Blue.","rejected":"Q: sky? A: Green."})",
              TrlType::kImplicitPreference);
  // The explicit form has its prompt in a column.
  ExpectValid(R"({"prompt":"p","chosen":"Blue.","rejected":"Green."})", TrlType::kPreference);
}

TEST(RecordValidatorTest, NoSharedPromptInConversations) {
  std::string message = ExpectOnly(
      R"({"chosen":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A"}],
          "rejected":[{"role":"user","content":"Q2"},{"role":"assistant","content":"B"}]})",
      TrlType::kImplicitPreference, "no_shared_prompt", "chosen");
  EXPECT_THAT(message, HasSubstr("first turn"));
  // One conversation is a prefix of the other.
  message = ExpectOnly(
      R"({"chosen":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
          "rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"},
                      {"role":"user","content":"Q2"},{"role":"assistant","content":"B"}]})",
      TrlType::kImplicitPreference, "no_shared_prompt", "chosen");
  EXPECT_THAT(message, HasSubstr("prefix"));
  // Messages compare by value, not by spacing.
  ExpectValid(R"({"chosen":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                  "rejected":[{"role":"user", "content":"Q"},{"role":"assistant","content":"B"}]})",
              TrlType::kImplicitPreference);
}

// --- label_not_bool --------------------------------------------------------------------------

TEST(RecordValidatorTest, KtoLabelMustBeABool) {
  std::string message = ExpectOnly(R"({"prompt":"p","completion":"c","label":1})",
                                   TrlType::kUnpairedPreference, "label_not_bool", "label");
  EXPECT_THAT(message, HasSubstr("got number 1"));
  message = ExpectOnly(R"({"prompt":"p","completion":"c","label":"true"})",
                       TrlType::kUnpairedPreference, "label_not_bool", "label");
  EXPECT_THAT(message, HasSubstr("got string \"true\""));
  message = ExpectOnly(R"({"prompt":"p","completion":"c","label":[true]})",
                       TrlType::kUnpairedPreference, "label_not_bool", "label");
  EXPECT_THAT(message, HasSubstr("got list"));
  ExpectValid(R"({"prompt":"p","completion":"c","label":false})", TrlType::kUnpairedPreference);
}

TEST(RecordValidatorTest, StepLabelsMustBeBools) {
  ExpectOnly(R"({"prompt":"p","completions":["a","b"],"labels":[true,0]})",
             TrlType::kStepwiseSupervision, "label_not_bool", "labels[1]");
}

// --- length_mismatch -------------------------------------------------------------------------

TEST(RecordValidatorTest, LengthMismatch) {
  std::string message =
      ExpectOnly(R"({"prompt":"p","completions":["a","b","c"],"labels":[true,false]})",
                 TrlType::kStepwiseSupervision, "length_mismatch", "labels");
  EXPECT_THAT(message, HasSubstr("3 completions but 2 labels"));
  ExpectValid(R"({"prompt":"p","completions":["a","b"],"labels":[true,false]})",
              TrlType::kStepwiseSupervision);
}

// --- a record of the wrong type --------------------------------------------------------------

TEST(RecordValidatorTest, RecordCheckedAgainstAnotherType) {
  auto violations = Check(R"({"text":"The sky is blue."})", TrlType::kPreference);
  EXPECT_THAT(Rules(violations), ElementsAre("missing_column", "missing_column", "missing_column"));
  ExpectValid(R"({"prompt":"p","completion":"c","label":true})", TrlType::kPromptCompletion);
}

}  // namespace
}  // namespace winnow
