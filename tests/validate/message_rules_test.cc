#include "winnow/validate/message_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "validate/validate_test_util.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using validate_test::CheckList;
using validate_test::Describe;
using validate_test::Find;
using validate_test::Rules;

constexpr TurnsKind kConversation = TurnsKind::kConversation;
constexpr TurnsKind kPrompt = TurnsKind::kPrompt;
constexpr TurnsKind kCompletion = TurnsKind::kCompletion;

// A valid conversation with a tool call (OpenAI's shape: arguments as JSON text).
constexpr const char* kToolConversation = R"([
  {"role":"system","content":"You can look up the weather."},
  {"role":"user","content":"Weather in Paris?"},
  {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
    "function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},
  {"role":"tool","name":"get_weather","tool_call_id":"call_1","content":"22 C, sunny"},
  {"role":"assistant","content":"It is 22 C and sunny in Paris."}
])";

void ExpectValid(std::string_view list, TurnsKind kind, const ValidationOptions& options = {}) {
  auto violations = CheckList(list, kind, options);
  EXPECT_THAT(violations, IsEmpty()) << Describe(violations) << list;
}

// Exactly one violation, of `rule`, at `field`; returns its message.
std::string ExpectOnly(std::string_view list, TurnsKind kind, std::string_view rule,
                       std::string_view field, const ValidationOptions& options = {}) {
  auto violations = CheckList(list, kind, options);
  EXPECT_THAT(Rules(violations), ElementsAre(std::string(rule))) << Describe(violations) << list;
  if (violations.empty()) return "";
  EXPECT_EQ(violations[0].field, field) << Describe(violations);
  EXPECT_EQ(violations[0].severity, Severity::kError);
  return violations[0].message;
}

// --- valid lists -----------------------------------------------------------------------------

TEST(MessageRulesTest, PlainConversationIsValid) {
  ExpectValid(R"([{"role":"user","content":"What color is the sky?"},
                  {"role":"assistant","content":"It is blue."}])",
              kConversation);
  ExpectValid(R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello"},{"role":"user","content":"Bye"},
                  {"role":"assistant","content":"Bye"}])",
              kConversation);
}

TEST(MessageRulesTest, ToolCallConversationsAreValid) {
  ExpectValid(kToolConversation, kConversation);
  // TRL's examples: arguments as an object, no ids, no name on the tool turn.
  ExpectValid(R"([{"role":"user","content":"Weather?"},
    {"role":"assistant","tool_calls":[{"type":"function",
      "function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
    {"role":"tool","content":"22 C"},
    {"role":"assistant","content":"22 C."}])",
              kConversation);
  // Parallel calls answered by two tool turns; content null beside the calls; no arguments.
  ExpectValid(R"([{"role":"user","content":"Weather and time?"},
    {"role":"assistant","content":null,"tool_calls":[
      {"type":"function","function":{"name":"get_weather","arguments":"{}"}},
      {"type":"function","function":{"name":"get_time"}}]},
    {"role":"tool","content":"22 C"},{"role":"tool","content":"12:00"},
    {"role":"assistant","content":"22 C at noon."}])",
              kConversation);
  // Content beside tool calls may be empty.
  ExpectValid(R"([{"role":"user","content":"Weather?"},
    {"role":"assistant","content":"","tool_calls":[{"function":{"name":"w","arguments":"{}"}}]},
    {"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C."}])",
              kConversation);
}

TEST(MessageRulesTest, ContentPartsAreValid) {
  ExpectValid(R"([{"role":"user","content":[{"type":"text","text":"What is this?"},
                                            {"type":"image_url","image_url":{"url":"x.png"}}]},
                  {"role":"assistant","content":[{"type":"text","text":"A cat."}]}])",
              kConversation);
}

