// DedupKey: the raw key text of a record (a field, several fields joined with " \u241E ", or a part
// of a conversation), before normalisation.

#include "winnow/dedup/dedup_key.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace winnow {
namespace {

class DedupKeyTest : public ::testing::Test {
 protected:
  // The raw key text of `json` under `options`.
  std::string Key(const DedupKeyOptions& options, std::string_view json) {
    auto key = DedupKey::Create(options);
    EXPECT_TRUE(key.has_value()) << key.error().message();
    if (!key) return "<no key>";
    Record record = Record::Owned(json, RecordOrigin{});
    Status status = record.Parse(parser_);
    EXPECT_TRUE(status.ok()) << status.message();
    std::string scratch = "stale";
    return std::string(key->RawText(record, &scratch));
  }
  std::string Fields(std::vector<std::string> fields, std::string_view json) {
    DedupKeyOptions options;
    options.fields = std::move(fields);
    return Key(options, json);
  }
  std::string Chat(ConversationPart part, std::string_view json, bool role_prefix = false,
                   std::string field = "messages") {
    DedupKeyOptions options;
    options.fields = {std::move(field)};
    options.part = part;
    options.role_prefix = role_prefix;
    return Key(options, json);
  }

  simdjson::dom::parser parser_;
};

TEST_F(DedupKeyTest, DefaultsAreTheTextFieldWholeConversationMinHash) {
  DedupKeyOptions options;
  EXPECT_EQ(options.fields, std::vector<std::string>{"text"});
  EXPECT_EQ(options.part, ConversationPart::kAll);
  EXPECT_FALSE(options.role_prefix);
  EXPECT_EQ(options.normalization, TextNormalization::kMinHash);
  options.normalization = TextNormalization::kRaw;
  auto key = DedupKey::Create(options);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->normalization(), TextNormalization::kRaw);
  EXPECT_EQ(key->views().size(), 1u);
}

TEST_F(DedupKeyTest, PlainField) {
  EXPECT_EQ(Fields({"text"}, R"({"id":1,"text":"Hello  World"})"), "Hello  World");
  EXPECT_EQ(Fields({"body"}, R"({"text":"no","body":"yes"})"), "yes");
  EXPECT_EQ(Fields({"meta.body"}, R"({"meta":{"body":"nested"}})"), "nested");
  // Non-string values are their JSON text; null is empty.
  EXPECT_EQ(Fields({"n"}, R"({"n":42})"), "42");
  EXPECT_EQ(Fields({"n"}, R"({"n":null})"), "");
}

TEST_F(DedupKeyTest, MissingFieldIsAnEmptyKey) {
  EXPECT_EQ(Fields({"text"}, R"({"id":1})"), "");
  EXPECT_EQ(Fields({"a", "b"}, R"({"id":1})"), "");
  EXPECT_EQ(Fields({"a", "b"}, R"({"a":"","b":""})"), "");
  EXPECT_EQ(Fields({"a.b.c"}, R"({"a":{"b":1}})"), "");
}

TEST_F(DedupKeyTest, SeveralFieldsAreJoinedSoBoundariesCount) {
  const std::string ab_c = Fields({"a", "b"}, R"({"a":"ab","b":"c"})");
  const std::string a_bc = Fields({"a", "b"}, R"({"a":"a","b":"bc"})");
  EXPECT_EQ(ab_c, "ab \u241E c");
  EXPECT_EQ(a_bc, "a \u241E bc");
  EXPECT_NE(ab_c, a_bc);
  // Field order matters, and one missing field keeps its place.
  EXPECT_EQ(Fields({"b", "a"}, R"({"a":"ab","b":"c"})"), "c \u241E ab");
  EXPECT_EQ(Fields({"a", "b"}, R"({"b":"c"})"), " \u241E c");
  EXPECT_EQ(Fields({"a", "b"}, R"({"a":"ab"})"), "ab \u241E ");
  EXPECT_EQ(Fields({"a", "b", "c"}, R"({"a":"1","b":"2","c":"3"})"), "1 \u241E 2 \u241E 3");
}

TEST_F(DedupKeyTest, RawTextIsStableAcrossCallsWithTheSameScratch) {
  DedupKeyOptions options;
  options.fields = {"a", "b"};
  auto key = DedupKey::Create(options);
  ASSERT_TRUE(key.has_value());
  Record first = Record::Owned(R"({"a":"x","b":"y"})", RecordOrigin{});
  Record second = Record::Owned(R"({"a":"p","b":"q"})", RecordOrigin{});
  ASSERT_TRUE(first.Parse(parser_).ok());
  ASSERT_TRUE(second.Parse(parser_).ok());
  std::string scratch;
  EXPECT_EQ(key->RawText(first, &scratch), "x \u241E y");
  EXPECT_EQ(key->RawText(second, &scratch), "p \u241E q");
  EXPECT_EQ(key->RawText(first, &scratch), "x \u241E y");
}

