#include "winnow/convert/preference_pair.h"

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
using convert_test::JsonDoc;
using convert_test::MakeStep;
using convert_test::RunStep;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kQA = R"({"prompt":[{"role":"user","content":"Q"}],)"
                            R"("chosen":[{"role":"assistant","content":"A"}],)"
                            R"("rejected":[{"role":"assistant","content":"B"}]})";

// --- to_preference: explicit -----------------------------------------------------------------

TEST(ToPreferenceTest, ExplicitStandardStaysAsItIs) {
  ExpectConverts("to_preference", {},
                 R"({"prompt":"The sky is","chosen":" blue.","rejected":" green.","id":3})",
                 R"({"prompt":"The sky is","chosen":" blue.","rejected":" green.","id":3})");
}

TEST(ToPreferenceTest, ExplicitConversationalRolesAreMapped) {
  ExpectConverts("to_preference", {},
                 R"({"prompt":[{"from":"human","value":"Q"}],"chosen":[{"from":"gpt","value":"A"}],
                     "rejected":[{"role":"assistant","content":"B"}]})",
                 kQA);
}

// --- implicit prompt -------------------------------------------------------------------------

TEST(ToPreferenceTest, ImplicitStringsSplitAtTheCommonPrefix) {
  // TRL's extract_prompt: the space before the differing word goes with the answers.
  ExpectConverts("to_preference", {},
                 R"({"chosen":"The sky is blue.","rejected":"The sky is green."})",
                 R"({"prompt":"The sky is","chosen":" blue.","rejected":" green."})");
  ExpectConverts("to_preference", {{"from", "implicit"}, {"form", "standard"}},
                 R"({"chosen":"Answer: yes","rejected":"Answer: no"})",
                 R"({"prompt":"Answer:","chosen":" yes","rejected":" no"})");
}

// Regression: the standard-form split of implicit strings never cuts a UTF-8 character.
TEST(ToPreferenceTest, ImplicitStringsNeverSplitACharacter) {
  auto run =
      Convert("to_preference", {}, {R"({"chosen":"Q: 天空是蓝色","rejected":"Q: 天空是色"})"});
  ASSERT_EQ(run.out.size(), 1u);
  JsonDoc doc(run.out[0]);
  std::string prompt(doc["prompt"].get_string().value());
  std::string chosen(doc["chosen"].get_string().value());
  std::string rejected(doc["rejected"].get_string().value());
  EXPECT_EQ(prompt + chosen, "Q: 天空是蓝色");
  EXPECT_EQ(prompt + rejected, "Q: 天空是色");
}

TEST(ToPreferenceTest, ImplicitConversationsSplitAtTheSharedTurns) {
  ExpectConverts("to_preference", {},
                 R"({"chosen":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                     "rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"B"}]})",
                 kQA);
  // Multi-turn: the prompt is cut back to end with a user turn, even when the answers share more.
  ExpectConverts(
      "to_preference", {},
      R"({"chosen":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},
                    {"role":"user","content":"Q2"},{"role":"assistant","content":"A2"}],
          "rejected":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},
                      {"role":"user","content":"Q2"},{"role":"assistant","content":"B2"}]})",
      R"({"prompt":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},)"
      R"({"role":"user","content":"Q2"}],"chosen":[{"role":"assistant","content":"A2"}],)"
      R"("rejected":[{"role":"assistant","content":"B2"}]})");
}

TEST(ToPreferenceTest, ImplicitRejects) {
  EXPECT_THAT(ExpectRejected(
                  "to_preference", {},
                  R"({"chosen":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A"}],
                                 "rejected":[{"role":"user","content":"Q2"},{"role":"assistant","content":"B"}]})"),
              HasSubstr("share no prompt"));
  EXPECT_EQ(ExpectRejected("to_preference", {}, R"({"chosen":"same","rejected":"same"})"),
            "chosen and rejected are identical");
  EXPECT_EQ(ExpectRejected("to_preference", {}, R"({"chosen":"Blue.","rejected":"Green."})"),
            "chosen and rejected share no prompt");
  // Identical conversations split, but the pair is not valid preference data.
  EXPECT_THAT(ExpectRejected(
                  "to_preference", {},
                  R"({"chosen":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                                 "rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})"),
              HasSubstr("chosen_equals_rejected"));
}

// --- Anthropic HH ----------------------------------------------------------------------------

constexpr const char* kHhRecord =
    R"({"chosen":"\n\nHuman: What is 2+2?\n\nAssistant: 4\n\nHuman: And 3+3?\n\nAssistant: I think it is 6.",)"
    R"("rejected":"\n\nHuman: What is 2+2?\n\nAssistant: 4\n\nHuman: And 3+3?\n\nAssistant: I don't know."})";