TEST(MessageRulesTest, PromptAndCompletionKinds) {
  ExpectValid(R"([{"role":"user","content":"What color is the sky?"}])", kPrompt);
  ExpectValid(R"([{"role":"system","content":"S"},{"role":"user","content":"Q"}])", kPrompt);
  ExpectValid(R"([{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"},
                  {"role":"user","content":"Q2"}])",
              kPrompt);
  ExpectValid(R"([{"role":"assistant","content":"It is blue."}])", kCompletion);
  // A prompt may end with tool results; a completion may hold a tool round trip.
  ExpectValid(R"([{"role":"user","content":"W?"},
    {"role":"assistant","tool_calls":[{"function":{"name":"w","arguments":{}}}]},
    {"role":"tool","content":"22 C"}])",
              kPrompt);
  ExpectValid(R"([{"role":"assistant","tool_calls":[{"function":{"name":"w","arguments":{}}}]},
    {"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C."}])",
              kCompletion);
}

// --- bad_message -----------------------------------------------------------------------------

TEST(MessageRulesTest, BadMessageWhenNotAnObject) {
  std::string message =
      ExpectOnly(R"([{"role":"user","content":"Hi"},"Hello",{"role":"assistant","content":"A"}])",
                 kConversation, "bad_message", "messages[1]");
  EXPECT_THAT(message, HasSubstr("got string"));
}

TEST(MessageRulesTest, BadMessageWhenRoleMissingOrNotAString) {
  auto violations = CheckList(R"([{"content":"Hi"}])", kConversation);
  ASSERT_NE(Find(violations, "bad_message"), nullptr) << Describe(violations);
  EXPECT_EQ(Find(violations, "bad_message")->field, "messages[0].role");
  violations = CheckList(R"([{"role":1,"content":"Hi"}])", kConversation);
  EXPECT_NE(Find(violations, "bad_message"), nullptr) << Describe(violations);
}

TEST(MessageRulesTest, BadMessageHintsAtShareGptKeys) {
  auto violations =
      CheckList(R"([{"from":"human","value":"Hi"},{"from":"gpt","value":"Hello"}])", kConversation);
  const Violation* bad = Find(violations, "bad_message");
  ASSERT_NE(bad, nullptr) << Describe(violations);
  EXPECT_THAT(bad->message, HasSubstr("ShareGPT"));
  EXPECT_THAT(bad->message, HasSubstr("winnow convert --to messages"));
}

TEST(MessageRulesTest, BadMessageInContentParts) {
  auto violations = CheckList(R"([{"role":"user","content":["Hi"]},
                                  {"role":"assistant","content":"Hello"}])",
                              kConversation);
  ASSERT_NE(Find(violations, "bad_message"), nullptr) << Describe(violations);
  EXPECT_EQ(Find(violations, "bad_message")->field, "messages[0].content[0]");
  violations = CheckList(R"([{"role":"user","content":[{"type":"text","value":"Hi"}]},
                             {"role":"assistant","content":"Hello"}])",
                         kConversation);
  ASSERT_NE(Find(violations, "bad_message"), nullptr) << Describe(violations);
  EXPECT_THAT(Find(violations, "bad_message")->message, HasSubstr("'text'"));
}

// --- unknown_role ----------------------------------------------------------------------------

TEST(MessageRulesTest, UnknownRoleWithShareGptHints) {
  auto violations = CheckList(R"([{"role":"human","content":"Hi"},{"role":"gpt","content":"Hey"}])",
                              kConversation);
  const Violation* human = Find(violations, "unknown_role");
  ASSERT_NE(human, nullptr) << Describe(violations);
  EXPECT_EQ(human->field, "messages[0].role");
  EXPECT_THAT(human->message, HasSubstr("'human'"));
  EXPECT_THAT(human->message, HasSubstr("ShareGPT's name for 'user'"));
  EXPECT_THAT(human->message, HasSubstr("winnow convert --to messages"));
  std::vector<std::string> rules = Rules(violations);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "unknown_role"), 2);
  EXPECT_THAT(violations[1].message, HasSubstr("means 'assistant'"));

  violations = CheckList(R"([{"role":"user","content":"Hi"},
                             {"role":"function_call","content":"{}"}])",
                         kConversation);
  ASSERT_NE(Find(violations, "unknown_role"), nullptr) << Describe(violations);
  EXPECT_THAT(Find(violations, "unknown_role")->message, HasSubstr("tool-call role"));
}

