// The response checks that are not regexes: fabricated_urls, truncation, conversation_hygiene,
// each on chat records, on plain text, and on the edge cases (empty conversation, no assistant
// turn, tool calls).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "filters/filter_test_util.h"
#include "filters/record_test_util.h"
#include "winnow/filters/conversation_hygiene.h"
#include "winnow/filters/reference_scan.h"
#include "winnow/filters/truncation.h"

namespace winnow {
namespace {

using testing::CheckRecord;
using ::testing::ElementsAre;
using testing::MakeFilter;
using testing::Measured;

// {"messages": [...]} from role/content pairs.
std::string Conversation(std::initializer_list<std::pair<const char*, const char*>> turns,
                         const std::string& extra = "") {
  std::string json = R"({"messages":[)";
  bool first = true;
  for (const auto& [role, content] : turns) {
    json += first ? "" : ",";
    first = false;
    json += R"({"role":")" + std::string(role) + R"(","content":")" + content + R"("})";
  }
  return json + "]" + extra + "}";
}

// ---------------------------------------------------------------- references

std::vector<std::string> Urls(std::string_view text) {
  ReferenceScanner scanner;
  std::vector<std::string_view> found;
  scanner.FindUrls(text, &found);
  return {found.begin(), found.end()};
}

TEST(ReferenceScanTest, UrlsEndWhereTheSentenceDoes) {
  EXPECT_THAT(Urls("See https://a.org/x. Or (http://b.org/y?q=1), www.c.com/z!"),
              ElementsAre("https://a.org/x", "http://b.org/y?q=1", "www.c.com/z"));
  EXPECT_THAT(
      Urls("[docs](https://d.io/p) and **https://e.io/** and "
           "https://en.wikipedia.org/wiki/C_(language)"),
      ElementsAre("https://d.io/p", "https://e.io/", "https://en.wikipedia.org/wiki/C_(language)"));
  EXPECT_THAT(Urls("awww.nope.com, user@www.x.com, https:// alone, HTTPS://UP.ORG"),
              ElementsAre("HTTPS://UP.ORG"));
}

TEST(ReferenceScanTest, CitationsAreDoisAndMarkersOutsideCode) {
  ReferenceScanner scanner;
  EXPECT_EQ(scanner.CountCitations("As shown [1], and [2, 3] and [4-6] and a note[^7]."), 4u);
  EXPECT_EQ(scanner.CountCitations("doi:10.1000/182 and 10.1038/nphys1170"), 2u);
  // doi.org links are URLs; code is not prose.
  EXPECT_EQ(scanner.CountCitations("https://doi.org/10.1000/182"), 0u);
  EXPECT_EQ(scanner.CountCitations("Use `a[1]` or\n```\nx = b[2]\n```\nthen [3]."), 1u);
}

TEST(ReferenceScanTest, UrlsCompareWithoutSchemeWwwCaseOfHostOrTrailingSlash) {
  EXPECT_EQ(NormaliseUrl("HTTPS://WWW.Example.COM/Path/"), "example.com/Path");
  EXPECT_TRUE(UrlCoveredBy("a.org/docs", "a.org/docs/intro"));
  EXPECT_TRUE(UrlCoveredBy("a.org", "a.org?x=1"));
  EXPECT_FALSE(UrlCoveredBy("a.org/docs", "a.org/docsets"));
  EXPECT_FALSE(UrlCoveredBy("a.org/docs/intro", "a.org/docs"));
}

// ---------------------------------------------------------------- fabricated_urls

TEST(FabricatedUrlsTest, CountsUrlsAndCitationsOfAssistantTurnsOnly) {
  auto filter = MakeFilter("fabricated_urls", {{"field", "messages"}, {"max_urls", "1"}});
  std::string record = Conversation({{"user", "Compare https://u.org and https://v.org"},
                                     {"assistant", "See https://a.org [1]."}});
  auto verdict = CheckRecord(*filter, record, "messages", {}, true);
  EXPECT_EQ(verdict.verdict, "kept");
  EXPECT_EQ(Measured(verdict.result, "urls"), 1);
  EXPECT_EQ(Measured(verdict.result, "citations"), 1);
  record = Conversation({{"user", "Hi"},
                         {"assistant", "See https://a.org"},
                         {"user", "More?"},
                         {"assistant", "And www.b.org and https://c.org/x."}});
  verdict = CheckRecord(*filter, record);
  EXPECT_EQ(verdict.verdict, "max_urls");
  EXPECT_EQ(verdict.explain, "max_urls: urls 3 > 1");
}

TEST(FabricatedUrlsTest, ChecksResponseUrlsAgainstEarlierNonAssistantTurns) {
  auto filter =
      MakeFilter("fabricated_urls", {{"field", "messages"}, {"check_against_prompt", "true"}});
  std::string ok = Conversation({{"system", "Docs live at https://docs.example.com/guide/"},
                                 {"user", "Summarise http://www.news.org/story?id=7"},
                                 {"assistant",
                                  "The story (https://news.org/story?id=7) and the guide "
                                  "(https://docs.example.com/guide) say..."}});
  EXPECT_EQ(CheckRecord(*filter, ok).verdict, "kept");
  std::string invented = Conversation(
      {{"user", "Read https://a.org/paper"},
       {"assistant", "It cites https://a.org/paper and https://made.up/ref and https://x.y."}});
  auto verdict = CheckRecord(*filter, invented);
  EXPECT_EQ(verdict.verdict, "unknown_url");
  EXPECT_EQ(verdict.explain,
            "unknown_url: \"https://made.up/ref\" is not in the prompt (2 such URLs)");
  // Only earlier turns count: a URL the user gives after the answer does not vouch for it.
  std::string later = Conversation(
      {{"user", "Hi"}, {"assistant", "See https://a.org."}, {"user", "https://a.org is wrong"}});
  EXPECT_EQ(CheckRecord(*filter, later).verdict, "unknown_url");
}

TEST(FabricatedUrlsTest, PlainTextUsesThePromptField) {
  auto filter = MakeFilter(
      "fabricated_urls",
      {{"field", "completion"}, {"check_against_prompt", "true"}, {"prompt_field", "prompt"}});
  EXPECT_EQ(
      CheckRecord(*filter,
                  R"({"prompt":"Link: https://a.org/x","completion":"It is https://a.org/x."})",
                  "completion")
          .verdict,
      "kept");
  EXPECT_EQ(CheckRecord(*filter, R"({"prompt":"No link","completion":"See https://a.org/x."})",
                        "completion")
                .verdict,
            "unknown_url");
  // Text with no record at all: URLs are counted, nothing vouches for them.
  auto counted = MakeFilter("fabricated_urls", {{"max_citations", "0"}});
  EXPECT_EQ(testing::Verdict(*counted, "As [1] shows."), "max_citations");
  EXPECT_EQ(testing::Verdict(*counted, "No references at all."), "kept");
}

TEST(FabricatedUrlsTest, EdgeCases) {
  auto filter =
      MakeFilter("fabricated_urls", {{"field", "messages"}, {"check_against_prompt", "true"}});
  EXPECT_EQ(CheckRecord(*filter, R"({"messages":[]})").verdict, "empty");
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "https://a.org"}})).verdict, "kept");
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"assistant", "https://a.org"}})).verdict,
            "unknown_url");
}

