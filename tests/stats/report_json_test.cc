#include "winnow/stats/report_json.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace winnow::test {
DatasetProfile SampleProfile();  // report_fixture_test.cc
}  // namespace winnow::test

namespace winnow {
namespace {

std::vector<std::string> Keys(simdjson::dom::object object) {
  std::vector<std::string> keys;
  for (auto field : object) keys.emplace_back(field.key);
  return keys;
}

class RenderProfileJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json_ = RenderProfileJson(test::SampleProfile());
    ASSERT_EQ(parser_.parse(json_).get(root_), simdjson::SUCCESS) << json_;
  }

  simdjson::dom::element Column(size_t index) { return root_["columns"].at(index).value(); }

  std::string json_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

TEST_F(RenderProfileJsonTest, TopLevelKeysInSchemaOrder) {
  EXPECT_EQ(
      Keys(root_.get_object().value()),
      (std::vector<std::string>{"schema", "sources", "rows", "bytes", "bad_records", "seconds",
                                "columns", "conversations", "duplicates", "trl", "warnings"}));
  EXPECT_EQ(std::string_view(root_["schema"]), "winnow.inspect/1");
  EXPECT_EQ(json_.rfind("{\n  \"schema\": \"winnow.inspect/1\",\n", 0), 0u);  // 2-space indent
  EXPECT_EQ(json_.back(), '\n');
}

TEST_F(RenderProfileJsonTest, TotalsRoundTrip) {
  EXPECT_EQ(uint64_t(root_["rows"]), 1000u);
  EXPECT_EQ(uint64_t(root_["bytes"]), 5678901u);
  EXPECT_EQ(uint64_t(root_["bad_records"]), 2u);
  EXPECT_DOUBLE_EQ(double(root_["seconds"]), 0.42);
  EXPECT_EQ(std::string_view(root_["sources"].at(0)), "data/train.jsonl");
  EXPECT_EQ(root_["warnings"].get_array().size(), 1u);
}

TEST_F(RenderProfileJsonTest, EveryColumnFieldAppears) {
  EXPECT_EQ(Keys(Column(0).get_object().value()), (std::vector<std::string>{"path",
                                                                            "present",
                                                                            "missing",
                                                                            "nulls",
                                                                            "types",
                                                                            "mixed_types",
                                                                            "numbers",
                                                                            "string_kind",
                                                                            "string_count",
                                                                            "distinct_strings",
                                                                            "distinct_is_estimate",
                                                                            "labels",
                                                                            "text_length",
                                                                            "empty_strings",
                                                                            "longest",
                                                                            "shortest",
                                                                            "list_length",
                                                                            "list_item_types",
                                                                            "true_count",
                                                                            "false_count",
                                                                            "object_keys",
                                                                            "message_lists",
                                                                            "message_objects",
                                                                            "hh_transcripts"}));
}

TEST_F(RenderProfileJsonTest, TextColumn) {
  simdjson::dom::element text = Column(0);
  EXPECT_EQ(std::string_view(text["string_kind"]), "text");
  EXPECT_TRUE(text["numbers"].is_null());
  EXPECT_DOUBLE_EQ(double(text["text_length"]["median"]), 180);
  EXPECT_EQ(uint64_t(text["text_length"]["histogram"].at(1)["count"]), 300u);
  EXPECT_EQ(text["text_length"]["histogram"].get_array().size(), 10u);
  EXPECT_TRUE(bool(text["distinct_is_estimate"]));
  EXPECT_EQ(uint64_t(text["longest"].at(0)["line"]), 17u);
  EXPECT_EQ(uint64_t(text["shortest"].at(0)["index"]), 42u);
  // Control characters are escaped, not dropped: the snippet round-trips exactly.
  EXPECT_EQ(std::string_view(text["longest"].at(1)["snippet"]),
            "escape \x1b[31mred\x1b[0m and bidi \u202Eevil");
}

TEST_F(RenderProfileJsonTest, LabelCounts) {
  simdjson::dom::element label = Column(1);
  EXPECT_EQ(std::string_view(label["string_kind"]), "label");
  EXPECT_EQ(std::string_view(label["labels"].at(0)["value"]), "positive");
  EXPECT_EQ(uint64_t(label["labels"].at(0)["count"]), 600u);
  EXPECT_EQ(std::string_view(label["labels"].at(2)["value"]), "<script>alert(1)</script>");
  EXPECT_TRUE(label["text_length"].is_null());
}

TEST_F(RenderProfileJsonTest, NaNBecomesNull) {
  simdjson::dom::element numbers = Column(2)["numbers"];
  EXPECT_TRUE(numbers["std"].is_null());
  EXPECT_DOUBLE_EQ(double(numbers["min"]), -1.5);
  EXPECT_EQ(uint64_t(numbers["count"]), 990u);
  EXPECT_FALSE(bool(numbers["approximate"]));
  EXPECT_EQ(std::string_view(Column(2)["string_kind"]), "none");
}

TEST_F(RenderProfileJsonTest, ListsBoolsObjectsAndMixed) {
  EXPECT_EQ(uint64_t(Column(3)["list_length"]["histogram"].at(1)["count"]), 400u);
  EXPECT_EQ(uint64_t(Column(3)["list_item_types"]["string"]), 1350u);
  EXPECT_EQ(uint64_t(Column(4)["true_count"]), 700u);
  EXPECT_EQ(uint64_t(Column(5)["object_keys"]["lang"]), 800u);
  EXPECT_EQ(uint64_t(Column(6)["message_lists"]), 1000u);
  EXPECT_EQ(std::string_view(Column(7)["path"]), "meta.weird \"key\" & <b>");
  EXPECT_TRUE(bool(Column(7)["mixed_types"]));
  EXPECT_EQ(uint64_t(Column(7)["types"]["int"]), 3u);
}

TEST_F(RenderProfileJsonTest, Conversations) {
  simdjson::dom::element conversation = root_["conversations"].at(0);
  EXPECT_EQ(uint64_t(conversation["conversations"]), 1000u);
  EXPECT_EQ(uint64_t(conversation["role_messages"]["user"]), 1700u);
  EXPECT_DOUBLE_EQ(double(conversation["role_chars"]["user"]["mean"]), 120.25);
  EXPECT_DOUBLE_EQ(double(conversation["last_turn_chars"]["median"]), 340);
  EXPECT_EQ(uint64_t(conversation["first_roles"]["system"]), 120u);
  EXPECT_EQ(uint64_t(conversation["filler_endings"]), 23u);
  EXPECT_EQ(conversation["filler_examples"].get_array().size(), 4u);  // JSON is not capped
  EXPECT_EQ(std::string_view(conversation["role_keys"].at(0)), "role/content");
}

TEST_F(RenderProfileJsonTest, DuplicatesAndTrl) {
  simdjson::dom::element duplicates = root_["duplicates"].at(0);
  EXPECT_EQ(std::string_view(duplicates["what"]), "whole record");
  EXPECT_EQ(uint64_t(duplicates["duplicate_rows"]), 50u);
  EXPECT_EQ(uint64_t(duplicates["top"].at(0)["count"]), 12u);
  EXPECT_EQ(uint64_t(duplicates["top"].at(0)["first_row"]), 2u);
  EXPECT_EQ(uint64_t(duplicates["top"].at(0)["first"]["line"]), 5u);
  EXPECT_EQ(uint64_t(duplicates["top"].at(0)["first"]["row"]), 11u);
  EXPECT_EQ(std::string_view(duplicates["top"].at(0)["first"]["snippet"]), "{\"text\":\"Hello\"}");
  simdjson::dom::element trl = root_["trl"];
  EXPECT_EQ(std::string_view(trl["type"]), "language_modeling");
  EXPECT_EQ(std::string_view(trl["form"]), "conversational");
  EXPECT_EQ(std::string_view(trl["source_format"]), "");
  EXPECT_FALSE(bool(trl["implicit_prompt"]));
  EXPECT_EQ(trl["trainers"].get_array().size(), 2u);
}

TEST(RenderProfileJson, InvalidUtf8StillParses) {
  DatasetProfile profile;
  profile.sources = {"bad\xff\xfename.jsonl"};
  std::string json = RenderProfileJson(profile);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(root["sources"].at(0)), "bad\uFFFD\uFFFDname.jsonl");
}

TEST(RenderProfileJson, EmptyProfile) {
  std::string json = RenderProfileJson(DatasetProfile{});
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_EQ(uint64_t(root["rows"]), 0u);
  EXPECT_EQ(root["columns"].get_array().size(), 0u);
  EXPECT_EQ(std::string_view(root["trl"]["type"]), "");
  EXPECT_NE(json.find("\"columns\": []"), std::string::npos);  // empty containers stay compact
}

}  // namespace
}  // namespace winnow