TEST(ToPreferenceTest, HhTranscriptsBecomeConversations) {
  ExpectConverts("to_preference", {}, kHhRecord,
                 R"({"prompt":[{"role":"user","content":"What is 2+2?"},)"
                 R"({"role":"assistant","content":"4"},{"role":"user","content":"And 3+3?"}],)"
                 R"("chosen":[{"role":"assistant","content":"I think it is 6."}],)"
                 R"("rejected":[{"role":"assistant","content":"I don't know."}]})");
}

TEST(ToPreferenceTest, HhTranscriptsInTheStandardForm) {
  // As TRL's hh-rlhf script: the prompt ends with "\n\nAssistant:", replies that begin alike
  // ("I think" / "I don't") stay whole.
  ExpectConverts(
      "to_preference", {{"form", "standard"}}, kHhRecord,
      R"({"prompt":"\n\nHuman: What is 2+2?\n\nAssistant: 4\n\nHuman: And 3+3?\n\nAssistant:",)"
      R"("chosen":" I think it is 6.","rejected":" I don't know."})");
  ExpectConverts(
      "to_preference", {{"from", "hh"}, {"form", "standard"}},
      R"({"chosen":"\n\nHuman: Q\n\nAssistant: A","rejected":"\n\nHuman: Q\n\nAssistant: B"})",
      R"({"prompt":"\n\nHuman: Q\n\nAssistant:","chosen":" A","rejected":" B"})");
}

TEST(ToPreferenceTest, HhRejects) {
  // hh-rlhf harmless-base test row 86: the chosen reply is empty.
  const char* empty_reply =
      R"({"chosen":"\n\nHuman: Address again?\n\nAssistant: ",)"
      R"("rejected":"\n\nHuman: Address again?\n\nAssistant: Sure, it is ..."})";
  EXPECT_THAT(ExpectRejected("to_preference", {}, empty_reply),
              HasSubstr("empty_content: chosen[0].content"));
  EXPECT_THAT(ExpectRejected("to_preference", {{"form", "standard"}}, empty_reply),
              HasSubstr("empty_string: chosen"));
  // Differing before any Assistant marker.
  EXPECT_EQ(
      ExpectRejected(
          "to_preference", {{"from", "hh"}, {"form", "standard"}},
          R"({"chosen":"\n\nHuman: A\n\nAssistant: x","rejected":"\n\nHuman: B\n\nAssistant: x"})"),
      "chosen and rejected differ before the last Assistant turn");
  EXPECT_THAT(ExpectRejected("to_preference", {{"from", "hh"}},
                             R"({"chosen":"No markers","rejected":"None here"})"),
              HasSubstr("not an HH transcript"));
}

// --- LLaMA-Factory ---------------------------------------------------------------------------

TEST(ToPreferenceTest, LlamaFactoryShareGptPreference) {
  ExpectConverts("to_preference", {},
                 R"({"conversations":[{"from":"human","value":"Q"}],
                     "chosen":{"from":"gpt","value":"A"},"rejected":{"from":"gpt","value":"B"}})",
                 kQA);
  ExpectConverts("to_preference", {{"from", "llamafactory"}},
                 R"({"conversations":[{"from":"system","value":"S"},{"from":"human","value":"Q"}],
                     "chosen":{"from":"gpt","value":"A"},"rejected":{"from":"gpt","value":"B"}})",
                 R"({"prompt":[{"role":"system","content":"S"},{"role":"user","content":"Q"}],)"
                 R"("chosen":[{"role":"assistant","content":"A"}],)"
                 R"("rejected":[{"role":"assistant","content":"B"}]})");
  EXPECT_EQ(ExpectRejected(
                "to_preference", {},
                R"({"conversations":[{"from":"human","value":"Q"}],"chosen":"A","rejected":"B"})"),
            "chosen and rejected must be messages ({from, value})");
}

TEST(ToPreferenceTest, LlamaFactoryV1ChosenAndRejectedMessages) {
  ExpectConverts(
      "to_preference", {{"keep_message_keys", "false"}},
      R"({"chosen_messages":[{"role":"system","content":[{"type":"text","value":"S"}],"loss_weight":0.0},
                             {"role":"user","content":[{"type":"text","value":"Q"}],"loss_weight":0.0},
                             {"role":"assistant","content":[{"type":"text","value":"A"}],"loss_weight":1.0}],
          "rejected_messages":[{"role":"system","content":[{"type":"text","value":"S"}],"loss_weight":0.0},
                               {"role":"user","content":[{"type":"text","value":"Q"}],"loss_weight":0.0},
                               {"role":"assistant","content":[{"type":"text","value":"B"}],"loss_weight":1.0}]})",
      R"({"prompt":[{"role":"system","content":"S"},{"role":"user","content":"Q"}],)"
      R"("chosen":[{"role":"assistant","content":"A"}],"rejected":[{"role":"assistant","content":"B"}]})");
}

TEST(ToPreferenceTest, ExplicitMissingColumn) {
  EXPECT_EQ(
      ExpectRejected("to_preference", {{"from", "explicit"}}, R"({"prompt":"p","chosen":"c"})"),
      "missing column 'rejected'");
  EXPECT_EQ(ExpectRejected("to_preference", {}, R"({"prompt":"p","chosen":"c","rejected":null})"),
            "missing column 'rejected'");
}

