// `winnow inspect --json` on real public datasets in ../shared/data (skipped where that folder is
// absent): the JSON parses, `rows` matches SOURCES.md, and the TRL type / source format are what
// the files hold (shared/specs/formats.md).

#include <simdjson.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

struct Expected {
  const char* file;  // under WINNOW_SHARED_DATA_DIR
  uint64_t rows;     // from SOURCES.md
  const char* type;
  const char* form;           // "" when type is unknown
  const char* source_format;  // "" when none
  bool implicit_prompt;
};

// Each checked by reading the file's head:
// - dpo_*_demo.json: [{conversations:[{from,value}], chosen:{from,value}, rejected:{from,value}}]
// - kto_en_demo.json: [{messages:[{role,content}], label:bool}] (checked further below)
// - v1_dpo_demo.jsonl: {chosen_messages, rejected_messages}: no TRL columns
// - v1_sft_demo.jsonl, reason_tool_use_demo_50.jsonl: {messages:[{role,content}], (tools)}
// - alpaca_en_demo.json, identity.json: [{instruction,input,output}]
// - glaive_toolcall_en_demo.json: [{conversations:[{from,value}], tools}]
// - c4_demo.jsonl: {text}
// - hh-rlhf: {chosen, rejected}, each a "\n\nHuman: ... \n\nAssistant: ..." transcript
const Expected kExpected[] = {
    {"llamafactory/dpo_en_demo.json", 300, "unknown", "", "llamafactory_sharegpt_preference",
     false},
    {"llamafactory/dpo_zh_demo.json", 300, "unknown", "", "llamafactory_sharegpt_preference",
     false},
    {"llamafactory/kto_en_demo.json", 300, "language_modeling", "conversational", "", false},
    {"llamafactory/v1_dpo_demo.jsonl", 10, "unknown", "", "", false},
    {"llamafactory/v1_sft_demo.jsonl", 500, "language_modeling", "conversational", "", false},
    {"llamafactory/reason_tool_use_demo_50.jsonl", 50, "language_modeling", "conversational", "",
     false},
    {"llamafactory/alpaca_en_demo.json", 999, "unknown", "", "alpaca", false},
    {"llamafactory/identity.json", 91, "unknown", "", "alpaca", false},
    {"llamafactory/glaive_toolcall_en_demo.json", 300, "unknown", "", "sharegpt", false},
    {"llamafactory/c4_demo.jsonl", 300, "language_modeling", "standard", "", false},
    {"hh-rlhf/harmless-base_test.jsonl", 2312, "preference", "standard", "hh_transcripts", true},
    {"hh-rlhf/harmless-base_test.jsonl.gz", 2312, "preference", "standard", "hh_transcripts", true},
};

bool SharedDataPresent() {
  return std::filesystem::is_directory(std::string(WINNOW_SHARED_DATA_DIR) + "/llamafactory");
}

std::string SharedPath(const char* file) {
  return std::string(WINNOW_SHARED_DATA_DIR) + "/" + file;
}

