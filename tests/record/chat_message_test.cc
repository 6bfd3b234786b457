#include "winnow/record/chat_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

// Reads the message list `json` (field name "conversations") and writes it back as OpenAI
// messages; "error: <message>" when reading fails.
class ChatMessageTest : public ::testing::Test {
 protected:
  Result<std::vector<ChatMessage>> Read(std::string_view json) {
    text_ = simdjson::padded_string(json);
    simdjson::dom::element list;
    EXPECT_EQ(document_parser_.parse(text_).get(list), simdjson::SUCCESS) << json;
    return ReadChatMessages(list, "conversations", scratch_);
  }

  std::string ToOpenAi(std::string_view json, MessageWriteOptions options = {}) {
    auto messages = Read(json);
    if (!messages) return "error: " + messages.error().message();
    JsonBuilder out;
    WriteOpenAiMessages(*messages, options, &out);
    return out.Take();
  }

  std::string ToShareGpt(std::string_view json) {
    auto messages = Read(json);
    if (!messages) return "error: " + messages.error().message();
    JsonBuilder out;
    WriteShareGptMessages(*messages, &out);
    return out.Take();
  }

  simdjson::padded_string text_;
  simdjson::dom::parser document_parser_;
  simdjson::dom::parser scratch_;
};

TEST(MapRoleTest, RoleValuesSeenInTheWild) {
  EXPECT_EQ(MapRole("system"), "system");
  EXPECT_EQ(MapRole("developer"), "system");
  EXPECT_EQ(MapRole("user"), "user");
  EXPECT_EQ(MapRole("human"), "user");
  for (const char* role : {"assistant", "gpt", "bot", "chatgpt", "model", "function_call"}) {
    EXPECT_EQ(MapRole(role), "assistant") << role;
  }
  for (const char* role : {"tool", "observation", "function", "ipython"}) {
    EXPECT_EQ(MapRole(role), "tool") << role;
  }
  EXPECT_EQ(MapRole("narrator"), "");
  EXPECT_EQ(MapRole("Human"), "");  // values are case-sensitive
  EXPECT_EQ(MapRole(""), "");
}

TEST_F(ChatMessageTest, ShareGptRolesAreMapped) {
  EXPECT_EQ(ToOpenAi(R"([{"from":"system","value":"Be brief."},{"from":"human","value":"Hi"},
                         {"from":"gpt","value":"Hello"},{"from":"user","value":"Bye"},
                         {"from":"bot","value":"Bye!"}])"),
            R"([{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},)"
            R"({"role":"assistant","content":"Hello"},{"role":"user","content":"Bye"},)"
            R"({"role":"assistant","content":"Bye!"}])");
}

TEST_F(ChatMessageTest, OpenAiMessagesReadBack) {
  std::string_view json =
      R"([{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}])";
  EXPECT_EQ(ToOpenAi(json), json);
}

TEST_F(ChatMessageTest, FunctionCallAndObservationBecomeToolCallAndToolTurn) {
  // LLaMA-Factory's glaive_toolcall shape: the call is JSON text with object arguments.
  std::string_view json = R"([
    {"from":"human","value":"Recipes with rice?"},
    {"from":"function_call","value":"{\"name\": \"search_recipes\", \"arguments\": {\"ingredients\": [\"rice\"]}}"},
    {"from":"observation","value":"{\"recipes\": [\"Fried rice\"]}"},
    {"from":"gpt","value":"Try fried rice."}])";
  EXPECT_EQ(
      ToOpenAi(json),
      R"([{"role":"user","content":"Recipes with rice?"},)"
      R"({"role":"assistant","tool_calls":[{"type":"function","function":)"
      R"({"name":"search_recipes","arguments":"{\"ingredients\":[\"rice\"]}"}}]},)"
      R"({"role":"tool","content":"{\"recipes\": [\"Fried rice\"]}","name":"search_recipes"},)"
      R"({"role":"assistant","content":"Try fried rice."}])");
  MessageWriteOptions object;
  object.arguments = ArgumentsForm::kObject;
  EXPECT_THAT(
      ToOpenAi(json, object),
      HasSubstr(R"("function":{"name":"search_recipes","arguments":{"ingredients":["rice"]}})"));
}

