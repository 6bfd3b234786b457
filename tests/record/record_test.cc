#include "winnow/record/record.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

std::string source = "data.jsonl";

Record Make(std::string_view text, uint64_t line = 1) {
  RecordOrigin origin;
  origin.source = &source;
  origin.line = line;
  return Record::Owned(text, origin);
}

std::string Json(const Record& record) {
  std::string out;
  record.AppendJson(&out);
  return out;
}

TEST(RecordTest, ParsesAndReadsFields) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"a": 1, "b": "x"})");
  ASSERT_TRUE(record.Parse(parser).ok());
  int64_t a = 0;
  ASSERT_FALSE(record.Field("a").get_int64().get(a));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(record.Field("missing").error(), simdjson::NO_SUCH_FIELD);
}

TEST(RecordTest, SyntaxErrorNamesFileLineAndColumn) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"a": 1,, "b": 2})", 17);
  Status status = record.Parse(parser);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("data.jsonl:17:9:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("expected a quoted object key"), std::string::npos);
}

TEST(RecordTest, UnterminatedStringPointsAtItsStart) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"text": "never ends)", 3);
  Status status = record.Parse(parser);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("data.jsonl:3:10: unterminated string"), std::string::npos)
      << status.message();
}

TEST(RecordTest, NonObjectIsRejected) {
  simdjson::dom::parser parser;
  Record record = Make("[1, 2]", 4);
  Status status = record.Parse(parser);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "data.jsonl:4: record is a JSON array, expected an object");
}

TEST(RecordTest, InvalidUtf8IsReported) {
  simdjson::dom::parser parser;
  Record record = Make("{\"a\": \"x\xff\xfey\"}", 2);
  Status status = record.Parse(parser);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("data.jsonl:2:9: invalid UTF-8"), std::string::npos)
      << status.message();
}

TEST(RecordTest, UnmodifiedRecordIsCopiedVerbatim) {
  simdjson::dom::parser parser;
  Record record = Make(R"(  {"b": 2, "a": [1, 2]}  )");
  ASSERT_TRUE(record.Parse(parser).ok());
  EXPECT_EQ(Json(record), R"({"b": 2, "a": [1, 2]})");
}

TEST(RecordTest, AddedFieldsAreAppendedWithoutReserialising) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"b": 2,  "a": [1, 2]})");
  ASSERT_TRUE(record.Parse(parser).ok());
  ASSERT_TRUE(record.SetInt("n", 7, parser).ok());
  ASSERT_TRUE(record.SetString("s", "q\"uote", parser).ok());
  // The original spacing survives: the text was not rebuilt.
  EXPECT_EQ(Json(record), R"({"b": 2,  "a": [1, 2],"n":7,"s":"q\"uote"})");
  int64_t n = 0;
  ASSERT_FALSE(record.Field("n").get_int64().get(n));
  EXPECT_EQ(n, 7);
}

TEST(RecordTest, SetOnEmptyObject) {
  simdjson::dom::parser parser;
  Record record = Make("{}");
  ASSERT_TRUE(record.Parse(parser).ok());
  ASSERT_TRUE(record.SetBool("ok", true, parser).ok());
  EXPECT_EQ(Json(record), R"({"ok":true})");
}

TEST(RecordTest, OverrideAndRemoveRebuildTheObject) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"a": 1, "b": "x", "c": null})");
  ASSERT_TRUE(record.Parse(parser).ok());
  ASSERT_TRUE(record.SetInt("a", 5, parser).ok());
  record.Remove("c");
  EXPECT_EQ(Json(record), R"({"b":"x","a":5})");
  EXPECT_EQ(record.Field("c").error(), simdjson::NO_SUCH_FIELD);
  int fields = 0;
  record.ForEachField([&](std::string_view, simdjson::dom::element) { ++fields; });
  EXPECT_EQ(fields, 2);
}

TEST(RecordTest, RemoveThenSetRestoresField) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"a": 1})");
  ASSERT_TRUE(record.Parse(parser).ok());
  record.Remove("a");
  ASSERT_TRUE(record.SetInt("a", 2, parser).ok());
  EXPECT_EQ(Json(record), R"({"a":2})");
}

TEST(RecordTest, SetRejectsInvalidJson) {
  simdjson::dom::parser parser;
  Record record = Make(R"({"a": 1})");
  ASSERT_TRUE(record.Parse(parser).ok());
  EXPECT_FALSE(record.Set("b", "{nope", parser).ok());
  EXPECT_EQ(Json(record), R"({"a": 1})");
}

TEST(RecordTest, MultiLineTextIsCompactedForJsonl) {
  simdjson::dom::parser parser;
  Record record = Make("{\n  \"a\": 1,\n  \"b\": [1,\n 2]\n}");
  ASSERT_TRUE(record.Parse(parser).ok());
  EXPECT_EQ(Json(record), R"({"a":1,"b":[1,2]})");
}

TEST(RecordTest, DetachKeepsTextAndDomValid) {
  simdjson::dom::parser parser;
  std::string buffer = R"({"k": "value"})";
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  Record record = Record::Borrowed(std::string_view(buffer.data(), 14), RecordOrigin{});
  ASSERT_TRUE(record.Parse(parser).ok());
  record.Detach();
  buffer.assign(buffer.size(), 'x');  // the borrowed bytes are gone
  std::string_view value;
  ASSERT_FALSE(record.Field("k").get_string().get(value));
  EXPECT_EQ(value, "value");
  EXPECT_EQ(Json(record), R"({"k": "value"})");
  Record moved = std::move(record);
  EXPECT_EQ(Json(moved), R"({"k": "value"})");
}

TEST(RecordTest, OriginToString) {
  RecordOrigin origin;
  origin.source = &source;
  origin.line = 9;
  EXPECT_EQ(origin.ToString(), "data.jsonl:9");
  origin.line = 0;
  origin.byte_offset = 1234;
  EXPECT_EQ(origin.ToString(), "data.jsonl:@byte 1234");
}

}  // namespace
}  // namespace winnow