std::vector<std::string> Strings(simdjson::dom::element array) {
  std::vector<std::string> out;
  simdjson::dom::array items;
  if (array.get(items)) return out;
  for (simdjson::dom::element item : items) {
    std::string_view text;
    if (!item.get(text)) out.emplace_back(text);
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

class RealDataTest : public ::testing::TestWithParam<Expected> {
 protected:
  void SetUp() override {
    if (!SharedDataPresent()) GTEST_SKIP() << WINNOW_SHARED_DATA_DIR << " is absent";
  }
};

TEST_P(RealDataTest, InspectJsonReportsRowsAndTrlType) {
  const Expected& expected = GetParam();
  CommandResult result = RunWinnow({"inspect", "--json", SharedPath(expected.file)});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS) << result.out.substr(0, 500);
  std::string_view schema, type, form, source_format;
  uint64_t rows = 0;
  bool implicit_prompt = false;
  ASSERT_EQ(doc["schema"].get(schema), simdjson::SUCCESS);
  EXPECT_EQ(schema, "winnow.inspect/1");
  ASSERT_EQ(doc["rows"].get(rows), simdjson::SUCCESS);
  EXPECT_EQ(rows, expected.rows);
  uint64_t bad_records = 1;
  EXPECT_EQ(doc["bad_records"].get(bad_records), simdjson::SUCCESS);
  EXPECT_EQ(bad_records, 0u);
  simdjson::dom::element trl;
  ASSERT_EQ(doc["trl"].get(trl), simdjson::SUCCESS);
  ASSERT_EQ(trl["type"].get(type), simdjson::SUCCESS);
  ASSERT_EQ(trl["form"].get(form), simdjson::SUCCESS);
  ASSERT_EQ(trl["source_format"].get(source_format), simdjson::SUCCESS);
  ASSERT_EQ(trl["implicit_prompt"].get(implicit_prompt), simdjson::SUCCESS);
  std::string evidence = JoinLines(Strings(trl["evidence"].value_unsafe()));
  std::string advice = JoinLines(Strings(trl["advice"].value_unsafe()));
  SCOPED_TRACE("evidence:\n" + evidence + "advice:\n" + advice);
  EXPECT_EQ(type, expected.type);
  EXPECT_EQ(form, expected.form);
  EXPECT_EQ(source_format, expected.source_format);
  EXPECT_EQ(implicit_prompt, expected.implicit_prompt);
  EXPECT_FALSE(evidence.empty()) << "a detection always says why";
  if (!std::string_view(expected.source_format).empty()) {
    EXPECT_THAT(advice, HasSubstr("winnow convert")) << "a known non-TRL shape gets advice";
  }
}

INSTANTIATE_TEST_SUITE_P(SharedData, RealDataTest, ::testing::ValuesIn(kExpected),
                         [](const auto& info) {
                           std::string name = info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// LLaMA-Factory's KTO demo is messages + a bool label. SFTTrainer reads it as conversations, but
// TRL's KTOTrainer needs prompt/completion/label, so winnow must say so and how to convert.
TEST(RealData, KtoDemoIsExplainedAsNotDirectlyKto) {
  if (!SharedDataPresent()) GTEST_SKIP() << WINNOW_SHARED_DATA_DIR << " is absent";
  CommandResult result =
      RunWinnow({"inspect", "--json", SharedPath("llamafactory/kto_en_demo.json")});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS);
  simdjson::dom::element trl = doc["trl"].value_unsafe();
  std::string evidence = JoinLines(Strings(trl["evidence"].value_unsafe()));
  std::string advice = JoinLines(Strings(trl["advice"].value_unsafe()));
  std::string trainers = JoinLines(Strings(trl["trainers"].value_unsafe()));
  EXPECT_THAT(evidence, HasSubstr("label"));
  EXPECT_THAT(evidence, HasSubstr("150 true / 150 false"));  // SOURCES.md: 150 true of 300
  EXPECT_THAT(evidence, HasSubstr("KTOTrainer needs prompt, completion, label"));
  EXPECT_THAT(advice, HasSubstr("prompt-completion"));
  EXPECT_THAT(trainers, HasSubstr("KTOTrainer: does not take"));
  // The label column itself.
  simdjson::dom::array columns;
  ASSERT_EQ(doc["columns"].get(columns), simdjson::SUCCESS);
  bool found = false;
  for (simdjson::dom::element column : columns) {
    std::string_view path;
    if (column["path"].get(path) || path != "label") continue;
    found = true;
    uint64_t trues = 0, falses = 0;
    EXPECT_EQ(column["true_count"].get(trues), simdjson::SUCCESS);
    EXPECT_EQ(column["false_count"].get(falses), simdjson::SUCCESS);
    EXPECT_EQ(trues, 150u);
    EXPECT_EQ(falses, 150u);
  }
  EXPECT_TRUE(found) << "no label column in the profile";
}

// Every .json/.jsonl file in llamafactory/ is either a dataset checked above or dataset_info.json,
// LLaMA-Factory's registry of datasets: one pretty-printed object, so one record of no TRL type.
TEST(RealData, EveryLlamaFactoryJsonFileIsCovered) {
  if (!SharedDataPresent()) GTEST_SKIP() << WINNOW_SHARED_DATA_DIR << " is absent";
  for (const auto& entry : std::filesystem::directory_iterator(SharedPath("llamafactory"))) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".json") && !name.ends_with(".jsonl")) continue;
    std::string relative = "llamafactory/" + name;
    bool listed = false;
    for (const Expected& expected : kExpected) listed = listed || relative == expected.file;
    if (listed) continue;
    EXPECT_EQ(name, "dataset_info.json") << "a new data file is not in kExpected";
    CommandResult result = RunWinnow({"inspect", "--json", entry.path().string()});
    ASSERT_EQ(result.exit_code, 0) << Describe(result);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS);
    uint64_t rows = 0;
    std::string_view type;
    EXPECT_EQ(doc["rows"].get(rows), simdjson::SUCCESS);
    EXPECT_EQ(rows, 1u);
    EXPECT_EQ(doc["trl"]["type"].get(type), simdjson::SUCCESS);
    EXPECT_EQ(type, "unknown");
  }
}

// Count agrees with inspect's rows (both read every record).
TEST(RealData, CountMatchesSourcesMd) {
  if (!SharedDataPresent()) GTEST_SKIP() << WINNOW_SHARED_DATA_DIR << " is absent";
  for (const Expected& expected : kExpected) {
    SCOPED_TRACE(expected.file);
    CommandResult result = RunWinnow({"count", SharedPath(expected.file)});
    EXPECT_EQ(result.exit_code, 0) << Describe(result);
    EXPECT_EQ(result.out, std::to_string(expected.rows) + "\n");
  }
}

}  // namespace
}  // namespace winnow::cli_test