TEST(ToPreferenceTest, ParsePreferenceSource) {
  EXPECT_EQ(ParsePreferenceSource("auto").value(), PreferenceSource::kAuto);
  EXPECT_EQ(ParsePreferenceSource("explicit").value(), PreferenceSource::kExplicit);
  EXPECT_EQ(ParsePreferenceSource("implicit").value(), PreferenceSource::kImplicit);
  EXPECT_EQ(ParsePreferenceSource("hh").value(), PreferenceSource::kHh);
  EXPECT_EQ(ParsePreferenceSource("llamafactory").value(), PreferenceSource::kLlamaFactory);
  EXPECT_EQ(ParsePreferenceSource("sharegpt").value(), PreferenceSource::kLlamaFactory);
  auto bad = ParsePreferenceSource("ratings");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message(), HasSubstr("unknown preference source 'ratings'"));
}

TEST(ToPreferenceTest, OptionsAreChecked) {
  EXPECT_FALSE(
      CreateStep("to_preference", StepOptions("to_preference", {{"form", "chatml"}})).has_value());
  EXPECT_FALSE(
      CreateStep("to_preference", StepOptions("to_preference", {{"from", "csv"}})).has_value());
  EXPECT_FALSE(
      CreateStep("to_preference", StepOptions("to_preference", {{"margin", "1"}})).has_value());
}

// --- to_kto ----------------------------------------------------------------------------------

TEST(ToKtoTest, EachPairGivesATrueAndAFalseRow) {
  auto run = Convert("to_kto", {},
                     {R"({"prompt":"The sky is","chosen":" blue.","rejected":" green.","id":1})"});
  EXPECT_THAT(run.reasons, IsEmpty());
  EXPECT_THAT(
      run.out,
      ElementsAre(R"({"prompt":"The sky is","completion":" blue.","label":true,"id":1})",
                  R"({"prompt":"The sky is","completion":" green.","label":false,"id":1})"));
}

TEST(ToKtoTest, ConversationalPairs) {
  auto run = Convert("to_kto", {}, {R"({"conversations":[{"from":"human","value":"Q"}],
                          "chosen":{"from":"gpt","value":"A"},"rejected":{"from":"gpt","value":"B"}})"});
  EXPECT_THAT(run.out,
              ElementsAre(R"({"prompt":[{"role":"user","content":"Q"}],)"
                          R"("completion":[{"role":"assistant","content":"A"}],"label":true})",
                          R"({"prompt":[{"role":"user","content":"Q"}],)"
                          R"("completion":[{"role":"assistant","content":"B"}],"label":false})"));
}

TEST(ToKtoTest, HhPairsInBothForms) {
  auto run = Convert(
      "to_kto", {{"form", "standard"}},
      {R"({"chosen":"\n\nHuman: Q\n\nAssistant: A","rejected":"\n\nHuman: Q\n\nAssistant: B"})"});
  EXPECT_THAT(
      run.out,
      ElementsAre(R"({"prompt":"\n\nHuman: Q\n\nAssistant:","completion":" A","label":true})",
                  R"({"prompt":"\n\nHuman: Q\n\nAssistant:","completion":" B","label":false})"));
}

TEST(ToKtoTest, LlamaFactoryLabelledMessages) {
  // LLaMA-Factory's kto_en_demo shape: a conversation and a label on its last reply.
  ExpectConverts(
      "to_kto", {},
      R"({"messages":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},
                                 {"role":"user","content":"Q2"},{"role":"assistant","content":"A2"}],
                     "label":false})",
      R"({"prompt":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},)"
      R"({"role":"user","content":"Q2"}],"completion":[{"role":"assistant","content":"A2"}],)"
      R"("label":false})");
}

TEST(ToKtoTest, Rejects) {
  EXPECT_EQ(ExpectRejected("to_kto", {}, R"({"prompt":"p","completion":"c","label":true})"),
            "already prompt/completion/label rows");
  EXPECT_EQ(ExpectRejected(
                "to_kto", {},
                R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],
                               "label":"yes"})"),
            "label must be a JSON bool");
  EXPECT_EQ(
      ExpectRejected("to_kto", {}, R"({"messages":[{"role":"user","content":"Q"}],"label":true})"),
      "no assistant turn after the last user turn");
  EXPECT_THAT(ExpectRejected("to_kto", {}, R"({"chosen":"same","rejected":"same"})"),
              HasSubstr("identical"));
  // A rejected input emits neither row.
  auto step = MakeStep("to_kto");
  ASSERT_NE(step, nullptr);
  auto run = RunStep(*step, {R"({"prompt":"p","chosen":" a","rejected":""})"});
  EXPECT_THAT(run.out, IsEmpty());
  ASSERT_EQ(run.reasons.size(), 1u);
  EXPECT_THAT(run.reasons[0], HasSubstr("empty_string: completion"));
  EXPECT_EQ(step->counters().Get("rejected.invalid_output"), 1u);
}

}  // namespace
}  // namespace winnow