// ---------------------------------------------------------------- truncation

TEST(TruncationTest, EndsCompleteLooksThroughClosersAndAcceptsStructures) {
  for (std::string_view done :
       {"Done.", "Done!  \n", "Really?", "Done.\"", "(Done.)", "**Done.**", "He said “stop.”",
        "完了。", "おわり！", "Wait…", "Have fun! 🎉", "Cheers 👍🏽", "Ok ❤️",
        "Code:\n```python\nprint(1)\n```", "| a | b |\n|---|---|\n| 1 | 2 |", "Done.)]}"}) {
    EXPECT_TRUE(EndsComplete(done)) << done;
  }
  for (std::string_view cut :
       {"", "   ", "Here is the code:", "The answer is 42", "Item one,", "and then the",
        "Code:\n```python\nprint(1)", "(unfinished)", "**bold**", "x ="}) {
    EXPECT_FALSE(EndsComplete(cut)) << cut;
  }
}

TEST(TruncationTest, FinalAssistantTurnOfAConversation) {
  auto filter = MakeFilter("truncation", {{"field", "messages"}});
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "Hi"}, {"assistant", "Hello!"}})).verdict,
            "kept");
  auto cut = CheckRecord(
      *filter, Conversation({{"user", "List"}, {"assistant", "Sure:\\n1. a\\n2. and the"}}));
  EXPECT_EQ(cut.verdict, "no_terminal_punctuation");
  EXPECT_EQ(cut.explain, "no_terminal_punctuation: ends with \"Sure: 1. a 2. and the\"");
  // Only the final response matters.
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "a"},
                                               {"assistant", "cut off mid"},
                                               {"user", "go on"},
                                               {"assistant", "Finished."}}))
                .verdict,
            "kept");
}

