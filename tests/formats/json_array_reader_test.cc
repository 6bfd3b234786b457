#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "formats/format_test_util.h"
#include "winnow/formats/reader.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadAll;
using testing::ReadResult;

ReadResult ReadArray(std::string text, ReaderOptions options = {}, size_t max_read = SIZE_MAX) {
  return ReadAll(NewJsonArrayReader, std::move(text), options, "data.json", max_read);
}

std::vector<std::string> Texts(const ReadResult& result) {
  std::vector<std::string> texts;
  for (const Record& record : result.records) texts.emplace_back(record.text());
  return texts;
}

TEST(JsonArrayReaderTest, SplitsElementsWithoutParsing) {
  ReadResult result = ReadArray(R"([{"a":1},{"b":2}, {"c":[3]} ])");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Texts(result), ElementsAre(R"({"a":1})", R"({"b":2})", R"({"c":[3]})"));
  EXPECT_FALSE(result.records[0].parsed());
}

TEST(JsonArrayReaderTest, HandlesNestingAndBracketsInsideStrings) {
  const std::string text =
      "[\n"
      "  {\n"
      "    \"a\": [1, [2, {\"x\": []}]],\n"
      "    \"s\": \"br]ack}ets, \\\"quoted\\\" [{ and a \\\\\"\n"
      "  },\n"
      "  {\"b\": {\"c\": \"\\\\\\\"]\"}}\n"
      "]\n";
  ReadResult result = ReadArray(text);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  ASSERT_EQ(result.records.size(), 2u);
  simdjson::dom::parser parser;
  testing::ParseAll(&result.records, parser);
  EXPECT_EQ(testing::FieldJson(result.records[0], "s"), R"("br]ack}ets, \"quoted\" [{ and a \\")");
  EXPECT_EQ(testing::FieldJson(result.records[0], "a"), R"([1,[2,{"x":[]}]])");
  EXPECT_EQ(testing::FieldJson(result.records[1], "b"), R"({"c":"\\\"]"})");
  EXPECT_EQ(result.records[0].origin().line, 2u);
  EXPECT_EQ(result.records[0].origin().byte_offset, 4u);
  EXPECT_EQ(result.records[0].origin().index, 0u);
  EXPECT_EQ(result.records[1].origin().line, 6u);
  EXPECT_EQ(result.records[1].origin().index, 1u);
  EXPECT_EQ(*result.records[1].origin().source, "data.json");
}

TEST(JsonArrayReaderTest, EmptyArraysAndFilesGiveNoRecords) {
  for (std::string text : {"[]", " [ \n ] \n", "", "  \n", "\xEF\xBB\xBF", "\xEF\xBB\xBF[]"}) {
    ReadResult result = ReadArray(text);
    EXPECT_TRUE(result.status.ok()) << result.status.message();
    EXPECT_TRUE(result.records.empty()) << text;
  }
}

TEST(JsonArrayReaderTest, StripsByteOrderMark) {
  ReadResult result = ReadArray("\xEF\xBB\xBF[{\"a\":1}]");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Texts(result), ElementsAre(R"({"a":1})"));
  EXPECT_EQ(result.records[0].origin().byte_offset, 4u);
}

TEST(JsonArrayReaderTest, LeavesNonObjectElementsToTheParser) {
  ReadResult result = ReadArray(R"([1, "x,]", [1,2], null, {"a":1}])");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Texts(result), ElementsAre("1", R"("x,]")", "[1,2]", "null", R"({"a":1})"));
  simdjson::dom::parser parser;
  Status status = result.records[2].Parse(parser);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("record is a JSON array, expected an object"));
  EXPECT_TRUE(result.records[4].Parse(parser).ok());
}

struct ErrorCase {
  std::string text;
  std::string message;
};

TEST(JsonArrayReaderTest, StructuralErrorsNameFileLineAndColumn) {
  const std::vector<ErrorCase> cases = {
      {R"({"a":1})", "data.json:1:1: expected '[' to open a JSON array of objects, found '{'"},
      {"\n  x", "data.json:2:3: expected '['"},
      {R"([{"a":1} {"b":2}])",
       "data.json:1:10: expected ',' or ']' after an array element, found '{'"},
      {"[{\"a\":1}]\n x", "data.json:2:2: unexpected 'x' after the closing ']' of the array"},
      {"[{\"a\":1}] ]", "data.json:1:11: unexpected ']' after the closing ']'"},
      {R"([{"a":1},)",
       "data.json:1:10: unexpected end of file: the array opened at line 1, column 1 is not "
       "closed"},
      {"  [", "data.json:1:4: unexpected end of file: the array opened at line 1, column 3"},
      {"[{\"a\":1},\n {\"b\":",
       "data.json:2:7: unexpected end of file inside the array element that starts at line 2, "
       "column 2"},
      {R"([{"a":"unterminated]})", "inside the array element that starts at line 1, column 2"},
      {R"([{"a":1},])", "data.json:1:10: expected an array element, found ']'"},
      {"[,", "data.json:1:2: expected an array element, found ','"},
      {"[}", "data.json:1:2: expected an array element, found '}'"},
      {"[\n  {\"\xC3\xA9\": 1}\n  \x01",
       "data.json:3:3: expected ',' or ']' after an array "
       "element, found byte 0x01"},
      {"[{\"\xC3\xA9\xC3\xA9\":1}x]", "data.json:1:10: expected ',' or ']'"},
  };
  for (const ErrorCase& c : cases) {
    ReadResult result = ReadArray(c.text);
    ASSERT_FALSE(result.status.ok()) << c.text;
    EXPECT_EQ(result.status.code(), StatusCode::kInvalidInput);
    EXPECT_THAT(result.status.message(), HasSubstr(c.message)) << c.text;
    // The same error whatever the read sizes (columns survive dropped buffer prefixes).
    ReaderOptions tiny;
    tiny.batch_bytes = 2;
    ReadResult chunked = ReadArray(c.text, tiny, 1);
    ASSERT_FALSE(chunked.status.ok()) << c.text;
    EXPECT_EQ(chunked.status.message(), result.status.message());
  }
}