TEST(MessageRulesTest, UnknownRoleWithoutHint) {
  auto violations = CheckList(R"([{"role":"user","content":"Hi"},
                                  {"role":"narrator","content":"Meanwhile"},
                                  {"role":"assistant","content":"Hey"}])",
                              kConversation);
  EXPECT_THAT(Rules(violations), ElementsAre("unknown_role")) << Describe(violations);
  EXPECT_THAT(violations[0].message, HasSubstr("'narrator'"));
  EXPECT_THAT(violations[0].message, ::testing::Not(HasSubstr("convert")));
}

TEST(MessageRulesTest, ExtraRolesAreAccepted) {
  ValidationOptions options;
  options.extra_roles = {"narrator"};
  ExpectValid(R"([{"role":"user","content":"Hi"},{"role":"assistant","content":"Hey"}])",
              kConversation, options);
  auto violations = CheckList(R"([{"role":"user","content":"Hi"},
                                  {"role":"narrator","content":"Meanwhile"},
                                  {"role":"assistant","content":"Hey"}])",
                              kConversation, options);
  EXPECT_EQ(Find(violations, "unknown_role"), nullptr) << Describe(violations);
}

// Regression: an allowed extra role stays outside the user/assistant alternation.
TEST(MessageRulesTest, ExtraRoleDeveloperFirstIsValid) {
  ValidationOptions options;
  options.extra_roles = {"developer"};
  ExpectValid(R"([{"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello"}])",
              kConversation, options);
}

// --- system_not_first ------------------------------------------------------------------------

TEST(MessageRulesTest, SystemNotFirst) {
  ExpectOnly(R"([{"role":"user","content":"Hi"},{"role":"system","content":"Be brief."},
                 {"role":"assistant","content":"Hey"}])",
             kConversation, "system_not_first", "messages[1].role");
  ExpectValid(R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hey"}])",
              kConversation);
}

TEST(MessageRulesTest, CompletionCannotHoldASystemTurn) {
  auto violations = CheckList(R"([{"role":"system","content":"S"},
                                  {"role":"assistant","content":"A"}])",
                              kCompletion);
  ASSERT_NE(Find(violations, "system_not_first"), nullptr) << Describe(violations);
  EXPECT_THAT(Find(violations, "system_not_first")->message, HasSubstr("completion"));
}

// --- bad_turn_order --------------------------------------------------------------------------

TEST(MessageRulesTest, ConversationMustStartWithUser) {
  std::string message = ExpectOnly(
      R"([{"role":"assistant","content":"Hi"},{"role":"user","content":"Hey"},
          {"role":"assistant","content":"Yes?"}])",
      kConversation, "bad_turn_order", "messages[0].role");
  EXPECT_THAT(message, HasSubstr("first turn must be user"));
}

TEST(MessageRulesTest, CompletionMustStartWithAssistant) {
  auto violations = CheckList(R"([{"role":"user","content":"Q"},
                                  {"role":"assistant","content":"A"}])",
                              kCompletion);
  ASSERT_NE(Find(violations, "bad_turn_order"), nullptr) << Describe(violations);
  EXPECT_THAT(Find(violations, "bad_turn_order")->message, HasSubstr("must be assistant"));
}

TEST(MessageRulesTest, TwoUserTurnsInARow) {
  std::string message = ExpectOnly(
      R"([{"role":"user","content":"Hi"},{"role":"user","content":"Hello?"},
          {"role":"assistant","content":"Hey"}])",
      kConversation, "bad_turn_order", "messages[1].role");
  EXPECT_THAT(message, HasSubstr("two user turns"));
}

TEST(MessageRulesTest, TwoAssistantTurnsInARow) {
  std::string message = ExpectOnly(
      R"([{"role":"user","content":"Hi"},{"role":"assistant","content":"Hey"},
          {"role":"assistant","content":"Hey again"}])",
      kConversation, "bad_turn_order", "messages[2].role");
  EXPECT_THAT(message, HasSubstr("two assistant turns"));
}

TEST(MessageRulesTest, ToolCallMustBeFollowedByItsResult) {
  std::string message = ExpectOnly(
      R"([{"role":"user","content":"W?"},
          {"role":"assistant","tool_calls":[{"function":{"name":"w","arguments":{}}}]},
          {"role":"user","content":"Well?"},{"role":"assistant","content":"22 C"}])",
      kConversation, "bad_turn_order", "messages[2].role");
  EXPECT_THAT(message, HasSubstr("tool's result"));
}

