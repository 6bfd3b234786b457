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

ReadResult ReadText(std::string text, bool per_file, ReaderOptions options = {},
                    size_t max_read = SIZE_MAX) {
  auto factory = [per_file](ReaderSource source, const ReaderOptions& opts) {
    return NewTextReader(std::move(source), opts, per_file);
  };
  return ReadAll(factory, std::move(text), options, "data.txt", max_read);
}

std::vector<std::string> Texts(ReadResult& result) {
  simdjson::dom::parser parser;
  testing::ParseAll(&result.records, parser);
  std::vector<std::string> texts;
  for (const Record& record : result.records) texts.emplace_back(record.text());
  return texts;
}

TEST(TextReaderTest, OneRecordPerNonBlankLine) {
  ReadResult result = ReadText("hello\r\n\n   \t\r\nworld  \nlast", false);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Texts(result),
              ElementsAre(R"({"text":"hello"})", R"({"text":"world  "})", R"({"text":"last"})"));
  EXPECT_EQ(result.records[0].origin().line, 1u);
  EXPECT_EQ(result.records[1].origin().line, 4u);
  EXPECT_EQ(result.records[1].origin().byte_offset, 14u);
  EXPECT_EQ(result.records[2].origin().line, 5u);
  EXPECT_EQ(result.records[2].origin().index, 2u);
}

TEST(TextReaderTest, EscapesTextAndUsesTheTextField) {
  ReaderOptions options;
  options.text_field = "content";
  ReadResult result = ReadText("say \"hi\"\\\there \xE2\x9C\x93\n", false, options);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  Texts(result);
  ASSERT_EQ(result.records.size(), 1u);
  auto value = result.records[0].Field("content");
  ASSERT_FALSE(value.error());
  EXPECT_EQ(value.value_unsafe().get_string().value_unsafe(), "say \"hi\"\\\there \xE2\x9C\x93");
}

TEST(TextReaderTest, StripsByteOrderMark) {
  ReadResult lines = ReadText("\xEF\xBB\xBFone\ntwo\n", false);
  ASSERT_TRUE(lines.status.ok()) << lines.status.message();
  EXPECT_THAT(Texts(lines), ElementsAre(R"({"text":"one"})", R"({"text":"two"})"));
  ReadResult file = ReadText("\xEF\xBB\xBFone\n", true);
  ASSERT_TRUE(file.status.ok()) << file.status.message();
  EXPECT_THAT(Texts(file), ElementsAre(R"({"text":"one\n","path":"data.txt"})"));
}

TEST(TextReaderTest, EmptyInputsGiveNoRecords) {
  for (bool per_file : {false, true}) {
    for (std::string text : {"", "\n\n", " \t\r\n", "\xEF\xBB\xBF"}) {
      ReadResult result = ReadText(text, per_file);
      EXPECT_TRUE(result.status.ok()) << result.status.message();
      EXPECT_TRUE(result.records.empty()) << per_file << " " << text;
    }
  }
}

TEST(TextReaderTest, InvalidUtf8NamesLineAndColumn) {
  ReadResult result = ReadText("ok\n\xC3\xA9t\xFF\n", false);
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(result.status.message(), "data.txt:2:3: invalid UTF-8");
  EXPECT_EQ(result.records.size(), 1u);
  ReadResult file = ReadText("ok\n\xC3\xA9t\xFF\n", true);
  ASSERT_FALSE(file.status.ok());
  EXPECT_EQ(file.status.message(), "data.txt:2:3: invalid UTF-8");
}

TEST(TextReaderTest, SkipModeRejectsBadLinesAndContinues) {
  ReaderOptions options;
  options.on_error = OnError::kSkip;
  ReadResult result = ReadText(
      "one\nb\xFF"
      "d\r\nthree\n",
      false, options);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Texts(result), ElementsAre(R"({"text":"one"})", R"({"text":"three"})"));
  ASSERT_EQ(result.rejects.size(), 1u);
  EXPECT_EQ(result.rejects[0].step, "reader");
  EXPECT_EQ(result.rejects[0].reason, "data.txt:2:2: invalid UTF-8");
  EXPECT_EQ(result.rejects[0].record.text(),
            "b\xFF"
            "d");
  EXPECT_EQ(result.rejects[0].record.origin().line, 2u);
  ReadResult file = ReadText(
      "b\xFF"
      "d",
      true, options);
  ASSERT_TRUE(file.status.ok()) << file.status.message();
  EXPECT_TRUE(file.records.empty());
  EXPECT_EQ(file.rejects.size(), 1u);
}

TEST(TextReaderTest, OneRecordPerFileWithItsPath) {
  ReadResult result = ReadText("# Title\r\n\nBody \"text\".\n", true);
  ASSERT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(Texts(result),
              ElementsAre(R"({"text":"# Title\r\n\nBody \"text\".\n","path":"data.txt"})"));
  EXPECT_EQ(result.records[0].origin().line, 1u);
}

TEST(TextReaderTest, SameRecordsWhateverTheChunkSize) {
  const std::string text =
      "\xEF\xBB\xBF"
      "first line\r\n\n  \nsecond \xE2\x9C\x93 line\nthird";
  ReadResult whole = ReadText(text, false);
  ASSERT_TRUE(whole.status.ok()) << whole.status.message();
  std::vector<std::string> expected = Texts(whole);
  ASSERT_EQ(expected.size(), 3u);
  for (size_t batch_bytes : {1, 2, 7}) {
    for (size_t max_read : {1, 4, 1000}) {
      ReaderOptions options;
      options.batch_bytes = batch_bytes;
      ReadResult lines = ReadText(text, false, options, max_read);
      ASSERT_TRUE(lines.status.ok()) << lines.status.message();
      EXPECT_EQ(Texts(lines), expected);
      EXPECT_GT(lines.batches, 2u);
      EXPECT_EQ(lines.records[1].origin().line, 4u);
      EXPECT_EQ(lines.records[1].origin().byte_offset, whole.records[1].origin().byte_offset);
      ReadResult file = ReadText(text, true, options, max_read);
      ASSERT_TRUE(file.status.ok()) << file.status.message();
      EXPECT_EQ(file.records.size(), 1u);
    }
  }
}

TEST(TextReaderTest, RecordsAreLimitedByMaxRecordBytes) {
  ReaderOptions options;
  options.max_record_bytes = 8;
  options.batch_bytes = 3;
  ReadResult fits = ReadText("12345678\n", false, options);
  ASSERT_TRUE(fits.status.ok()) << fits.status.message();
  EXPECT_EQ(fits.records.size(), 1u);
  ReadResult line = ReadText("short\n123456789\n", false, options);
  ASSERT_FALSE(line.status.ok());
  EXPECT_THAT(line.status.message(),
              HasSubstr("data.txt:2:1: line is longer than 8 bytes (raise --max-record-bytes"));
  EXPECT_EQ(line.records.size(), 1u);
  ReadResult file_fits = ReadText(
      "\xEF\xBB\xBF"
      "1234\n678",
      true, options);
  ASSERT_TRUE(file_fits.status.ok()) << file_fits.status.message();
  EXPECT_EQ(file_fits.records.size(), 1u);
  ReadResult file = ReadText("1234\n6789", true, options);
  ASSERT_FALSE(file.status.ok());
  EXPECT_THAT(file.status.message(), HasSubstr("data.txt: file is longer than 8 bytes"));
}

}  // namespace
}  // namespace winnow
