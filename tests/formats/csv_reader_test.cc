#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/format_test_util.h"
#include "winnow/formats/reader.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadAll;
using testing::ReadResult;

ReadResult ReadCsv(std::string text, ReaderOptions options = {}, char delimiter = ',',
                   size_t max_read = SIZE_MAX) {
  auto factory = [delimiter](ReaderSource source, const ReaderOptions& opts) {
    return NewCsvReader(std::move(source), opts, delimiter);
  };
  return ReadAll(factory, std::move(text), options, delimiter == '\t' ? "data.tsv" : "data.csv",
                 max_read);
}

// The records' JSON text, each checked to parse as an object.
std::vector<std::string> Rows(ReadResult& result) {
  simdjson::dom::parser parser;
  testing::ParseAll(&result.records, parser);
  std::vector<std::string> rows;
  for (const Record& record : result.records) rows.emplace_back(record.text());
  return rows;
}

std::vector<std::string> Keys(const Record& record) {
  std::vector<std::string> keys;
  record.ForEachField(
      [&](std::string_view key, simdjson::dom::element) { keys.emplace_back(key); });
  return keys;
}

TEST(CsvReaderTest, ReadsHeaderAndRows) {
  ReadResult result = ReadCsv("name,age\nada,36\nalan,41\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result),
              ElementsAre(R"({"name":"ada","age":36})", R"({"name":"alan","age":41})"));
}

TEST(CsvReaderTest, QuotedFieldsHoldDelimitersQuotesAndNewlines) {
  ReadResult result = ReadCsv(
      "a,b,c\n"
      "\"x, y\",\"she said \"\"hi\"\"\",\"line 1\nline 2\"\n"
      "\"\",\"0123\",\"true\"\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result),
              ElementsAre(R"({"a":"x, y","b":"she said \"hi\"","c":"line 1\nline 2"})",
                          R"({"a":"","b":"0123","c":"true"})"));
}

TEST(CsvReaderTest, AcceptsCrlfAndMissingFinalNewline) {
  ReadResult crlf = ReadCsv("a,b\r\n1,\"x\"\r\n2,y");
  ASSERT_TRUE(crlf.status.ok()) << crlf.status.message();
  EXPECT_THAT(Rows(crlf), ElementsAre(R"({"a":1,"b":"x"})", R"({"a":2,"b":"y"})"));
  ReadResult final_cr = ReadCsv("a,b\n1,x\r");
  ASSERT_TRUE(final_cr.status.ok()) << final_cr.status.message();
  EXPECT_THAT(Rows(final_cr), ElementsAre(R"({"a":1,"b":"x"})"));
}

TEST(CsvReaderTest, LoneCarriageReturnIsData) {
  ReadResult result = ReadCsv("a,b\nx\ry,1\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result), ElementsAre(R"({"a":"x\ry","b":1})"));
}

TEST(CsvReaderTest, InfersTypesOfUnquotedFields) {
  struct Case {
    std::string field;
    std::string json;
  };
  const std::vector<Case> cases = {
      {"0", "0"},
      {"-1", "-1"},
      {"3.25", "3.25"},
      {"-0.5", "-0.5"},
      {"1e5", "1e5"},
      {"2.5E-3", "2.5E-3"},
      {"18446744073709551615", "18446744073709551615"},
      {"-9223372036854775808", "-9223372036854775808"},
      {"18446744073709551616", "\"18446744073709551616\""},  // beyond 64 bits: an ID
      {"-9223372036854775809", "\"-9223372036854775809\""},
      {"1e999", "\"1e999\""},
      {"0123", "\"0123\""},
      {"+1", "\"+1\""},
      {"1.", "\"1.\""},
      {".5", "\".5\""},
      {"1e", "\"1e\""},
      {"--1", "\"--1\""},
      {"0x10", "\"0x10\""},
      {"nan", "\"nan\""},
      {"inf", "\"inf\""},
      {"-inf", "\"-inf\""},
      {" 1", "\" 1\""},
      {"1 ", "\"1 \""},
      {"true", "true"},
      {"True", "true"},
      {"false", "false"},
      {"False", "false"},
      {"TRUE", "\"TRUE\""},
      {"yes", "\"yes\""},
      {"", "null"},
      {"\"\"", "\"\""},
      {"\"7\"", "\"7\""},
      {"\"true\"", "\"true\""},
      {"null", "\"null\""},
  };
  std::string csv = "k,v\n";
  for (const Case& c : cases) csv += "k," + c.field + "\n";
  ReadResult result = ReadCsv(csv);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  std::vector<std::string> rows = Rows(result);
  ASSERT_EQ(rows.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(rows[i], "{\"k\":\"k\",\"v\":" + cases[i].json + "}") << "field: " << cases[i].field;
  }
}

TEST(CsvReaderTest, StringTypesKeepEverythingAsText) {
  ReaderOptions options;
  options.csv_types = CsvTypes::kString;
  ReadResult result = ReadCsv("a,b,c,d\n1,true,,\"\"\n", options);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result), ElementsAre(R"({"a":"1","b":"true","c":"","d":""})"));
}