TEST_F(ChatMessageTest, ToolCallArgumentsAsStringOrObject) {
  auto call_with = [&](std::string_view arguments) {
    std::string json = R"([{"role":"user","content":"W?"},{"role":"assistant","tool_calls":[)"
                       R"({"id":"c1","type":"function","function":{"name":"w","arguments":)" +
                       std::string(arguments) + R"(}}]}])";
    auto messages = Read(json);
    EXPECT_TRUE(messages.has_value()) << json;
    if (!messages || messages->size() != 2 || (*messages)[1].tool_calls.size() != 1)
      return std::string("?");
    EXPECT_EQ((*messages)[1].tool_calls[0].id, "c1");
    EXPECT_EQ((*messages)[1].tool_calls[0].name, "w");
    return (*messages)[1].tool_calls[0].arguments_json;
  };
  EXPECT_EQ(call_with(R"("{\"city\": \"Paris\", \"days\": 2}")"), R"({"city":"Paris","days":2})");
  EXPECT_EQ(call_with(R"({"city": "Paris", "days": 2})"), R"({"city":"Paris","days":2})");
  EXPECT_EQ(call_with(R"("")"), "{}");
}

TEST_F(ChatMessageTest, ToolCallWithoutArgumentsOrWithParameters) {
  auto messages = Read(R"([{"role":"user","content":"Now?"},
    {"role":"assistant","tool_calls":[{"function":{"name":"time"}},
                                      {"name":"w","parameters":{"city":"Oslo"}}]}])");
  ASSERT_TRUE(messages.has_value()) << messages.error().message();
  ASSERT_EQ((*messages)[1].tool_calls.size(), 2u);
  EXPECT_EQ((*messages)[1].tool_calls[0].arguments_json, "{}");
  EXPECT_EQ((*messages)[1].tool_calls[1].name, "w");
  EXPECT_EQ((*messages)[1].tool_calls[1].arguments_json, R"({"city":"Oslo"})");
}

TEST_F(ChatMessageTest, ToolCallArgumentsStringThatIsNotJsonIsAnError) {
  std::string written = ToOpenAi(R"([{"role":"user","content":"W?"},
    {"role":"assistant","tool_calls":[{"function":{"name":"w","arguments":"city=Paris"}}]}])");
  EXPECT_THAT(
      written,
      HasSubstr("error: conversations[1].tool_calls[0]: arguments is a string but not JSON"));
}

TEST_F(ChatMessageTest, ToolCallWithoutANameIsAnError) {
  EXPECT_THAT(ToOpenAi(R"([{"role":"assistant","tool_calls":[{"function":{"arguments":"{}"}}]}])"),
              HasSubstr("error: conversations[0].tool_calls[0]: a tool call needs a name"));
  EXPECT_THAT(ToOpenAi(R"([{"role":"assistant","tool_calls":["w"]}])"),
              HasSubstr("a tool call must be an object"));
}

TEST_F(ChatMessageTest, LegacyFunctionCallKey) {
  EXPECT_EQ(ToOpenAi(R"([{"role":"user","content":"W?"},
    {"role":"assistant","content":null,"function_call":{"name":"w","arguments":"{\"c\":1}"}},
    {"role":"function","name":"w","content":"22 C"}])"),
            R"([{"role":"user","content":"W?"},{"role":"assistant","tool_calls":[{"type":)"
            R"("function","function":{"name":"w","arguments":"{\"c\":1}"}}]},)"
            R"({"role":"tool","content":"22 C","name":"w"}])");
}

TEST_F(ChatMessageTest, ToolTurnsGetTheNamesAndIdsOfTheCallsTheyAnswer) {
  auto messages = Read(R"([{"role":"user","content":"Weather and time?"},
    {"role":"assistant","tool_calls":[
      {"id":"a","type":"function","function":{"name":"weather","arguments":"{}"}},
      {"id":"b","type":"function","function":{"name":"time","arguments":"{}"}}]},
    {"role":"tool","content":"22 C"},
    {"role":"tool","content":"noon"},
    {"role":"tool","content":"extra"},
    {"role":"assistant","content":"22 C at noon."}])");
  ASSERT_TRUE(messages.has_value()) << messages.error().message();
  ASSERT_EQ(messages->size(), 6u);
  EXPECT_EQ((*messages)[2].name, "weather");
  EXPECT_EQ((*messages)[2].tool_call_id, "a");
  EXPECT_EQ((*messages)[3].name, "time");
  EXPECT_EQ((*messages)[3].tool_call_id, "b");
  // A result beyond the calls gets no name.
  EXPECT_EQ((*messages)[4].name, "");
}