TEST(TruncationTest, FinishReasonFromTheRecordOrTheMessage) {
  auto filter = MakeFilter("truncation", {{"field", "messages"}});
  std::string complete = Conversation({{"user", "Hi"}, {"assistant", "Hello."}});
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "Hi"}, {"assistant", "Hello."}},
                                              R"(,"finish_reason":"length")"))
                .explain,
            "finish_reason_length: finish_reason is \"length\"");
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "Hi"}, {"assistant", "Hello."}},
                                              R"(,"finish_reason":"stop")"))
                .verdict,
            "kept");
  std::string in_message =
      R"({"messages":[{"role":"user","content":"Hi"},)"
      R"({"role":"assistant","content":"Hello.","finish_reason":"max_tokens"}]})";
  EXPECT_EQ(CheckRecord(*filter, in_message).verdict, "finish_reason_length");
  auto custom =
      MakeFilter("truncation", {{"field", "messages"}, {"finish_reason_field", "meta.stop"}});
  EXPECT_EQ(CheckRecord(*custom, Conversation({{"user", "Hi"}, {"assistant", "Hello."}},
                                              R"(,"meta":{"stop":"length"})"))
                .verdict,
            "finish_reason_length");
  auto off = MakeFilter("truncation", {{"field", "messages"}, {"check_finish_reason", "false"}});
  EXPECT_EQ(CheckRecord(*off, Conversation({{"user", "Hi"}, {"assistant", "Hello."}},
                                           R"(,"finish_reason":"length")"))
                .verdict,
            "kept");
}

TEST(TruncationTest, EdgeCases) {
  auto filter = MakeFilter("truncation", {{"field", "messages"}});
  EXPECT_EQ(CheckRecord(*filter, R"({"messages":[]})").verdict, "empty");
  EXPECT_EQ(CheckRecord(*filter, R"({"other":1})").verdict, "empty");
  auto none = CheckRecord(*filter, Conversation({{"system", "Be brief."}, {"user", "Hi"}}));
  EXPECT_EQ(none.explain, "no_response: no assistant turn");
  auto unanswered =
      CheckRecord(*filter, Conversation({{"user", "Hi"}, {"assistant", "Hi."}, {"user", "And?"}}));
  EXPECT_EQ(unanswered.explain, "no_response: the conversation ends with a user turn");
  auto lenient = MakeFilter("truncation", {{"field", "messages"}, {"require_response", "false"}});
  EXPECT_EQ(CheckRecord(*lenient, Conversation({{"user", "Hi"}})).verdict, "kept");
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "Hi"}, {"assistant", "  "}})).verdict,
            "empty_response");
  // A final turn that calls a tool has no text to end.
  std::string tool_call =
      R"({"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,)"
      R"("tool_calls":[{"id":"1","type":"function","function":{"name":"w","arguments":"{}"}}]}]})";
  EXPECT_EQ(CheckRecord(*filter, tool_call).verdict, "kept");
  // Plain text: the text is the response.
  auto text = MakeFilter("truncation");
  EXPECT_EQ(testing::Verdict(*text, "All done."), "kept");
  EXPECT_EQ(testing::Verdict(*text, "All done and"), "no_terminal_punctuation");
  EXPECT_EQ(testing::Verdict(*text, ""), "empty");
  auto no_punct = MakeFilter("truncation", {{"terminal_punctuation", "false"}});
  EXPECT_EQ(testing::Verdict(*no_punct, "All done and"), "kept");
}

// ---------------------------------------------------------------- conversation_hygiene

TEST(ConversationHygieneTest, FillerIsCoveredByTheListAndNothingElse) {
  for (std::string_view filler :
       {"Thanks!", "thank you so much, that really helped!!", "THX", "Ok.", "👍",
        "You're welcome! Let me know if you have any other questions.",
        "You’re welcome, glad I could help. Have a great day!", "Great, thanks again!"}) {
    EXPECT_TRUE(FillerOnly(filler)) << std::string(filler);
  }
  for (std::string_view content :
       {"Thanks! Now do the same for Python.", "Thank you. What about Mars?",
        "You're welcome. The capital is Paris.", "No."}) {
    EXPECT_FALSE(FillerOnly(content)) << std::string(content);
  }
}