TEST(CsvReaderTest, MakesHeaderNamesUnique) {
  ReadResult result = ReadCsv("a,a,,b,a_2,\n1,2,3,4,5,6\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  Rows(result);
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_THAT(Keys(result.records[0]),
              ElementsAre("a", "a_2", "column_3", "b", "a_2_2", "column_6"));
  EXPECT_EQ(testing::FieldJson(result.records[0], "a_2_2"), "5");
}

TEST(CsvReaderTest, ShortRowsGetNullsForMissingFields) {
  ReadResult result = ReadCsv("a,b,c\n1\n1,2\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result),
              ElementsAre(R"({"a":1,"b":null,"c":null})", R"({"a":1,"b":2,"c":null})"));
}

TEST(CsvReaderTest, LongRowIsAnErrorNamingFileLineAndColumn) {
  ReadResult result = ReadCsv("a,b\n1,2\n1,2,3,\"4\"\n");
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(result.status.message(), "data.csv:3:5: row has 4 fields, header has 2");
  // The good row before it is still delivered.
  EXPECT_EQ(result.records.size(), 1u);
}

TEST(CsvReaderTest, UnclosedQuoteNamesWhereItOpened) {
  ReadResult result = ReadCsv("a,b\n1,2\n3,\"abc\nmore\n");
  ASSERT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(),
              HasSubstr("data.csv:3:3: unclosed quote opened at line 3, column 3"));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  ReadResult result = ReadCsv("a,b\n1,ab\"c\"\n");
  ASSERT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(), HasSubstr("data.csv:2:5: quote inside an unquoted field"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  ReadResult result = ReadCsv("a,b\n1,\"ab\"c\n");
  ASSERT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(),
              HasSubstr("data.csv:2:7: unexpected text after a closing quote (expected ','"));
  ReadResult tsv = ReadCsv("a\tb\n1\t\"ab\" \n", {}, '\t');
  ASSERT_FALSE(tsv.status.ok());
  EXPECT_THAT(tsv.status.message(), HasSubstr("data.tsv:2:7: unexpected text after a closing "
                                              "quote (expected a tab"));
}

TEST(CsvReaderTest, InvalidUtf8NamesColumnInCodePoints) {
  ReadResult result = ReadCsv("a,b\n\xC3\xBC,x\xFF\n");
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.status.message(), "data.csv:2:4: invalid UTF-8");
  ReadResult header = ReadCsv("a\xC0,b\n1,2\n");
  ASSERT_FALSE(header.status.ok());
  EXPECT_EQ(header.status.message(), "data.csv:1:2: invalid UTF-8");
}

TEST(CsvReaderTest, LinesCountNewlinesInsideQuotes) {
  ReadResult result = ReadCsv("a,b\n\"x\ny\nz\",1\n2,\"q\"z\n");
  ASSERT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(), HasSubstr("data.csv:5:6: unexpected text"));
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].origin().line, 2u);
}

TEST(CsvReaderTest, SkipModeRejectsBadRowsAndContinues) {
  ReaderOptions options;
  options.on_error = OnError::kSkip;
  ReadResult result = ReadCsv(
      "a,b\n"
      "1,ok\n"
      "2,ba\"d\n"
      "3,\"x\"y,z\n"
      "4,5,6\n"
      "5,\xFF\r\n"
      "6,fine\n"
      "7,\"never closed\n"
      "8,lost\n",
      options);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result), ElementsAre(R"({"a":1,"b":"ok"})", R"({"a":6,"b":"fine"})"));
  ASSERT_EQ(result.rejects.size(), 5u);
  const std::vector<std::string> raw = {"2,ba\"d", "3,\"x\"y,z", "4,5,6", "5,\xFF",
                                        "7,\"never closed\n8,lost"};
  const std::vector<std::string> where = {"data.csv:3:5:", "data.csv:4:6:", "data.csv:5:5:",
                                          "data.csv:6:3:", "data.csv:8:3: unclosed quote"};
  const std::vector<uint64_t> lines = {3, 4, 5, 6, 8};
  for (size_t i = 0; i < raw.size(); ++i) {
    EXPECT_EQ(result.rejects[i].step, "reader");
    EXPECT_EQ(result.rejects[i].record.text(), raw[i]);
    EXPECT_FALSE(result.rejects[i].record.parsed());
    EXPECT_THAT(result.rejects[i].reason, HasSubstr(where[i]));
    EXPECT_EQ(result.rejects[i].record.origin().line, lines[i]);
  }
  EXPECT_EQ(result.records[1].origin().line, 7u);
}

TEST(CsvReaderTest, BadHeaderFailsEvenInSkipMode) {
  ReaderOptions options;
  options.on_error = OnError::kSkip;
  ReadResult result = ReadCsv("a,\"b\nc,d\n", options);
  ASSERT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(), HasSubstr("data.csv:1:3: unclosed quote"));
}