TEST_F(ChatMessageTest, ToolTurnNamesFromTheSourceWin) {
  auto messages = Read(R"([{"role":"user","content":"W?"},
    {"role":"assistant","tool_calls":[{"id":"a","function":{"name":"weather","arguments":"{}"}}]},
    {"role":"tool","name":"my_weather","tool_call_id":"x","content":"22 C"}])");
  ASSERT_TRUE(messages.has_value());
  EXPECT_EQ((*messages)[2].name, "my_weather");
  EXPECT_EQ((*messages)[2].tool_call_id, "x");
}

TEST_F(ChatMessageTest, ToolTurnAfterAPlainTurnGetsNoName) {
  auto messages = Read(R"([{"role":"assistant","tool_calls":[{"function":{"name":"w"}}]},
    {"role":"tool","content":"1"},{"role":"user","content":"Again"},{"role":"tool","content":"2"}])");
  ASSERT_TRUE(messages.has_value());
  EXPECT_EQ((*messages)[1].name, "w");
  EXPECT_EQ((*messages)[3].name, "");
}

TEST_F(ChatMessageTest, ParallelCallsInOneFunctionCallTurn) {
  auto messages = Read(R"([{"from":"human","value":"Both?"},
    {"from":"function_call","value":"[{\"name\":\"a\",\"arguments\":{}},{\"name\":\"b\",\"arguments\":{\"x\":1}}]"},
    {"from":"observation","value":"A"},{"from":"observation","value":"B"},
    {"from":"gpt","value":"Done."}])");
  ASSERT_TRUE(messages.has_value()) << messages.error().message();
  ASSERT_EQ((*messages)[1].tool_calls.size(), 2u);
  EXPECT_EQ((*messages)[1].tool_calls[1].arguments_json, R"({"x":1})");
  EXPECT_FALSE((*messages)[1].has_content());
  EXPECT_EQ((*messages)[2].name, "a");
  EXPECT_EQ((*messages)[3].name, "b");
}

TEST_F(ChatMessageTest, FunctionCallValueMustBeJson) {
  EXPECT_THAT(
      ToOpenAi(R"([{"from":"function_call","value":"search rice"}])"),
      HasSubstr("error: conversations[0]: a function_call turn's value must be the call as JSON"));
  EXPECT_THAT(ToOpenAi(R"([{"from":"function_call","value":{"name":"w"}}])"),
              HasSubstr("a function_call turn needs the call as a JSON string"));
}

TEST_F(ChatMessageTest, ContentPartsOfTextBecomeOneString) {
  EXPECT_EQ(ToOpenAi(R"([{"role":"user","content":[{"type":"text","text":"Hello, "},
                                                   {"type":"text","text":"world"}]}])"),
            R"([{"role":"user","content":"Hello, world"}])");
  // LLaMA-Factory v1 spells the text "value".
  EXPECT_EQ(
      ToOpenAi(R"([{"role":"user","content":[{"type":"text","value":"hi"}],"loss_weight":0.0}])"),
      R"([{"role":"user","content":"hi","loss_weight":0.0}])");
}

TEST_F(ChatMessageTest, MixedContentPartsStayPartsSpelledTheOpenAiWay) {
  auto messages = Read(R"([{"role":"user","content":[{"type":"text","value":"What is this?"},
                           {"type":"image_url","image_url":{"url":"cat.png"}}]}])");
  ASSERT_TRUE(messages.has_value());
  EXPECT_EQ(
      (*messages)[0].content_json,
      R"([{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"cat.png"}}])");
  EXPECT_EQ((*messages)[0].text, "What is this?");
}

TEST_F(ChatMessageTest, ExtraMessageKeysAreKeptOrDropped) {
  std::string_view json = R"([{"role":"user","content":"hi","loss_weight":0.0},
                              {"role":"assistant","content":"hello","loss_weight":1.0,
                               "reasoning_content":"think"}])";
  EXPECT_EQ(ToOpenAi(json), R"([{"role":"user","content":"hi","loss_weight":0.0},)"
                            R"({"role":"assistant","content":"hello","loss_weight":1.0,)"
                            R"("reasoning_content":"think"}])");
  MessageWriteOptions drop;
  drop.keep_extra_keys = false;
  EXPECT_EQ(ToOpenAi(json, drop),
            R"([{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}])");
}

