#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/format_test_util.h"
#include "winnow/formats/reader.h"
#include "winnow/formats/writer.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;
using testing::StringSink;

class CsvWriterTest : public ::testing::Test {
 protected:
  // Parsed records from JSON texts, the i-th from line i+1 of "data.jsonl".
  std::vector<Record> Records(const std::vector<std::string>& texts) {
    std::vector<Record> records;
    for (size_t i = 0; i < texts.size(); ++i) {
      RecordOrigin origin;
      origin.source = &source_;
      origin.line = i + 1;
      records.push_back(Record::Owned(texts[i], origin));
      Status status = records.back().Parse(parser_);
      EXPECT_TRUE(status.ok()) << status.message();
    }
    return records;
  }

  std::string Write(const std::vector<std::string>& texts, char delimiter = ',',
                    WriterOptions options = {}) {
    StringSink sink;
    auto writer = NewCsvWriter(sink, delimiter, std::move(options));
    for (const Record& record : Records(texts)) {
      Status status = writer->Write(record);
      EXPECT_TRUE(status.ok()) << status.message();
    }
    EXPECT_TRUE(writer->Finish().ok());
    EXPECT_EQ(writer->bytes(), sink.data().size());
    return sink.data();
  }

  std::string source_ = "data.jsonl";
  simdjson::dom::parser parser_;
};

TEST_F(CsvWriterTest, WritesHeaderFromFirstRecordAndJsonTextForNonStrings) {
  std::string csv = Write({
      R"({"s":"plain","n":-1.5,"i":42,"b":true,"z":null,"a":[1,"x"],"o":{"k":"v"}})",
      R"({"s":"two","i":7})",
  });
  EXPECT_EQ(csv,
            "s,n,i,b,z,a,o\n"
            "plain,-1.5,42,true,,\"[1,\"\"x\"\"]\",\"{\"\"k\"\":\"\"v\"\"}\"\n"
            "two,,7,,,,\n");
}

TEST_F(CsvWriterTest, QuotesOnlyWhatNeedsQuoting) {
  std::string csv = Write({
      R"({"v":"a,b"})",
      R"({"v":"say \"hi\""})",
      R"({"v":"line\nbreak"})",
      R"({"v":"cr\rhere"})",
      R"({"v":" lead"})",
      R"({"v":"trail\t"})",
      R"({"v":"in side"})",
      R"({"v":""})",
      R"({"v":"0123"})",
      R"({"v":"-2.5e3"})",
      R"({"v":"True"})",
      R"({"v":"2024-01-01"})",
      R"({"v":"tab\there"})",
  });
  EXPECT_EQ(csv,
            "v\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"line\nbreak\"\n\"cr\rhere\"\n\" lead\"\n"
            "\"trail\t\"\nin side\n\"\"\n\"0123\"\n\"-2.5e3\"\n\"True\"\n2024-01-01\ntab\there\n");
}

TEST_F(CsvWriterTest, TsvQuotesTabs) {
  std::string csv = Write({R"({"a b":"x\ty","c":"p,q"})"}, '\t');
  EXPECT_EQ(csv, "a b\tc\n\"x\ty\"\tp,q\n");
}

TEST_F(CsvWriterTest, UsesGivenColumnsAndLeavesMissingFieldsEmpty) {
  WriterOptions options;
  options.columns = {"b", "a", "c"};
  std::string csv = Write({R"({"a":1,"b":2})", R"({"c":"x"})"}, ',', options);
  EXPECT_EQ(csv, "b,a,c\n2,1,\n,,x\n");
}

TEST_F(CsvWriterTest, HeaderOnlyWhenColumnsAreKnownAndNothingIsWritten) {
  WriterOptions options;
  options.columns = {"a", "b c", ""};
  EXPECT_EQ(Write({}, ',', options), "a,b c,\"\"\n");
  EXPECT_EQ(Write({}), "");
}

TEST_F(CsvWriterTest, FieldOutsideTheColumnsIsAnErrorNamingFieldAndRecord) {
  StringSink sink;
  auto writer = NewCsvWriter(sink, ',', {});
  std::vector<Record> records = Records({
      R"({"a":1,"b":2})",
      R"({"a":1})",
      R"({"b":1})",
      R"({"a":1})",
      R"({"a":1})",
      R"({"a":1})",
      R"({"a":1,"extra":3,"b":2})",
  });
  for (size_t i = 0; i + 1 < records.size(); ++i) ASSERT_TRUE(writer->Write(records[i]).ok());
  Status status = writer->Write(records.back());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "data.jsonl:7: field \"extra\" is not among the CSV columns (a, b); list columns with "
            "--columns");
}

TEST_F(CsvWriterTest, BytesCountsBufferedOutput) {
  StringSink sink;
  auto writer = NewCsvWriter(sink, ',', {});
  std::vector<Record> records = Records({R"({"a":"xyz"})"});
  ASSERT_TRUE(writer->Write(records[0]).ok());
  EXPECT_EQ(writer->bytes(), 6u);  // "a\nxyz\n", still buffered
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(sink.data(), "a\nxyz\n");
}

TEST_F(CsvWriterTest, RoundTripsThroughTheReader) {
  const std::vector<std::string> texts = {
      R"({"text":"comma, inside","n":1,"flag":true,"none":null})",
      R"({"text":"quote \" and \"\"double\"\"","n":-2.5,"flag":false,"none":null})",
      R"({"text":"multi\nline\r\nwith CRLF","n":0,"flag":true,"none":null})",
      R"({"text":"  leading and trailing  ","n":1e+300,"flag":false,"none":null})",
      R"({"text":"unicode \u00e9 \u2713 \ud83d\ude00","n":12,"flag":true,"none":null})",
      R"({"text":"","n":3,"flag":true,"none":null})",
      R"({"text":"0123","n":4,"flag":true,"none":null})",
      R"({"text":"true","n":5,"flag":true,"none":null})",
      R"({"text":"-7","n":6,"flag":true,"none":null})",
      R"({"text":"tab\tand,comma","n":7,"flag":true,"none":null})",
  };
  for (char delimiter : {',', '\t'}) {
    std::string csv = Write(texts, delimiter);
    auto factory = [delimiter](ReaderSource source, const ReaderOptions& options) {
      return NewCsvReader(std::move(source), options, delimiter);
    };
    testing::ReadResult back = testing::ReadAll(factory, csv, {});
    ASSERT_TRUE(back.status.ok()) << back.status.message() << "\n" << csv;
    simdjson::dom::parser parser;
    testing::ParseAll(&back.records, parser);
    std::vector<Record> originals = Records(texts);
    ASSERT_EQ(back.records.size(), originals.size());
    for (size_t i = 0; i < originals.size(); ++i) {
      for (const char* key : {"text", "n", "flag", "none"}) {
        EXPECT_EQ(testing::FieldJson(back.records[i], key), testing::FieldJson(originals[i], key))
            << "row " << i << " field " << key << " delimiter " << int(delimiter);
      }
    }
  }
}

}  // namespace
}  // namespace winnow
