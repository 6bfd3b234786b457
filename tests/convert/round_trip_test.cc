// Round trips between formats: messages -> sharegpt -> messages gives the same messages, and
// prompt_completion -> messages -> prompt_completion gives the same prompt and completion; on
// hand-written records and on the converted samples of real data.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using convert_test::Compact;
using convert_test::Convert;
using convert_test::JsonDoc;
using convert_test::LoadRecords;
using convert_test::SamplePath;
using convert_test::StepRun;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

// messages -> to_sharegpt -> to_messages; returns the final records.
std::vector<std::string> ThroughShareGpt(const std::vector<std::string>& records,
                                         std::map<std::string, std::string> to_messages = {}) {
  StepRun sharegpt = Convert("to_sharegpt", {}, records);
  EXPECT_THAT(sharegpt.reasons, IsEmpty());
  StepRun back = Convert("to_messages", std::move(to_messages), sharegpt.out);
  EXPECT_THAT(back.reasons, IsEmpty());
  return back.out;
}

// prompt/completion -> to_messages -> to_prompt_completion.
std::vector<std::string> ThroughMessages(
    const std::vector<std::string>& records,
    std::map<std::string, std::string> to_prompt_completion = {}) {
  StepRun messages = Convert("to_messages", {}, records);
  EXPECT_THAT(messages.reasons, IsEmpty());
  StepRun back = Convert("to_prompt_completion", std::move(to_prompt_completion), messages.out);
  EXPECT_THAT(back.reasons, IsEmpty());
  return back.out;
}

const std::vector<std::string> kConversations = {
    R"({"messages":[{"role":"user","content":"What color is the sky?"},{"role":"assistant","content":"It is blue."}]})",
    R"({"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"user","content":"Bye"},{"role":"assistant","content":"Bye!"}]})",
    // Tool calls as OpenAI writes them (no ids, content absent), the tool turn named after its
    // call.
    R"({"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","content":"22 C","name":"get_weather"},{"role":"assistant","content":"22 C and sunny."}]})",
    // Parallel calls.
    R"({"messages":[{"role":"user","content":"Both?"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"a","arguments":"{}"}},{"type":"function","function":{"name":"b","arguments":"{\"x\":1}"}}]},{"role":"tool","content":"A","name":"a"},{"role":"tool","content":"B","name":"b"},{"role":"assistant","content":"Done."}]})",
    // Text with quotes, newlines and non-ASCII.
    R"({"messages":[{"role":"user","content":"Say \"hi\"\nin French"},{"role":"assistant","content":"« Salut » 😊"}]})",
};

TEST(RoundTripTest, MessagesThroughShareGptAreUnchanged) {
  EXPECT_THAT(ThroughShareGpt(kConversations), ElementsAreArray(kConversations));
}

TEST(RoundTripTest, OtherColumnsTravelAlong) {
  std::vector<std::string> records = {
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],"id":5,"tools":[{"type":"function","function":{"name":"w"}}]})"};
  std::vector<std::string> back = ThroughShareGpt(records);
  ASSERT_EQ(back.size(), 1u);
  JsonDoc doc(back[0]);
  EXPECT_EQ(Compact(doc["messages"]), Compact(JsonDoc(records[0])["messages"]));
  EXPECT_EQ(Compact(doc["tools"]), R"([{"type":"function","function":{"name":"w"}}])");
  EXPECT_EQ(Compact(doc["id"]), "5");
}

// Regression: an assistant turn with content and tool calls survives messages -> ShareGPT ->
// messages as one turn (ShareGPT writes it as gpt + function_call).
TEST(RoundTripTest, AssistantContentBesideToolCallsSurvivesShareGpt) {
  std::vector<std::string> records = {
      R"({"messages":[{"role":"user","content":"W?"},{"role":"assistant","content":"Let me check.","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{}"}}]},{"role":"tool","content":"22","name":"w"},{"role":"assistant","content":"22 C"}]})",
      R"({"messages":[{"role":"user","content":"W?"},{"role":"assistant","content":"","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{}"}}]},{"role":"tool","content":"22","name":"w"},{"role":"assistant","content":"22 C"}]})",
  };
  StepRun sharegpt = Convert("to_sharegpt", {}, records);
  StepRun back = Convert("to_messages", {}, sharegpt.out);
  EXPECT_THAT(back.reasons, IsEmpty());
  EXPECT_EQ(back.out.size(), 2u);
}

