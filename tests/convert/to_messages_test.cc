#include "winnow/convert/to_messages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using convert_test::Convert;
using convert_test::ExpectConverts;
using convert_test::ExpectRejected;
using convert_test::MakeStep;
using convert_test::RunStep;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// --- ShareGPT --------------------------------------------------------------------------------

TEST(ToMessagesTest, ShareGptConversation) {
  ExpectConverts("to_messages", {},
                 R"({"id":7,"conversations":[{"from":"human","value":"What color is the sky?"},
                                             {"from":"gpt","value":"It is blue."}]})",
                 R"({"messages":[{"role":"user","content":"What color is the sky?"},)"
                 R"({"role":"assistant","content":"It is blue."}],"id":7})");
}

TEST(ToMessagesTest, OtherColumnsCanBeDropped) {
  ExpectConverts(
      "to_messages", {{"keep_columns", "false"}},
      R"({"id":7,"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})",
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})");
}

TEST(ToMessagesTest, ShareGptToolCallsAndToolsColumn) {
  // LLaMA-Factory's glaive_toolcall shape: tools as JSON text of bare function schemas.
  ExpectConverts(
      "to_messages", {},
      R"({"conversations":[
            {"from":"human","value":"Recipes with rice?"},
            {"from":"function_call","value":"{\"name\": \"search\", \"arguments\": {\"q\": \"rice\"}}"},
            {"from":"observation","value":"{\"hits\": 2}"},
            {"from":"gpt","value":"Two recipes."}],
          "tools":"[{\"name\": \"search\", \"description\": \"Find recipes\", \"parameters\": {\"type\": \"object\"}}]"})",
      R"({"messages":[{"role":"user","content":"Recipes with rice?"},)"
      R"({"role":"assistant","tool_calls":[{"type":"function","function":{"name":"search",)"
      R"("arguments":"{\"q\":\"rice\"}"}}]},)"
      R"({"role":"tool","content":"{\"hits\": 2}","name":"search"},)"
      R"({"role":"assistant","content":"Two recipes."}],)"
      R"("tools":[{"type":"function","function":{"name":"search","description":"Find recipes",)"
      R"("parameters":{"type":"object"}}}]})");
}

TEST(ToMessagesTest, ToolCallArgumentsAsObjects) {
  ExpectConverts(
      "to_messages", {{"arguments", "object"}},
      R"({"conversations":[{"from":"human","value":"Q"},
            {"from":"function_call","value":"{\"name\": \"w\", \"arguments\": \"{\\\"c\\\": 1}\"}"},
            {"from":"observation","value":"R"},{"from":"gpt","value":"A"}]})",
      R"({"messages":[{"role":"user","content":"Q"},)"
      R"({"role":"assistant","tool_calls":[{"type":"function","function":{"name":"w","arguments":{"c":1}}}]},)"
      R"({"role":"tool","content":"R","name":"w"},{"role":"assistant","content":"A"}]})");
}

TEST(ToMessagesTest, ToolsColumnForms) {
  // Already OpenAI function schemas: kept. Empty text: an empty list.
  ExpectConverts(
      "to_messages", {},
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                     "tools":[{"type":"function","function":{"name":"w"}}]})",
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],)"
      R"("tools":[{"type":"function","function":{"name":"w"}}]})");
  ExpectConverts(
      "to_messages", {},
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                     "tools":""})",
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],)"
      R"("tools":[]})");
  std::string reason = ExpectRejected(
      "to_messages", {},
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
          "tools":"[{\"description\": \"no name\"}]"})");
  EXPECT_THAT(reason, HasSubstr("tools[0]: expected a function schema with a name"));
  reason = ExpectRejected(
      "to_messages", {},
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
          "tools":"not json"})");
  EXPECT_THAT(reason, HasSubstr("tools: a string, but not JSON"));
}