TEST(MessageRulesTest, ToolResultMustBeFollowedByAssistant) {
  std::string message = ExpectOnly(
      R"([{"role":"user","content":"W?"},
          {"role":"assistant","tool_calls":[{"function":{"name":"w","arguments":{}}}]},
          {"role":"tool","content":"22 C"},{"role":"user","content":"And?"},
          {"role":"assistant","content":"22 C"}])",
      kConversation, "bad_turn_order", "messages[3].role");
  EXPECT_THAT(message, HasSubstr("tool results must be followed by an assistant"));
}

TEST(MessageRulesTest, OneOrderErrorPerList) {
  auto violations = CheckList(R"([{"role":"user","content":"1"},{"role":"user","content":"2"},
                                  {"role":"user","content":"3"},{"role":"assistant","content":"A"},
                                  {"role":"assistant","content":"B"}])",
                              kConversation);
  EXPECT_THAT(Rules(violations), ElementsAre("bad_turn_order")) << Describe(violations);
}

// --- orphan_tool_turn ------------------------------------------------------------------------

TEST(MessageRulesTest, OrphanToolTurn) {
  ExpectOnly(R"([{"role":"user","content":"W?"},{"role":"tool","content":"22 C"},
                 {"role":"assistant","content":"22 C"}])",
             kConversation, "orphan_tool_turn", "messages[1].role");
  // After an assistant turn without tool calls.
  ExpectOnly(R"([{"role":"user","content":"W?"},{"role":"assistant","content":"Checking"},
                 {"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C"}])",
             kConversation, "orphan_tool_turn", "messages[2].role");
  // Several results after one call are fine (see ToolCallConversationsAreValid).
}

// --- missing_content / empty_content ---------------------------------------------------------

TEST(MessageRulesTest, MissingContent) {
  ExpectOnly(R"([{"role":"user"},{"role":"assistant","content":"Hey"}])", kConversation,
             "missing_content", "messages[0].content");
  ExpectOnly(R"([{"role":"user","content":"Hi"},{"role":"assistant","content":null}])",
             kConversation, "missing_content", "messages[1].content");
  // An empty tool_calls list does not excuse a missing content.
  ExpectOnly(R"([{"role":"user","content":"Hi"},{"role":"assistant","tool_calls":[]}])",
             kConversation, "missing_content", "messages[1].content");
}

TEST(MessageRulesTest, EmptyContent) {
  ExpectOnly(R"([{"role":"user","content":"Hi"},{"role":"assistant","content":"  \n\t"}])",
             kConversation, "empty_content", "messages[1].content");
  ExpectOnly(R"([{"role":"user","content":""},{"role":"assistant","content":"Hey"}])",
             kConversation, "empty_content", "messages[0].content");
}

TEST(MessageRulesTest, AllowEmptyStringsAcceptsEmptyContent) {
  ValidationOptions options;
  options.allow_empty_strings = true;
  ExpectValid(R"([{"role":"user","content":""},{"role":"assistant","content":" "}])", kConversation,
              options);
  // Still not a missing one.
  ExpectOnly(R"([{"role":"user","content":"Hi"},{"role":"assistant"}])", kConversation,
             "missing_content", "messages[1].content", options);
}

TEST(MessageRulesTest, ContentOfTheWrongType) {
  std::string message =
      ExpectOnly(R"([{"role":"user","content":42},{"role":"assistant","content":"Hey"}])",
                 kConversation, "wrong_type", "messages[0].content");
  EXPECT_THAT(message, HasSubstr("got number"));
}

// --- bad_tool_call ---------------------------------------------------------------------------

std::string ConversationWithCall(std::string_view call_json,
                                 std::string_view caller = "assistant") {
  return std::string(R"([{"role":"user","content":"W?"},{"role":")") + std::string(caller) +
         R"(","tool_calls":[)" + std::string(call_json) +
         R"(]},{"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C"}])";
}