TEST(RoundTripTest, PromptCompletionThroughMessagesIsUnchanged) {
  std::vector<std::string> conversational = {
      R"({"prompt":[{"role":"user","content":"What color is the sky?"}],"completion":[{"role":"assistant","content":"It is blue."}]})",
      R"({"prompt":[{"role":"system","content":"S"},{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},{"role":"user","content":"Q2"}],"completion":[{"role":"assistant","content":"A2"}]})",
      R"({"prompt":[{"role":"user","content":"W?"}],"completion":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{}"}}]},{"role":"tool","content":"22 C","name":"w"},{"role":"assistant","content":"22 C."}]})",
  };
  EXPECT_THAT(ThroughMessages(conversational), ElementsAreArray(conversational));
  std::vector<std::string> standard = {R"({"prompt":"The sky is","completion":" blue."})",
                                       R"({"prompt":"2+2=","completion":"4","id":9})"};
  EXPECT_THAT(ThroughMessages(standard, {{"form", "standard"}}), ElementsAreArray(standard));
}

// --- on the real-data samples ----------------------------------------------------------------

// The "messages" (and "tools") columns of each record.
std::vector<std::string> ConversationColumns(const std::vector<std::string>& records) {
  std::vector<std::string> out;
  for (const auto& json : records) {
    JsonDoc doc(json);
    std::string columns = Compact(doc["messages"]);
    simdjson::dom::element tools;
    if (!doc.root()["tools"].get(tools)) columns += Compact(tools);
    out.push_back(std::move(columns));
  }
  return out;
}

TEST(RoundTripTest, RealConversationsThroughShareGpt) {
  for (const char* file :
       {"llamafactory/glaive_toolcall_en_demo.json", "llamafactory/alpaca_en_demo.json",
        "llamafactory/v1_sft_demo.jsonl", "conversational/axolotl_conversation.json"}) {
    SCOPED_TRACE(file);
    // ShareGPT has no place for extra message keys (loss_weight): compare without them.
    StepRun messages =
        Convert("to_messages", {{"keep_message_keys", "false"}}, LoadRecords(SamplePath(file)));
    ASSERT_FALSE(messages.out.empty());
    EXPECT_THAT(ConversationColumns(ThroughShareGpt(messages.out)),
                ElementsAreArray(ConversationColumns(messages.out)));
  }
}

TEST(RoundTripTest, RealKtoRowsThroughMessages) {
  StepRun kto = Convert("to_kto", {}, LoadRecords(SamplePath("llamafactory/kto_en_demo.json")));
  ASSERT_EQ(kto.out.size(), 10u);
  // prompt/completion/label -> messages (+ label) -> prompt/completion (+ label): field by field,
  // as the label moves behind the new columns.
  std::vector<std::string> back = ThroughMessages(kto.out);
  ASSERT_EQ(back.size(), kto.out.size());
  for (size_t i = 0; i < back.size(); ++i) {
    JsonDoc before(kto.out[i]);
    JsonDoc after(back[i]);
    EXPECT_EQ(Compact(after["prompt"]), Compact(before["prompt"])) << i;
    EXPECT_EQ(Compact(after["completion"]), Compact(before["completion"])) << i;
    EXPECT_EQ(Compact(after["label"]), Compact(before["label"])) << i;
  }
}

TEST(RoundTripTest, RealPreferencePromptsThroughKto) {
  // preference -> kto: both rows carry the pair's prompt, and the completions are chosen /
  // rejected.
  StepRun preference =
      Convert("to_preference", {}, LoadRecords(SamplePath("llamafactory/dpo_en_demo.json")));
  StepRun kto = Convert("to_kto", {}, preference.out);
  ASSERT_EQ(kto.out.size(), 2 * preference.out.size());
  for (size_t i = 0; i < preference.out.size(); ++i) {
    JsonDoc pair(preference.out[i]);
    JsonDoc good(kto.out[2 * i]);
    JsonDoc bad(kto.out[2 * i + 1]);
    EXPECT_EQ(Compact(good["prompt"]), Compact(pair["prompt"]));
    EXPECT_EQ(Compact(bad["prompt"]), Compact(pair["prompt"]));
    EXPECT_EQ(Compact(good["completion"]), Compact(pair["chosen"]));
    EXPECT_EQ(Compact(bad["completion"]), Compact(pair["rejected"]));
  }
}

}  // namespace
}  // namespace winnow