TEST(ToMessagesTest, SystemColumnBecomesTheFirstTurn) {
  ExpectConverts("to_messages", {},
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}],
                     "system":"Be brief."})",
                 R"({"messages":[{"role":"system","content":"Be brief."},)"
                 R"({"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})");
  // Not when the conversation has its own system turn.
  ExpectConverts("to_messages", {},
                 R"({"conversations":[{"from":"system","value":"Own."},{"from":"human","value":"Q"},
                                     {"from":"gpt","value":"A"}],"system":"Be brief."})",
                 R"({"messages":[{"role":"system","content":"Own."},)"
                 R"({"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})");
}

TEST(ToMessagesTest, SystemOptionForRecordsWithoutOne) {
  ExpectConverts("to_messages", {{"system", "Default."}},
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})",
                 R"({"messages":[{"role":"system","content":"Default."},)"
                 R"({"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})");
  ExpectConverts("to_messages", {{"system", "Default."}},
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}],
                     "system":"Own."})",
                 R"({"messages":[{"role":"system","content":"Own."},)"
                 R"({"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})");
}

TEST(ToMessagesTest, ConversationColumnByName) {
  ExpectConverts(
      "to_messages", {{"from", "sharegpt"}, {"field", "dialog"}},
      R"({"dialog":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})",
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})");
}

// --- OpenAI messages (normalised) -----------------------------------------------------------

TEST(ToMessagesTest, MessagesAreNormalised) {
  // LLaMA-Factory v1: text parts spelled "value", loss_weight kept.
  ExpectConverts(
      "to_messages", {},
      R"({"messages":[{"role":"user","content":[{"type":"text","value":"hi"}],"loss_weight":0.0},
                      {"role":"assistant","content":[{"type":"text","value":"Hello!"}],"loss_weight":1.0}]})",
      R"({"messages":[{"role":"user","content":"hi","loss_weight":0.0},)"
      R"({"role":"assistant","content":"Hello!","loss_weight":1.0}]})");
  ExpectConverts(
      "to_messages", {{"keep_message_keys", "false"}},
      R"({"messages":[{"role":"human","content":"hi","loss_weight":0.0},
                      {"role":"gpt","content":"Hello!"}]})",
      R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"Hello!"}]})");
}

// Regression: a message's "name" (OpenAI's participant name) is kept on every role.
TEST(ToMessagesTest, ParticipantNamesAreKept) {
  ExpectConverts(
      "to_messages", {},
      R"({"messages":[{"role":"user","name":"Bob","content":"Hi"},{"role":"assistant","content":"Hello"}]})",
      R"({"messages":[{"role":"user","content":"Hi","name":"Bob"},{"role":"assistant","content":"Hello"}]})");
}

// --- Alpaca ----------------------------------------------------------------------------------

TEST(ToMessagesTest, AlpacaWithAndWithoutInput) {
  ExpectConverts(
      "to_messages", {},
      R"({"instruction":"Reverse the words.","input":"Hello world","output":"world Hello"})",
      R"({"messages":[{"role":"user","content":"Reverse the words.\n\nHello world"},)"
      R"({"role":"assistant","content":"world Hello"}]})");
  ExpectConverts("to_messages", {},
                 R"({"instruction":"Describe crepes.","input":"","output":"Thin pancakes."})",
                 R"({"messages":[{"role":"user","content":"Describe crepes."},)"
                 R"({"role":"assistant","content":"Thin pancakes."}]})");
  ExpectConverts(
      "to_messages", {{"alpaca_separator", "\n"}},
      R"({"instruction":"I","input":"X","output":"O"})",
      R"({"messages":[{"role":"user","content":"I\nX"},{"role":"assistant","content":"O"}]})");
}