TEST(MessageRulesTest, ToolCallArgumentsAsStringOrObjectAreValid) {
  ExpectValid(
      ConversationWithCall(R"({"function":{"name":"w","arguments":"{\"city\":\"Paris\"}"}})"),
      kConversation);
  ExpectValid(ConversationWithCall(R"({"function":{"name":"w","arguments":{"city":"Paris"}}})"),
              kConversation);
  ExpectValid(ConversationWithCall(R"({"function":{"name":"w"}})"), kConversation);
}

TEST(MessageRulesTest, ToolCallArgumentsStringThatIsNotJson) {
  std::string message =
      ExpectOnly(ConversationWithCall(R"({"function":{"name":"w","arguments":"city=Paris"}})"),
                 kConversation, "bad_tool_call", "messages[1].tool_calls[0].function.arguments");
  EXPECT_THAT(message, HasSubstr("not a JSON object"));
  // JSON, but not an object.
  ExpectOnly(ConversationWithCall(R"({"function":{"name":"w","arguments":"[1, 2]"}})"),
             kConversation, "bad_tool_call", "messages[1].tool_calls[0].function.arguments");
  // Truncated JSON.
  ExpectOnly(ConversationWithCall(R"({"function":{"name":"w","arguments":"{\"city\": "}})"),
             kConversation, "bad_tool_call", "messages[1].tool_calls[0].function.arguments");
}

TEST(MessageRulesTest, ToolCallArgumentsOfTheWrongType) {
  std::string message =
      ExpectOnly(ConversationWithCall(R"({"function":{"name":"w","arguments":7}})"), kConversation,
                 "bad_tool_call", "messages[1].tool_calls[0].function.arguments");
  EXPECT_THAT(message, HasSubstr("got number"));
}

TEST(MessageRulesTest, ToolCallWithoutAName) {
  ExpectOnly(ConversationWithCall(R"({"function":{"arguments":"{}"}})"), kConversation,
             "bad_tool_call", "messages[1].tool_calls[0]");
  ExpectOnly(ConversationWithCall(R"({"function":{"name":"","arguments":"{}"}})"), kConversation,
             "bad_tool_call", "messages[1].tool_calls[0]");
  // LLaMA-Factory's bare {name, arguments} is not OpenAI's shape.
  ExpectOnly(ConversationWithCall(R"({"name":"w","arguments":"{}"})"), kConversation,
             "bad_tool_call", "messages[1].tool_calls[0]");
}

TEST(MessageRulesTest, ToolCallsMustBeAList) {
  auto violations = CheckList(R"([{"role":"user","content":"W?"},
    {"role":"assistant","content":"x","tool_calls":{"function":{"name":"w"}}},
    {"role":"user","content":"?"},{"role":"assistant","content":"y"}])",
                              kConversation);
  ASSERT_NE(Find(violations, "bad_tool_call"), nullptr) << Describe(violations);
  EXPECT_THAT(Find(violations, "bad_tool_call")->message, HasSubstr("must be a list"));
}

TEST(MessageRulesTest, OnlyAssistantTurnsCallTools) {
  auto violations = CheckList(R"([{"role":"user","content":"W?",
      "tool_calls":[{"function":{"name":"w","arguments":{}}}]},
    {"role":"assistant","content":"22 C"}])",
                              kConversation);
  ASSERT_NE(Find(violations, "bad_tool_call"), nullptr) << Describe(violations);
  EXPECT_EQ(Find(violations, "bad_tool_call")->field, "messages[0].tool_calls");
  EXPECT_THAT(Find(violations, "bad_tool_call")->message, HasSubstr("only assistant"));
}

TEST(MessageRulesTest, NullToolCallsAreIgnored) {
  ExpectValid(R"([{"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hey","tool_calls":null}])",
              kConversation);
}

// --- empty_messages / bad_prompt_end / last_turn_not_assistant -------------------------------

TEST(MessageRulesTest, EmptyMessages) {
  ExpectOnly("[]", kConversation, "empty_messages", "messages");
  ExpectOnly("[]", kPrompt, "empty_messages", "messages");
  // Only a system turn: no user or assistant turn.
  std::string message =
      ExpectOnly(R"([{"role":"system","content":"S"}])", kPrompt, "empty_messages", "messages");
  EXPECT_THAT(message, HasSubstr("no user or assistant"));
}