TEST_F(ChatMessageTest, ReadErrorsNameTheField) {
  EXPECT_EQ(ToOpenAi(R"([{"from":"human","value":"Hi"},{"from":"narrator","value":"Later"}])"),
            "error: conversations[1].from: unknown role 'narrator'");
  EXPECT_EQ(ToOpenAi(R"([{"role":"narrator","content":"x"}])"),
            "error: conversations[0].role: unknown role 'narrator'");
  EXPECT_EQ(ToOpenAi(R"(["Hi"])"), "error: conversations[0]: a message must be an object");
  EXPECT_THAT(ToOpenAi(R"([{"content":"Hi"}])"),
              HasSubstr("error: conversations[0]: a message needs a string 'role'"));
  EXPECT_EQ(ToOpenAi(R"([{"role":"user","content":7}])"),
            "error: conversations[0]: content must be a string or a list of parts");
  EXPECT_EQ(ToOpenAi(R"([{"role":"user"}])"),
            "error: conversations[0]: the message has no content");
  EXPECT_EQ(ToOpenAi(R"([{"role":"user","content":null}])"),
            "error: conversations[0]: the message has no content");
  EXPECT_EQ(ToOpenAi(R"({"role":"user","content":"Hi"})"),
            "error: conversations: expected a list of messages");
}

TEST_F(ChatMessageTest, EmptyListReadsAsNoMessages) {
  auto messages = Read("[]");
  ASSERT_TRUE(messages.has_value());
  EXPECT_TRUE(messages->empty());
}

TEST_F(ChatMessageTest, WritesShareGpt) {
  EXPECT_EQ(ToShareGpt(R"([{"role":"system","content":"S"},{"role":"user","content":"Q"},
    {"role":"assistant","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{\"c\":1}"}}]},
    {"role":"tool","content":"22 C"},{"role":"assistant","content":"22 C."}])"),
            R"([{"from":"system","value":"S"},{"from":"human","value":"Q"},)"
            R"({"from":"function_call","value":"{\"name\":\"w\",\"arguments\":{\"c\":1}}"},)"
            R"({"from":"observation","value":"22 C"},{"from":"gpt","value":"22 C."}])");
}

TEST_F(ChatMessageTest, WritesParallelCallsAsOneShareGptList) {
  EXPECT_EQ(ToShareGpt(R"([{"role":"user","content":"Q"},
    {"role":"assistant","tool_calls":[{"function":{"name":"a","arguments":{}}},
                                      {"function":{"name":"b","arguments":{"x":1}}}]}])"),
            R"([{"from":"human","value":"Q"},{"from":"function_call","value":)"
            R"("[{\"name\":\"a\",\"arguments\":{}},{\"name\":\"b\",\"arguments\":{\"x\":1}}]"}])");
}

TEST(ChatMessageHelpersTest, TextMessage) {
  ChatMessage message = ChatMessage::Text("user", "say \"hi\"");
  EXPECT_EQ(message.role, "user");
  EXPECT_EQ(message.content_json, R"("say \"hi\"")");
  EXPECT_EQ(message.text, "say \"hi\"");
  EXPECT_TRUE(message.has_content());
}

std::vector<ChatMessage> Roles(std::initializer_list<const char*> roles) {
  std::vector<ChatMessage> messages;
  for (const char* role : roles) messages.push_back(ChatMessage::Text(role, "x"));
  return messages;
}

TEST(ChatMessageHelpersTest, ReplyStartIsAfterTheLastUserTurn) {
  EXPECT_EQ(ReplyStart(Roles({"user", "assistant"})), 1u);
  EXPECT_EQ(ReplyStart(Roles({"system", "user", "assistant", "user", "assistant"})), 4u);
  EXPECT_EQ(ReplyStart(Roles({"user", "assistant", "tool", "assistant"})), 1u);
  EXPECT_EQ(ReplyStart(Roles({"user", "assistant", "user"})), 3u);  // nothing follows
  EXPECT_EQ(ReplyStart(Roles({"assistant"})), 1u);                  // no user turn
  EXPECT_EQ(ReplyStart({}), 0u);
}

TEST(ChatMessageHelpersTest, SameMessageComparesRoleContentAndCalls) {
  ChatMessage a = ChatMessage::Text("assistant", "x");
  ChatMessage b = ChatMessage::Text("assistant", "x");
  b.extra.emplace_back("loss_weight", "1.0");
  EXPECT_TRUE(SameMessage(a, b));
  EXPECT_FALSE(SameMessage(a, ChatMessage::Text("user", "x")));
  EXPECT_FALSE(SameMessage(a, ChatMessage::Text("assistant", "y")));
  b.tool_calls.push_back({"", "w", "{}"});
  EXPECT_FALSE(SameMessage(a, b));
  a.tool_calls.push_back({"id-differs", "w", "{}"});
  EXPECT_TRUE(SameMessage(a, b));
  a.tool_calls[0].arguments_json = R"({"x":1})";
  EXPECT_FALSE(SameMessage(a, b));
}

}  // namespace
}  // namespace winnow