TEST(ToMessagesTest, AlpacaWithSystemAndHistory) {
  ExpectConverts("to_messages", {},
                 R"({"instruction":"And 3+3?","input":"","output":"6","system":"Maths tutor.",
                     "history":[["1+1?","2"],["2+2?","4"]]})",
                 R"({"messages":[{"role":"system","content":"Maths tutor."},)"
                 R"({"role":"user","content":"1+1?"},{"role":"assistant","content":"2"},)"
                 R"({"role":"user","content":"2+2?"},{"role":"assistant","content":"4"},)"
                 R"({"role":"user","content":"And 3+3?"},{"role":"assistant","content":"6"}]})");
}

// Regression: an empty Alpaca instruction does not leave a leading separator.
TEST(ToMessagesTest, AlpacaWithEmptyInstructionUsesTheInputAlone) {
  ExpectConverts(
      "to_messages", {}, R"({"instruction":"","input":"X","output":"O"})",
      R"({"messages":[{"role":"user","content":"X"},{"role":"assistant","content":"O"}]})");
}

TEST(ToMessagesTest, AlpacaErrors) {
  EXPECT_THAT(ExpectRejected("to_messages", {},
                             R"({"instruction":"I","output":"O","history":[["only one"]]})"),
              HasSubstr("history[0]: expected [instruction, response] strings"));
  EXPECT_THAT(ExpectRejected("to_messages", {}, R"({"instruction":7,"output":"O"})"),
              HasSubstr("instruction: expected a string"));
  // An empty output gives an invalid conversation.
  EXPECT_THAT(ExpectRejected("to_messages", {}, R"({"instruction":"I","input":"","output":""})"),
              HasSubstr("empty_content: messages[1].content"));
}

// --- prompt/completion -----------------------------------------------------------------------

TEST(ToMessagesTest, PromptCompletionBothForms) {
  ExpectConverts("to_messages", {}, R"({"prompt":"The sky is","completion":" blue."})",
                 R"({"messages":[{"role":"user","content":"The sky is"},)"
                 R"({"role":"assistant","content":" blue."}]})");
  ExpectConverts("to_messages", {},
                 R"({"prompt":[{"role":"system","content":"S"},{"role":"user","content":"Q"}],
                     "completion":[{"role":"assistant","content":"A"}]})",
                 R"({"messages":[{"role":"system","content":"S"},{"role":"user","content":"Q"},)"
                 R"({"role":"assistant","content":"A"}]})");
  EXPECT_THAT(ExpectRejected("to_messages", {},
                             R"({"prompt":"Q","completion":[{"role":"assistant","content":"A"}]})"),
              HasSubstr("prompt and completion are in different forms"));
}

// --- rejects ---------------------------------------------------------------------------------

TEST(ToMessagesTest, UnknownShapeIsRejected) {
  auto step = MakeStep("to_messages");
  ASSERT_NE(step, nullptr);
  auto run = RunStep(
      *step, {R"({"text":"plain"})",
              R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})"});
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(run.out.size(), 1u);
  ASSERT_EQ(run.reasons.size(), 1u);
  EXPECT_THAT(run.reasons[0], HasSubstr("no conversation found"));
  EXPECT_THAT(run.rejected_inputs, ElementsAre(R"({"text":"plain"})"));
  EXPECT_EQ(step->counters().Get("input"), 2u);
  EXPECT_EQ(step->counters().Get("output"), 1u);
  EXPECT_EQ(step->counters().Get("rejected.unknown_format"), 1u);
}

TEST(ToMessagesTest, GivenSourceWithoutItsColumn) {
  EXPECT_EQ(ExpectRejected("to_messages", {{"from", "sharegpt"}},
                           R"({"messages":[{"role":"user","content":"Q"}]})"),
            "missing column 'conversations'");
}

TEST(ToMessagesTest, BadRolesAreRejectedWithTheField) {
  EXPECT_EQ(ExpectRejected("to_messages", {},
                           R"({"conversations":[{"from":"human","value":"Q"},
                                                {"from":"narrator","value":"later"}]})"),
            "conversations[1].from: unknown role 'narrator'");
}