TEST(JsonArrayReaderTest, DeliversElementsBeforeAnError) {
  ReadResult result = ReadArray(R"([{"a":1},{"b":2} x])");
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.records.size(), 2u);
}

TEST(JsonArrayReaderTest, SameRecordsWhateverTheChunkSize) {
  const std::string text =
      "\xEF\xBB\xBF[\r\n {\"id\": 1, \"t\": \"x \\\" ] } \\\\\"},\r\n"
      " {\"id\": 2, \"nested\": [[[{}]]], \"u\": \"\xE2\x9C\x93\"}\r\n"
      ",{\"id\":3}\t,\n\n{}\n]\n";
  ReadResult whole = ReadArray(text);
  ASSERT_TRUE(whole.status.ok()) << whole.status.message();
  ASSERT_EQ(whole.records.size(), 4u);
  simdjson::dom::parser parser;
  testing::ParseAll(&whole.records, parser);
  for (size_t batch_bytes : {1, 2, 3, 7, 16}) {
    for (size_t max_read : {1, 3, 1000}) {
      ReaderOptions options;
      options.batch_bytes = batch_bytes;
      ReadResult chunked = ReadArray(text, options, max_read);
      ASSERT_TRUE(chunked.status.ok()) << chunked.status.message();
      EXPECT_EQ(Texts(chunked), Texts(whole)) << batch_bytes << "/" << max_read;
      EXPECT_GE(chunked.batches, batch_bytes <= 7 ? 4u : 2u) << batch_bytes << "/" << max_read;
      for (size_t i = 0; i < whole.records.size(); ++i) {
        EXPECT_EQ(chunked.records[i].origin().line, whole.records[i].origin().line);
        EXPECT_EQ(chunked.records[i].origin().byte_offset, whole.records[i].origin().byte_offset);
        EXPECT_EQ(chunked.records[i].origin().index, i);
      }
    }
  }
  EXPECT_EQ(whole.records[1].origin().line, 3u);
  EXPECT_EQ(whole.records[3].origin().line, 6u);
}

TEST(JsonArrayReaderTest, ElementLongerThanMaxRecordBytesIsAnError) {
  ReaderOptions options;
  options.max_record_bytes = 12;
  options.batch_bytes = 4;
  ReadResult fits = ReadArray("[{\"a\":\"1234\"}]", options);  // 12 bytes
  ASSERT_TRUE(fits.status.ok()) << fits.status.message();
  EXPECT_EQ(fits.records.size(), 1u);
  ReadResult too_long = ReadArray("[{\"a\":1},\n  {\"a\":\"12345678901234567890\"}]", options);
  ASSERT_FALSE(too_long.status.ok());
  EXPECT_THAT(too_long.status.message(),
              HasSubstr("data.json:2:3: array element is longer than 12 bytes (raise "
                        "--max-record-bytes"));
  options.batch_bytes = 1 << 20;  // the element is complete in the first read
  ReadResult whole = ReadArray("[{\"a\":1},\n  {\"a\":\"12345678901234567890\"}]", options);
  ASSERT_FALSE(whole.status.ok());
  EXPECT_EQ(whole.status.message(), too_long.status.message());
}

TEST(JsonArrayReaderTest, DeepNestingDoesNotRecurse) {
  std::string deep = "[{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}]";
  ReadResult result = ReadArray(deep);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_EQ(result.records.size(), 1u);
}

TEST(JsonArrayReaderTest, ReadsAlpacaDemoFromSharedData) {
  const std::filesystem::path path =
      std::filesystem::path(WINNOW_SHARED_DATA_DIR) / "llamafactory" / "alpaca_en_demo.json";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  ReaderOptions options;
  options.batch_bytes = 64 << 10;
  ReadResult result = ReadArray(bytes.str(), options);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  ASSERT_EQ(result.records.size(), 999u);
  EXPECT_GT(result.batches, 2u);
  simdjson::dom::parser parser;
  testing::ParseAll(&result.records, parser);
  for (const Record& record : result.records) {
    EXPECT_FALSE(record.Field("instruction").error()) << record.origin().ToString();
    EXPECT_FALSE(record.Field("output").error()) << record.origin().ToString();
  }
  EXPECT_EQ(result.records[0].origin().line, 2u);
  EXPECT_EQ(result.records[998].origin().index, 998u);
}

}  // namespace
}  // namespace winnow