TEST(ConversationHygieneTest, WordJaccardOnNormalisedWords) {
  std::string a_buffer;
  std::string b_buffer;
  std::vector<std::string_view> a;
  std::vector<std::string_view> b;
  NormalisedWords("What's the CAPITAL of France?", &a_buffer, &a);
  EXPECT_THAT(a, ElementsAre("whats", "the", "capital", "of", "france"));
  NormalisedWords("the capital of france, what's it", &b_buffer, &b);
  EXPECT_DOUBLE_EQ(WordJaccard(a, b), 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(WordJaccard({}, {}), 0);
}

TEST(ConversationHygieneTest, EmptyTurns) {
  auto filter = MakeFilter("conversation_hygiene", {{"field", "messages"}});
  auto verdict =
      CheckRecord(*filter, Conversation({{"system", ""}, {"user", "Hi"}, {"assistant", " \\n "}}));
  EXPECT_EQ(verdict.explain, "empty_turn: turn 1 (system) is blank (2 blank turns)");
  auto off = MakeFilter("conversation_hygiene", {{"field", "messages"}, {"empty_turns", "false"}});
  EXPECT_EQ(
      CheckRecord(*off, Conversation({{"system", ""}, {"user", "Hi"}, {"assistant", "Hello."}}))
          .verdict,
      "kept");
  std::string tool_call =
      R"({"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":"",)"
      R"("tool_calls":[{"id":"1","type":"function","function":{"name":"w","arguments":"{}"}}]},)"
      R"({"role":"tool","content":"sunny"},{"role":"assistant","content":"It is sunny."}]})";
  EXPECT_EQ(CheckRecord(*filter, tool_call).verdict, "kept");
}

TEST(ConversationHygieneTest, FillerFinalExchange) {
  auto filter = MakeFilter("conversation_hygiene", {{"field", "messages"}});
  std::string filler = Conversation({{"user", "What is 2+2?"},
                                     {"assistant", "4."},
                                     {"user", "Thanks!"},
                                     {"assistant", "You're welcome! Glad I could help."}});
  auto verdict = CheckRecord(*filter, filler);
  EXPECT_EQ(verdict.explain, "filler_final_exchange: turn 3 (user) \"Thanks!\" and what follows");
  // A thank-you followed by a real answer, or a real question answered briefly, is not filler.
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "Thanks! And 3+3?"}, {"assistant", "6."}}))
                .verdict,
            "kept");
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "2+2?"},
                                               {"assistant", "4."},
                                               {"user", "Thanks!"},
                                               {"assistant", "Also, 2*2 is 4."}}))
                .verdict,
            "kept");
  auto off = MakeFilter("conversation_hygiene", {{"field", "messages"}, {"filler", "false"}});
  EXPECT_EQ(CheckRecord(*off, filler).verdict, "kept");
}

TEST(ConversationHygieneTest, ResponseRepeatingThePrompt) {
  auto filter = MakeFilter("conversation_hygiene", {{"field", "messages"}});
  auto echo =
      CheckRecord(*filter, Conversation({{"user", "Tell me about the moon landing."},
                                         {"assistant", "Tell me about the Moon landing!"}}));
  EXPECT_EQ(echo.explain, "repeats_prompt: prompt_similarity 1 >= 0.9");
  auto answered = CheckRecord(*filter,
                              Conversation({{"user", "Tell me about the moon landing."},
                                            {"assistant", "Apollo 11 landed in 1969."}}),
                              "messages", {}, true);
  EXPECT_EQ(answered.verdict, "kept");
  EXPECT_DOUBLE_EQ(Measured(answered.result, "prompt_similarity"), 0);
  auto strict =
      MakeFilter("conversation_hygiene", {{"field", "messages"}, {"repeat_similarity", "0.5"}});
  EXPECT_EQ(
      CheckRecord(*strict, Conversation({{"user", "a b c d"}, {"assistant", "a b c x"}})).verdict,
      "repeats_prompt");
  auto off =
      MakeFilter("conversation_hygiene", {{"field", "messages"}, {"repeat_similarity", "off"}});
  EXPECT_EQ(CheckRecord(*off, Conversation({{"user", "Same."}, {"assistant", "Same."}})).verdict,
            "kept");
  // Plain text compares with prompt_field.
  auto text =
      MakeFilter("conversation_hygiene", {{"field", "completion"}, {"prompt_field", "prompt"}});
  EXPECT_EQ(
      CheckRecord(*text, R"({"prompt":"Say hi to Bob","completion":"say hi to bob"})", "completion")
          .verdict,
      "repeats_prompt");
}

TEST(ConversationHygieneTest, EdgeCases) {
  auto filter = MakeFilter("conversation_hygiene", {{"field", "messages"}});
  EXPECT_EQ(CheckRecord(*filter, R"({"messages":[]})").verdict, "empty");
  // No assistant turn: nothing repeats, a lone question is not filler.
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "What is 2+2?"}})).verdict, "kept");
  EXPECT_EQ(CheckRecord(*filter, Conversation({{"user", "Thanks"}})).verdict,
            "filler_final_exchange");
  EXPECT_EQ(testing::Verdict(*filter, "Plain text, no record."), "kept");
}

}  // namespace
}  // namespace winnow