TEST(ToMessagesTest, InvalidOutputsAreRejectedNotWritten) {
  auto step = MakeStep("to_messages");
  ASSERT_NE(step, nullptr);
  auto run = RunStep(
      *step, {
                 // axolotl's conversation.missingturns.json: an empty gpt turn.
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":""}]})",
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"},
                                                     {"from":"human","value":"Thanks"}]})",
                 R"({"conversations":[{"from":"gpt","value":"Hi"},{"from":"human","value":"Q"},
                                                     {"from":"gpt","value":"A"}]})",
             });
  EXPECT_TRUE(run.out.empty());
  ASSERT_EQ(run.reasons.size(), 3u);
  EXPECT_EQ(run.reasons[0],
            "the converted language_modeling record would be invalid: empty_content: "
            "messages[1].content: content is empty or only whitespace");
  EXPECT_THAT(run.reasons[1], HasSubstr("last_turn_not_assistant"));
  EXPECT_THAT(run.reasons[2], HasSubstr("bad_turn_order"));
  EXPECT_EQ(step->counters().Get("rejected.invalid_output"), 3u);
}

TEST(ToMessagesTest, OptionsAreChecked) {
  EXPECT_FALSE(
      CreateStep("to_messages", StepOptions("to_messages", {{"from", "csv"}})).has_value());
  EXPECT_FALSE(
      CreateStep("to_messages", StepOptions("to_messages", {{"arguments", "yaml"}})).has_value());
  auto margin = CreateStep("to_messages", StepOptions("to_messages", {{"margin", "1"}}));
  ASSERT_FALSE(margin.has_value());
  EXPECT_THAT(margin.error().message(), HasSubstr("unknown option 'margin'"));
}

TEST(ToMessagesTest, ParseChatSource) {
  EXPECT_EQ(ParseChatSource("auto").value(), ChatSource::kAuto);
  EXPECT_EQ(ParseChatSource("sharegpt").value(), ChatSource::kShareGpt);
  EXPECT_EQ(ParseChatSource("openai").value(), ChatSource::kMessages);
  EXPECT_EQ(ParseChatSource("alpaca").value(), ChatSource::kAlpaca);
  EXPECT_EQ(ParseChatSource("prompt-completion").value(), ChatSource::kPromptCompletion);
  EXPECT_FALSE(ParseChatSource("chatml").has_value());
}

// --- to_sharegpt -----------------------------------------------------------------------------

TEST(ToShareGptTest, MessagesBecomeConversations) {
  ExpectConverts("to_sharegpt", {},
                 R"({"messages":[{"role":"system","content":"S"},{"role":"user","content":"Q"},
                                 {"role":"assistant","content":"A"}],"id":"x"})",
                 R"({"conversations":[{"from":"system","value":"S"},{"from":"human","value":"Q"},)"
                 R"({"from":"gpt","value":"A"}],"id":"x"})");
}

TEST(ToShareGptTest, ToolCallsBecomeFunctionCallTurns) {
  ExpectConverts("to_sharegpt", {},
                 R"({"messages":[{"role":"user","content":"Q"},
          {"role":"assistant","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{\"c\": 1}"}}]},
          {"role":"tool","name":"w","content":"R"},{"role":"assistant","content":"A"}]})",
                 R"({"conversations":[{"from":"human","value":"Q"},)"
                 R"({"from":"function_call","value":"{\"name\":\"w\",\"arguments\":{\"c\":1}}"},)"
                 R"({"from":"observation","value":"R"},{"from":"gpt","value":"A"}]})");
}

TEST(ToShareGptTest, Rejects) {
  EXPECT_EQ(ExpectRejected("to_sharegpt", {}, R"({"text":"t"})"), "missing column 'messages'");
  EXPECT_THAT(ExpectRejected("to_sharegpt", {}, R"({"messages":[{"role":"x","content":"c"}]})"),
              HasSubstr("unknown role 'x'"));
}

}  // namespace
}  // namespace winnow
