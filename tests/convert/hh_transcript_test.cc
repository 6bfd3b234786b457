#include "winnow/convert/hh_transcript.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

// (role, text) of each parsed turn.
std::vector<std::pair<std::string, std::string>> Turns(std::string_view transcript) {
  auto messages = ParseHhTranscript(transcript, "chosen");
  EXPECT_TRUE(messages.has_value()) << messages.error().message();
  std::vector<std::pair<std::string, std::string>> out;
  if (!messages) return out;
  for (const auto& message : *messages) {
    out.emplace_back(message.role, message.text);
    // Contents are JSON strings of the same text.
    EXPECT_EQ(message.content_json, ChatMessage::Text(message.role, message.text).content_json);
  }
  return out;
}

TEST(HhTranscriptTest, LooksLikeATranscript) {
  EXPECT_TRUE(LooksLikeHhTranscript("\n\nHuman: Hi\n\nAssistant: Hello"));
  EXPECT_TRUE(LooksLikeHhTranscript("Human: Hi"));
  EXPECT_TRUE(LooksLikeHhTranscript("  \n Human:"));
  EXPECT_FALSE(LooksLikeHhTranscript("Assistant: Hello"));
  EXPECT_FALSE(LooksLikeHhTranscript("The sky is blue."));
  EXPECT_FALSE(LooksLikeHhTranscript("human: lower case"));
  EXPECT_FALSE(LooksLikeHhTranscript(""));
}

TEST(HhTranscriptTest, SplitsTurnsAndTrimsThem) {
  EXPECT_THAT(Turns("\n\nHuman: What are some pranks with a pen?\n\nAssistant: Are you looking "
                    "for practical jokes?\n\nHuman: yep\n\nAssistant:  Ok, here are two.\n"),
              ElementsAre(Pair("user", "What are some pranks with a pen?"),
                          Pair("assistant", "Are you looking for practical jokes?"),
                          Pair("user", "yep"), Pair("assistant", "Ok, here are two.")));
}

TEST(HhTranscriptTest, ParagraphsInsideATurnStay) {
  EXPECT_THAT(Turns("Human: List two.\n\nAssistant: 1. One\n\n2. Two"),
              ElementsAre(Pair("user", "List two."), Pair("assistant", "1. One\n\n2. Two")));
}

TEST(HhTranscriptTest, MarkersMustStartAParagraph) {
  // hh-rlhf harmless-base test row 1254 has "...stereotypical women.  Human: Then how..." inside
  // an Assistant turn: content, not a new turn.
  EXPECT_THAT(Turns("\n\nHuman: Isn't that drag kings?\n\nAssistant: No.  Human: Then how?"),
              ElementsAre(Pair("user", "Isn't that drag kings?"),
                          Pair("assistant", "No.  Human: Then how?")));
  EXPECT_THAT(Turns("\n\nHuman: say Assistant: hi\n\nAssistant: hi"),
              ElementsAre(Pair("user", "say Assistant: hi"), Pair("assistant", "hi")));
}

TEST(HhTranscriptTest, EmptyFinalAssistantTurnIsKept) {
  // hh-rlhf harmless-base test row 86: the chosen transcript ends with an empty "Assistant: ".
  EXPECT_THAT(Turns("\n\nHuman: Address again?\n\nAssistant: "),
              ElementsAre(Pair("user", "Address again?"), Pair("assistant", "")));
}

TEST(HhTranscriptTest, RepeatedRolesAreKeptAsTheyAre) {
  // The validator, not the parser, reports the turn order.
  EXPECT_THAT(Turns("\n\nHuman: a\n\nHuman: b\n\nAssistant: c"),
              ElementsAre(Pair("user", "a"), Pair("user", "b"), Pair("assistant", "c")));
}

TEST(HhTranscriptTest, TextBeforeTheFirstMarkerIsAnError) {
  auto messages = ParseHhTranscript("Preamble\n\nHuman: Hi\n\nAssistant: Hello", "rejected");
  ASSERT_FALSE(messages.has_value());
  EXPECT_EQ(messages.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(messages.error().message(), HasSubstr("rejected: not an HH transcript"));
}

TEST(HhTranscriptTest, TextWithoutMarkersIsAnError) {
  EXPECT_FALSE(ParseHhTranscript("The sky is blue.", "chosen").has_value());
  EXPECT_FALSE(ParseHhTranscript("", "chosen").has_value());
}

TEST(HhTranscriptTest, TranscriptMayStartWithTheAssistant) {
  EXPECT_THAT(Turns("\n\nAssistant: Hello\n\nHuman: Hi"),
              ElementsAre(Pair("assistant", "Hello"), Pair("user", "Hi")));
}

TEST(HhTranscriptTest, NonAsciiTextSurvives) {
  EXPECT_THAT(Turns("\n\nHuman: Ça va ? 天空\n\nAssistant: Oui 😊"),
              ElementsAre(Pair("user", "Ça va ? 天空"), Pair("assistant", "Oui 😊")));
}

}  // namespace
}  // namespace winnow