constexpr char kOpenAi[] = R"({"messages":[
  {"role":"system","content":"Be brief."},
  {"role":"user","content":"What is 2+2?"},
  {"role":"assistant","content":"4."},
  {"role":"user","content":"And 3+3?"},
  {"role":"assistant","content":"6."}]})";

TEST_F(DedupKeyTest, OpenAiMessagesByPart) {
  EXPECT_EQ(Chat(ConversationPart::kAll, kOpenAi), "Be brief.\nWhat is 2+2?\n4.\nAnd 3+3?\n6.");
  EXPECT_EQ(Chat(ConversationPart::kPrompt, kOpenAi), "Be brief.\nWhat is 2+2?\nAnd 3+3?");
  EXPECT_EQ(Chat(ConversationPart::kResponse, kOpenAi), "4.\n6.");
}

TEST_F(DedupKeyTest, OpenAiContentPartsContributeTheirText) {
  const char* json = R"({"messages":[
    {"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"x"}}]},
    {"role":"assistant","content":"a cat"}]})";
  EXPECT_EQ(Chat(ConversationPart::kPrompt, json), "look");
  EXPECT_EQ(Chat(ConversationPart::kResponse, json), "a cat");
}

TEST_F(DedupKeyTest, ToolTurnsArePartOfThePrompt) {
  const char* json = R"({"messages":[
    {"role":"user","content":"weather?"},
    {"role":"tool","content":"sunny"},
    {"role":"assistant","content":"It is sunny."}]})";
  EXPECT_EQ(Chat(ConversationPart::kPrompt, json), "weather?\nsunny");
  EXPECT_EQ(Chat(ConversationPart::kResponse, json), "It is sunny.");
}

constexpr char kShareGpt[] = R"({"conversations":[
  {"from":"system","value":"You are kind."},
  {"from":"human","value":"Hi there"},
  {"from":"gpt","value":"Hello!"}]})";

TEST_F(DedupKeyTest, ShareGptConversationsByPart) {
  EXPECT_EQ(Chat(ConversationPart::kAll, kShareGpt, false, "conversations"),
            "You are kind.\nHi there\nHello!");
  EXPECT_EQ(Chat(ConversationPart::kPrompt, kShareGpt, false, "conversations"),
            "You are kind.\nHi there");
  EXPECT_EQ(Chat(ConversationPart::kResponse, kShareGpt, false, "conversations"), "Hello!");
}

TEST_F(DedupKeyTest, RolePrefixMakesRoleSwapsDiffer) {
  const char* user_says = R"({"messages":[{"role":"user","content":"hello"}]})";
  const char* assistant_says = R"({"messages":[{"role":"assistant","content":"hello"}]})";
  EXPECT_EQ(Chat(ConversationPart::kAll, user_says), Chat(ConversationPart::kAll, assistant_says));
  EXPECT_EQ(Chat(ConversationPart::kAll, user_says, true), "user: hello");
  EXPECT_EQ(Chat(ConversationPart::kAll, assistant_says, true), "assistant: hello");
  EXPECT_EQ(Chat(ConversationPart::kAll, kOpenAi, true),
            "system: Be brief.\nuser: What is 2+2?\nassistant: 4.\nuser: And 3+3?\n"
            "assistant: 6.");
  EXPECT_EQ(Chat(ConversationPart::kPrompt, kShareGpt, true, "conversations"),
            "system: You are kind.\nhuman: Hi there");
}

TEST_F(DedupKeyTest, PartDoesNotAffectPlainStringFields) {
  EXPECT_EQ(Chat(ConversationPart::kPrompt, R"({"messages":"just text"})"), "just text");
  EXPECT_EQ(Chat(ConversationPart::kResponse, R"({"messages":"just text"})"), "just text");
}

TEST_F(DedupKeyTest, ConversationWithoutThePartIsEmpty) {
  const char* only_user = R"({"messages":[{"role":"user","content":"q"}]})";
  EXPECT_EQ(Chat(ConversationPart::kResponse, only_user), "");
}

TEST(DedupKeyCreate, ErrorsForNoFieldsAndBadPaths) {
  DedupKeyOptions none;
  none.fields.clear();
  auto key = DedupKey::Create(none);
  ASSERT_FALSE(key.has_value());
  EXPECT_NE(key.error().message().find("no key field"), std::string::npos);
  DedupKeyOptions bad;
  bad.fields = {"a..b"};
  EXPECT_FALSE(DedupKey::Create(bad).has_value());
}

TEST(ParseConversationPart, NamesAndErrors) {
  EXPECT_EQ(ParseConversationPart("all").value(), ConversationPart::kAll);
  EXPECT_EQ(ParseConversationPart("conversation").value(), ConversationPart::kAll);
  EXPECT_EQ(ParseConversationPart("prompt").value(), ConversationPart::kPrompt);
  EXPECT_EQ(ParseConversationPart("response").value(), ConversationPart::kResponse);
  auto bad = ParseConversationPart("answer");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("\"answer\""), std::string::npos);
  EXPECT_NE(bad.error().message().find("prompt"), std::string::npos);
}

}  // namespace
}  // namespace winnow
