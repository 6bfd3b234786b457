// `winnow validate` end to end: the built binary (WINNOW_BINARY) on files in a temporary folder.
// Exit 0 when no error is found, 1 on errors (or warnings with --strict), 2 on usage errors.

#include <simdjson.h>

#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kValidPreference =
    R"({"prompt":"The sky is","chosen":" blue.","rejected":" green."})"
    "\n"
    R"({"prompt":[{"role":"user","content":"What color is the sky?"}],"chosen":[{"role":"assistant","content":"It is blue."}],"rejected":[{"role":"assistant","content":"It is green."}]})"
    "\n";

// Three valid records, two with errors (one of them with two), and a duplicate.
constexpr const char* kMixed =
    R"({"messages":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"}]})"
    "\n"
    R"({"messages":[{"role":"human","content":"Q2"},{"role":"assistant","content":"A2"}]})"
    "\n"
    R"({"messages":[{"role":"user","content":"Q3"},{"role":"assistant","content":"A3"}]})"
    "\n"
    R"({"messages":[{"role":"user","content":" "},{"role":"user","content":"Q4"}]})"
    "\n"
    R"({"messages":[{"role":"user","content":"Q1"},{"role":"assistant","content":"A1"}]})"
    "\n";

class ValidateCliTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(ValidateCliTest, ValidFileExitsZero) {
  std::string input = dir_.Write("pref.jsonl", kValidPreference);
  CommandResult result = RunWinnow({"validate", input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("type: preference"));
  EXPECT_THAT(result.out, HasSubstr("records: 2, valid: 2, invalid: 0"));
  EXPECT_THAT(result.out, HasSubstr("no problems found"));
}

TEST_F(ValidateCliTest, ErrorsExitOneWithRuleCounts) {
  std::string input = dir_.Write("mixed.jsonl", kMixed);
  CommandResult result = RunWinnow({"validate", input});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("records: 5, valid: 3, invalid: 2"));
  // Per-rule table: severity, rule, count, records.
  EXPECT_THAT(result.out, ::testing::ContainsRegex("error +unknown_role +1 +1"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("error +empty_content +1 +1"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("error +bad_turn_order +2 +2"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("error +last_turn_not_assistant +1 +1"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("warning +duplicate_record +1 +1"));
  // Examples name the record, its file and line, the field and the rule's message.
  EXPECT_THAT(result.out, HasSubstr("record 2 (" + input + ":2) messages[0].role: role 'human'"));
  EXPECT_THAT(result.out, HasSubstr("winnow convert --to messages"));
  EXPECT_THAT(result.out, HasSubstr("record 4 (" + input + ":4) messages[0].content:"));
}

TEST_F(ValidateCliTest, JsonReport) {
  std::string input = dir_.Write("mixed.jsonl", kMixed);
  CommandResult result = RunWinnow({"validate", "--json", input});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(result.out).get(root), simdjson::SUCCESS) << result.out;
  EXPECT_EQ(root["type"].get_string().value(), "language_modeling");
  EXPECT_EQ(root["form"].get_string().value(), "conversational");
  EXPECT_EQ(root["records"].get_uint64().value(), 5u);
  EXPECT_EQ(root["valid"].get_uint64().value(), 3u);
  EXPECT_EQ(root["invalid"].get_uint64().value(), 2u);
  EXPECT_EQ(root["warnings"].get_uint64().value(), 1u);
  uint64_t errors = root["errors"].get_uint64().value();
  uint64_t counted = 0;
  simdjson::dom::array rules = root["rules"].get_array().value();
  for (auto rule : rules) {
    if (rule["severity"].get_string().value() == "error")
      counted += rule["count"].get_uint64().value();
  }
  EXPECT_EQ(counted, errors);
  EXPECT_GE(errors, 4u);
}

TEST_F(ValidateCliTest, ReportFileIsTheJsonReport) {
  std::string input = dir_.Write("pref.jsonl", kValidPreference);
  std::string report = dir_.Join("report.json");
  CommandResult result = RunWinnow({"validate", "--report", report, input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  std::string json = TempDir::ReadPath(report);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_EQ(root["records"].get_uint64().value(), 2u);
  EXPECT_THAT(result.out, HasSubstr("no problems found"));  // the text report still prints
}

TEST_F(ValidateCliTest, StrictFailsOnWarnings) {
  std::string input = dir_.Write("dups.jsonl", "{\"text\":\"same\"}\n{\"text\":\"same\"}\n");
  CommandResult lenient = RunWinnow({"validate", input});
  EXPECT_EQ(lenient.exit_code, 0) << Describe(lenient);
  EXPECT_THAT(lenient.out, HasSubstr("duplicate_record"));
  CommandResult strict = RunWinnow({"validate", "--strict", input});
  EXPECT_EQ(strict.exit_code, 1) << Describe(strict);
}

TEST_F(ValidateCliTest, OutputAndRejectSplitValidFromInvalid) {
  std::string input = dir_.Write("mixed.jsonl", kMixed);
  std::string output = dir_.Join("valid.jsonl");
  std::string rejects = dir_.Join("rejects.jsonl");
  CommandResult result = RunWinnow({"validate", input, "-o", output, "--reject", rejects});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("records: 5, valid: 3, invalid: 2"));
  std::vector<std::string> kept = SplitLines(TempDir::ReadPath(output));
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_THAT(kept[0], HasSubstr("Q1"));
  EXPECT_THAT(kept[1], HasSubstr("Q3"));
  std::vector<std::string> rejected = SplitLines(TempDir::ReadPath(rejects));
  ASSERT_EQ(rejected.size(), 2u);
  simdjson::dom::parser parser;
  simdjson::dom::element first;
  ASSERT_EQ(parser.parse(rejected[0]).get(first), simdjson::SUCCESS) << rejected[0];
  EXPECT_EQ(first["step"].get_string().value(), "validate");
  EXPECT_THAT(std::string(first["reason"].get_string().value()),
              StartsWith("unknown_role: messages[0].role: role 'human'"));
  EXPECT_EQ(first["line"].get_uint64().value(), 2u);
  EXPECT_THAT(rejected[1], HasSubstr("(and 2 more)"));  // empty_content, bad_turn_order, last turn
  ExpectNoTempFiles(dir_.List());
  // The valid records validate cleanly.
  EXPECT_EQ(RunWinnow({"validate", output}).exit_code, 0);
}

TEST_F(ValidateCliTest, RejectFileWithoutOutput) {
  std::string input = dir_.Write("mixed.jsonl", kMixed);
  std::string rejects = dir_.Join("rejects.jsonl");
  CommandResult result = RunWinnow({"validate", input, "--reject", rejects});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_EQ(SplitLines(TempDir::ReadPath(rejects)).size(), 2u);
}

TEST_F(ValidateCliTest, RecordsToStdoutPutTheReportOnStderr) {
  std::string input = dir_.Write("pref.jsonl", kValidPreference);
  CommandResult result = RunWinnow({"validate", input, "-o", "-"});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, kValidPreference);
  EXPECT_THAT(result.err, HasSubstr("records: 2, valid: 2, invalid: 0"));
}

TEST_F(ValidateCliTest, StdinInput) {
  CommandResult result = RunWinnow({"validate", "-"}, "{\"prompt\":\"p\",\"completion\":\"\"}\n");
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("type: prompt_completion"));
  EXPECT_THAT(result.out, HasSubstr("empty_string"));
}

TEST_F(ValidateCliTest, GivenType) {
  std::string input = dir_.Write("pref.jsonl", kValidPreference);
  CommandResult as_dpo = RunWinnow({"validate", "--type", "dpo", input});
  EXPECT_EQ(as_dpo.exit_code, 0) << Describe(as_dpo);
  EXPECT_THAT(as_dpo.out, HasSubstr("type: preference (standard), as given"));
  CommandResult as_kto = RunWinnow({"validate", "--type", "kto", input});
  EXPECT_EQ(as_kto.exit_code, 1) << Describe(as_kto);
  EXPECT_THAT(as_kto.out, HasSubstr("missing_column"));
}

TEST_F(ValidateCliTest, UnknownTypeIsAUsageError) {
  std::string input = dir_.Write("pref.jsonl", kValidPreference);
  CommandResult result = RunWinnow({"validate", "--type", "sharegpt", input});
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown dataset type 'sharegpt'"));
}

TEST_F(ValidateCliTest, RuleOptions) {
  std::string input = dir_.Write(
      "chat.jsonl",
      R"({"messages":[{"role":"user","content":""},{"role":"assistant","content":"A"},{"role":"user","content":"Thanks"}]})"
      "\n"
      R"({"messages":[{"role":"user","content":"Q"},{"role":"narrator","content":"later"},{"role":"assistant","content":"A"}]})"
      "\n");
  CommandResult strict = RunWinnow({"validate", input});
  EXPECT_EQ(strict.exit_code, 1) << Describe(strict);
  EXPECT_THAT(strict.out, HasSubstr("empty_content"));
  EXPECT_THAT(strict.out, HasSubstr("last_turn_not_assistant"));
  EXPECT_THAT(strict.out, HasSubstr("unknown_role"));
  CommandResult relaxed = RunWinnow(
      {"validate", "--allow-empty", "--allow-user-last", "--allow-role", "narrator", input});
  EXPECT_EQ(relaxed.exit_code, 0) << Describe(relaxed);
  EXPECT_THAT(relaxed.out, HasSubstr("no problems found"));
}

TEST_F(ValidateCliTest, MaxExamplesAndLongRecords) {
  std::string lines;
  for (int i = 0; i < 4; ++i) lines += "{\"text\":\"\",\"n\":" + std::to_string(i) + "}\n";
  lines += "{\"text\":\"" + std::string(200, 'x') + "\"}\n";
  std::string input = dir_.Write("text.jsonl", lines);
  CommandResult result =
      RunWinnow({"validate", "--max-examples", "1", "--long-record-bytes", "100", input});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("... and 3 more"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("warning +long_record +1 +1"));
  CommandResult off = RunWinnow({"validate", "--long-record-bytes", "0", input});
  EXPECT_THAT(off.out, Not(HasSubstr("long_record")));
}

TEST_F(ValidateCliTest, KtoLabelBalance) {
  std::string input = dir_.Write("kto.jsonl",
                                 "{\"prompt\":\"a\",\"completion\":\"x\",\"label\":true}\n"
                                 "{\"prompt\":\"b\",\"completion\":\"x\",\"label\":true}\n"
                                 "{\"prompt\":\"c\",\"completion\":\"x\",\"label\":true}\n"
                                 "{\"prompt\":\"d\",\"completion\":\"x\",\"label\":true}\n"
                                 "{\"prompt\":\"e\",\"completion\":\"x\",\"label\":true}\n"
                                 "{\"prompt\":\"f\",\"completion\":\"x\",\"label\":false}\n");
  CommandResult result = RunWinnow({"validate", input});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("labels: 5 true, 1 false"));
  EXPECT_THAT(result.out, HasSubstr("label_imbalance"));
  EXPECT_EQ(RunWinnow({"validate", "--strict", input}).exit_code, 1);
}

TEST_F(ValidateCliTest, NonTrlShapesNameTheConversion) {
  std::string input =
      dir_.Write("sharegpt.jsonl",
                 R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}]})"
                 "\n");
  CommandResult result = RunWinnow({"validate", input});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("unknown_columns"));
  EXPECT_THAT(result.out, HasSubstr("winnow convert --to messages"));
}

TEST_F(ValidateCliTest, MalformedJsonIsAnInputError) {
  std::string input = dir_.Write("bad.jsonl", "{\"text\":\"ok\"}\n{\"text\": \n");
  CommandResult result = RunWinnow({"validate", input});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(input + ":2"));
}

}  // namespace
}  // namespace winnow::cli_test
