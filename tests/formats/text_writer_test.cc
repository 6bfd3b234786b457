#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/format_test_util.h"
#include "winnow/formats/writer.h"

namespace winnow {
namespace {

using testing::StringSink;

Record Parsed(std::string_view text, const std::string* source, uint64_t line,
              simdjson::dom::parser& parser) {
  RecordOrigin origin;
  origin.source = source;
  origin.line = line;
  Record record = Record::Owned(text, origin);
  EXPECT_TRUE(record.Parse(parser).ok());
  return record;
}

TEST(TextWriterTest, WritesOneLinePerRecord) {
  const std::string source = "data.jsonl";
  simdjson::dom::parser parser;
  StringSink sink;
  auto writer = NewTextWriter(sink, {});
  for (const char* text : {
           R"({"text":"plain line","other":1})",
           R"({"text":"two\nlines and a\r\nCRLF"})",
           R"({"text":["a",{"b":1}]})",
           R"({"text":3.5})",
           R"({"text":null})",
           R"({"text":"back\\slash \u00e9"})",
       }) {
    ASSERT_TRUE(writer->Write(Parsed(text, &source, 1, parser)).ok());
  }
  EXPECT_GT(writer->bytes(), 0u);
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(writer->bytes(), sink.data().size());
  EXPECT_EQ(sink.data(),
            "plain line\n"
            "two\\nlines and a\\r\\nCRLF\n"
            "[\"a\",{\"b\":1}]\n"
            "3.5\n"
            "\n"
            "back\\slash \xC3\xA9\n");
}

TEST(TextWriterTest, UsesTheConfiguredField) {
  const std::string source = "data.jsonl";
  simdjson::dom::parser parser;
  StringSink sink;
  WriterOptions options;
  options.text_field = "content";
  auto writer = NewTextWriter(sink, options);
  ASSERT_TRUE(writer->Write(Parsed(R"({"text":"no","content":"yes"})", &source, 1, parser)).ok());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(sink.data(), "yes\n");
}

TEST(TextWriterTest, MissingFieldIsAnErrorNamingTheRecord) {
  const std::string source = "data.jsonl";
  simdjson::dom::parser parser;
  StringSink sink;
  auto writer = NewTextWriter(sink, {});
  Status status = writer->Write(Parsed(R"({"body":"x"})", &source, 3, parser));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "data.jsonl:3: record has no field \"text\" to write as text (choose the field with "
            "--text-field)");
}

}  // namespace
}  // namespace winnow
