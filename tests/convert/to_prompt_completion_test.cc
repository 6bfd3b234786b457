#include "winnow/convert/to_prompt_completion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using convert_test::ExpectConverts;
using convert_test::ExpectRejected;
using ::testing::HasSubstr;

TEST(ToPromptCompletionTest, SplitsBeforeTheReplyToTheLastUserTurn) {
  ExpectConverts("to_prompt_completion", {},
                 R"({"messages":[{"role":"system","content":"S"},{"role":"user","content":"Q1"},
                                 {"role":"assistant","content":"A1"},{"role":"user","content":"Q2"},
                                 {"role":"assistant","content":"A2"}],"id":1})",
                 R"({"prompt":[{"role":"system","content":"S"},{"role":"user","content":"Q1"},)"
                 R"({"role":"assistant","content":"A1"},{"role":"user","content":"Q2"}],)"
                 R"("completion":[{"role":"assistant","content":"A2"}],"id":1})");
}

TEST(ToPromptCompletionTest, ToolRoundTripStaysInTheCompletion) {
  ExpectConverts("to_prompt_completion", {},
                 R"({"messages":[{"role":"user","content":"W?"},
          {"role":"assistant","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{}"}}]},
          {"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C."}]})",
                 R"({"prompt":[{"role":"user","content":"W?"}],)"
                 R"("completion":[{"role":"assistant","tool_calls":[{"type":"function","function":)"
                 R"({"name":"w","arguments":"{}"}}]},{"role":"tool","content":"22 C","name":"w"},)"
                 R"({"role":"assistant","content":"22 C."}]})");
}

TEST(ToPromptCompletionTest, StandardFormForSingleTurns) {
  ExpectConverts("to_prompt_completion", {{"form", "standard"}},
                 R"({"messages":[{"role":"user","content":"The sky is"},
                                 {"role":"assistant","content":" blue."}]})",
                 R"({"prompt":"The sky is","completion":" blue."})");
  EXPECT_THAT(ExpectRejected("to_prompt_completion", {{"form", "standard"}},
                             R"({"messages":[{"role":"system","content":"S"},
                                             {"role":"user","content":"Q"},
                                             {"role":"assistant","content":"A"}]})"),
              HasSubstr("the standard form needs one user turn and one assistant reply"));
  EXPECT_THAT(ExpectRejected("to_prompt_completion", {{"form", "standard"}},
                             R"({"messages":[{"role":"user","content":"Q"},
                         {"role":"assistant","content":"A","tool_calls":[{"function":{"name":"w"}}]}]})"),
              HasSubstr("standard form"));
}

TEST(ToPromptCompletionTest, ShareGptConversationsAreReadToo) {
  ExpectConverts("to_prompt_completion", {},
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})",
                 R"({"prompt":[{"role":"user","content":"Q"}],)"
                 R"("completion":[{"role":"assistant","content":"A"}]})");
  ExpectConverts("to_prompt_completion", {{"from", "sharegpt"}},
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})",
                 R"({"prompt":[{"role":"user","content":"Q"}],)"
                 R"("completion":[{"role":"assistant","content":"A"}]})");
}

TEST(ToPromptCompletionTest, Rejects) {
  EXPECT_EQ(
      ExpectRejected("to_prompt_completion", {}, R"({"messages":[{"role":"user","content":"Q"}]})"),
      "no assistant turn after the last user turn");
  EXPECT_EQ(ExpectRejected("to_prompt_completion", {},
                           R"({"messages":[{"role":"user","content":"Q"},
                                           {"role":"assistant","content":"A"},
                                           {"role":"user","content":"Thanks"}]})"),
            "no assistant turn after the last user turn");
  EXPECT_EQ(ExpectRejected("to_prompt_completion", {}, R"({"text":"t"})"),
            "missing column 'messages'");
  EXPECT_THAT(ExpectRejected("to_prompt_completion", {},
                             R"({"messages":[{"role":"user","content":"Q"},"A"]})"),
              HasSubstr("messages[1]: a message must be an object"));
  // The split is valid only when the prompt is: an empty reply is caught by the validator.
  EXPECT_THAT(ExpectRejected("to_prompt_completion", {},
                             R"({"messages":[{"role":"user","content":"Q"},
                                             {"role":"assistant","content":" "}]})"),
              HasSubstr("would be invalid: empty_content: completion[0].content"));
}

TEST(ToPromptCompletionTest, OptionsAreChecked) {
  auto bad_form =
      CreateStep("to_prompt_completion", StepOptions("to_prompt_completion", {{"form", "flat"}}));
  ASSERT_FALSE(bad_form.has_value());
  EXPECT_THAT(bad_form.error().message(), HasSubstr("form must be 'conversational' or 'standard'"));
  EXPECT_FALSE(
      CreateStep("to_prompt_completion", StepOptions("to_prompt_completion", {{"from", "alpaca"}}))
          .has_value());
  EXPECT_FALSE(
      CreateStep("to_prompt_completion", StepOptions("to_prompt_completion", {{"system", "S"}}))
          .has_value());
}

}  // namespace
}  // namespace winnow