TEST(MessageRulesTest, PromptMustNotEndWithTheAssistant) {
  ExpectOnly(R"([{"role":"user","content":"Q"},{"role":"assistant","content":"A"}])", kPrompt,
             "bad_prompt_end", "messages");
  ExpectValid(R"([{"role":"user","content":"Q"}])", kPrompt);
}

TEST(MessageRulesTest, LastTurnNotAssistant) {
  std::string message =
      ExpectOnly(R"([{"role":"user","content":"Q"},{"role":"assistant","content":"A"},
                     {"role":"user","content":"Thanks"}])",
                 kConversation, "last_turn_not_assistant", "messages");
  EXPECT_THAT(message, HasSubstr("the last turn is user"));
  ExpectOnly(R"([{"role":"assistant","tool_calls":[{"function":{"name":"w"}}]},
                 {"role":"tool","content":"22 C"}])",
             kCompletion, "last_turn_not_assistant", "messages");
}

TEST(MessageRulesTest, RequireAssistantLastCanBeTurnedOff) {
  ValidationOptions options;
  options.require_assistant_last = false;
  ExpectValid(R"([{"role":"user","content":"Q"},{"role":"assistant","content":"A"},
                  {"role":"user","content":"Thanks"}])",
              kConversation, options);
  // The prompt rule is not about training targets and stays on.
  ExpectOnly(R"([{"role":"user","content":"Q"},{"role":"assistant","content":"A"}])", kPrompt,
             "bad_prompt_end", "messages", options);
}

// --- wrong_type for the list itself ----------------------------------------------------------

TEST(MessageRulesTest, ListOfTheWrongType) {
  std::string message = ExpectOnly(R"("Hello")", kConversation, "wrong_type", "messages");
  EXPECT_THAT(message, HasSubstr("got string"));
  ExpectOnly(R"({"role":"user","content":"Hi"})", kConversation, "wrong_type", "messages");
}

// --- helpers ---------------------------------------------------------------------------------

simdjson::dom::element ParseElement(simdjson::dom::parser& parser, std::string_view json) {
  simdjson::dom::element element;
  EXPECT_EQ(parser.parse(json.data(), json.size()).get(element), simdjson::SUCCESS);
  return element;
}

TEST(MessageRulesTest, IsConversational) {
  simdjson::dom::parser parser;
  EXPECT_TRUE(IsConversational(ParseElement(parser, R"([{"role":"user"}])")));
  EXPECT_TRUE(IsConversational(ParseElement(parser, "[]")));
  EXPECT_FALSE(IsConversational(ParseElement(parser, R"("text")")));
  EXPECT_FALSE(IsConversational(ParseElement(parser, R"([{"role":"user"}, "x"])")));
  EXPECT_FALSE(IsConversational(ParseElement(parser, R"({"role":"user"})")));
}

TEST(MessageRulesTest, JsonTypeNames) {
  simdjson::dom::parser parser;
  EXPECT_EQ(JsonTypeName(ParseElement(parser, R"("s")")), "string");
  EXPECT_EQ(JsonTypeName(ParseElement(parser, "[1]")), "list");
  EXPECT_EQ(JsonTypeName(ParseElement(parser, "{}")), "object");
  EXPECT_EQ(JsonTypeName(ParseElement(parser, "1.5")), "number");
  EXPECT_EQ(JsonTypeName(ParseElement(parser, "-3")), "number");
  EXPECT_EQ(JsonTypeName(ParseElement(parser, "true")), "bool");
  EXPECT_EQ(JsonTypeName(ParseElement(parser, "null")), "null");
}

TEST(MessageRulesTest, HasNonSpace) {
  EXPECT_FALSE(HasNonSpace(""));
  EXPECT_FALSE(HasNonSpace(" \t\r\n\f\v"));
  EXPECT_TRUE(HasNonSpace("  x "));
  EXPECT_TRUE(HasNonSpace("\xC2\xA0"));  // a no-break space is not ASCII whitespace
}

}  // namespace
}  // namespace winnow