TEST(CsvReaderTest, StripsByteOrderMark) {
  ReadResult result = ReadCsv(
      "\xEF\xBB\xBF"
      "a,b\n1,2\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result), ElementsAre(R"({"a":1,"b":2})"));
  EXPECT_EQ(result.records[0].origin().byte_offset, 7u);
}

TEST(CsvReaderTest, EmptyInputsGiveNoRecords) {
  for (std::string text : {"", "\xEF\xBB\xBF", "\n\n", "a,b\n", "a,b", "a,b\n\n\r\n"}) {
    ReadResult result = ReadCsv(text);
    EXPECT_TRUE(result.status.ok()) << result.status.message();
    EXPECT_TRUE(result.records.empty()) << text;
    EXPECT_TRUE(result.rejects.empty()) << text;
  }
}

TEST(CsvReaderTest, SkipsBlankLines) {
  ReadResult result = ReadCsv("\na,b\n\n1,2\r\n\r\n3,4\n\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result), ElementsAre(R"({"a":1,"b":2})", R"({"a":3,"b":4})"));
  EXPECT_EQ(result.records[0].origin().line, 4u);
  EXPECT_EQ(result.records[1].origin().line, 6u);
}

TEST(CsvReaderTest, ReadsTsv) {
  ReadResult result = ReadCsv("a\tb c\n1,5\t\"x\ty\"\n", {}, '\t');
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Rows(result), ElementsAre(R"({"a":"1,5","b c":"x\ty"})"));
}

TEST(CsvReaderTest, RecordsOriginsCountLinesOffsetsAndIndexes) {
  ReadResult result = ReadCsv("a,b\n1,\"x\ny\"\n2,z\n");
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(*result.records[0].origin().source, "data.csv");
  EXPECT_EQ(result.records[0].origin().line, 2u);
  EXPECT_EQ(result.records[0].origin().byte_offset, 4u);
  EXPECT_EQ(result.records[0].origin().index, 0u);
  EXPECT_EQ(result.records[1].origin().line, 4u);
  EXPECT_EQ(result.records[1].origin().byte_offset, 12u);
  EXPECT_EQ(result.records[1].origin().index, 1u);
}

TEST(CsvReaderTest, SameRecordsWhateverTheChunkSize) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "id,text,score\r\n"
      "1,\"a long field, with a comma and \"\"quotes\"\" and a\r\nnewline\",0.5\r\n"
      "2,short,\r\n"
      "\r\n"
      "3,\"\xE2\x9C\x93 unicode \",-7\r\n"
      "4,\"\"\"\",true";
  ReadResult whole = ReadCsv(csv);
  ASSERT_TRUE(whole.status.ok()) << whole.status.message();
  std::vector<std::string> expected = Rows(whole);
  ASSERT_EQ(expected.size(), 4u);
  for (size_t batch_bytes : {1, 2, 3, 7, 16}) {
    for (size_t max_read : {1, 2, 5, 1000}) {
      ReaderOptions options;
      options.batch_bytes = batch_bytes;
      ReadResult chunked = ReadCsv(csv, options, ',', max_read);
      ASSERT_TRUE(chunked.status.ok()) << chunked.status.message();
      EXPECT_EQ(Rows(chunked), expected) << batch_bytes << "/" << max_read;
      EXPECT_GT(chunked.batches, 2u);
      for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(chunked.records[i].origin().line, whole.records[i].origin().line);
        EXPECT_EQ(chunked.records[i].origin().byte_offset, whole.records[i].origin().byte_offset);
      }
    }
  }
}

TEST(CsvReaderTest, ErrorsAreTheSameAcrossChunkBoundaries) {
  ReaderOptions options;
  options.batch_bytes = 7;
  ReadResult result = ReadCsv("a,b\n1,2\n3,\"x\"\"y\nz\"q\n", options, ',', 3);
  ASSERT_FALSE(result.status.ok());
  EXPECT_THAT(result.status.message(), HasSubstr("data.csv:4:3: unexpected text after a closing"));
}

TEST(CsvReaderTest, RowLongerThanMaxRecordBytesIsAnError) {
  ReaderOptions options;
  options.max_record_bytes = 16;
  options.batch_bytes = 4;
  ReadResult fits = ReadCsv("a,b\n1,\"0123456789\"\n", options);  // 15 bytes with its newline
  ASSERT_TRUE(fits.status.ok()) << fits.status.message();
  EXPECT_EQ(fits.records.size(), 1u);
  ReadResult too_long = ReadCsv("a,b\n1,2\n1,\"0123456789abcdefghij\"\n", options);
  ASSERT_FALSE(too_long.status.ok());
  EXPECT_THAT(too_long.status.message(),
              HasSubstr("data.csv:3:1: row is longer than 16 bytes (raise --max-record-bytes"));
  EXPECT_EQ(too_long.records.size(), 1u);
}

TEST(CsvReaderTest, BatchesStopNearBatchBytes) {
  std::string csv = "a\n";
  for (int i = 0; i < 1000; ++i) csv += std::to_string(i) + "\n";
  ReaderOptions options;
  options.batch_bytes = 100;
  ReadResult result = ReadCsv(csv, options);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_EQ(result.records.size(), 1000u);
  EXPECT_GE(result.batches, csv.size() / 110);
  EXPECT_LE(result.batches, csv.size() / 100 + 3);
}

}  // namespace
}  // namespace winnow
