#include "winnow/validate/validation_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <string>
#include <vector>

#include "validate/validate_test_util.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using validate_test::Parsed;

// Feeds records (JSON texts, rows 0..n-1) to `report` with the violations ValidateRecord finds
// for the report's type.
void AddAll(ValidationReport& report, const std::vector<std::string>& records,
            const ValidationOptions& options = {}) {
  uint64_t row = report.records();
  for (const auto& json : records) {
    Record record = Parsed(json, row++);
    std::vector<Violation> violations;
    if (report.type()) ValidateRecord(record, *report.type(), options, &violations);
    report.AddRecord(record, violations);
  }
}

const RuleSummary* Rule(const ValidationReport& report, const std::string& rule) {
  auto it = report.rules().find(rule);
  return it == report.rules().end() ? nullptr : &it->second;
}

TEST(ValidationReportTest, CountsViolationsAndRecordsPerRule) {
  ValidationReport report;
  report.SetType(TrlType::kPreference, "as given");
  AddAll(report, {
                     R"({"prompt":"p","chosen":"a","rejected":"b"})",
                     R"({"x":1})",  // three missing columns
                     R"({"prompt":"p2","chosen":"a","rejected":"a"})",
                     R"({"prompt":"p3","chosen":"","rejected":"b"})",
                 });
  report.Finish();
  EXPECT_EQ(report.records(), 4u);
  EXPECT_EQ(report.invalid_records(), 3u);
  EXPECT_EQ(report.error_count(), 5u);
  EXPECT_EQ(report.warning_count(), 0u);
  const RuleSummary* missing = Rule(report, "missing_column");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->count, 3u);
  EXPECT_EQ(missing->records, 1u);
  EXPECT_EQ(missing->severity, Severity::kError);
  ASSERT_EQ(missing->examples.size(), 3u);
  EXPECT_EQ(missing->examples[0].record, 2u);
  EXPECT_EQ(missing->examples[0].origin, "data.jsonl:2");
  EXPECT_EQ(missing->examples[0].field, "prompt");
  ASSERT_NE(Rule(report, "chosen_equals_rejected"), nullptr);
  EXPECT_EQ(Rule(report, "chosen_equals_rejected")->examples[0].record, 3u);
  ASSERT_NE(Rule(report, "empty_string"), nullptr);
  EXPECT_EQ(Rule(report, "empty_string")->examples[0].field, "chosen");
}

TEST(ValidationReportTest, ValidDatasetHasNoRules) {
  ValidationReport report;
  report.SetType(TrlType::kLanguageModeling, "as given");
  AddAll(report, {R"({"text":"one"})", R"({"text":"two"})"});
  report.Finish();
  EXPECT_EQ(report.records(), 2u);
  EXPECT_EQ(report.invalid_records(), 0u);
  EXPECT_TRUE(report.rules().empty());
  EXPECT_THAT(report.ToText(), HasSubstr("no problems found"));
}

TEST(ValidationReportTest, ExamplesAreCappedButEveryViolationIsCounted) {
  ValidationReportOptions options;
  options.max_examples = 2;
  ValidationReport report(options);
  report.SetType(TrlType::kLanguageModeling, "as given");
  AddAll(report, {R"({"text":""})", R"({"text":" "})", R"({"text":"\n"})", R"({"text":"\t"})",
                  R"({"text":"  "})"});
  const RuleSummary* empty = Rule(report, "empty_string");
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->count, 5u);
  EXPECT_EQ(empty->records, 5u);
  ASSERT_EQ(empty->examples.size(), 2u);
  EXPECT_EQ(empty->examples[0].record, 1u);
  EXPECT_EQ(empty->examples[1].record, 2u);
  std::string text = report.ToText();
  EXPECT_THAT(text, HasSubstr("... and 3 more"));
  EXPECT_THAT(text, HasSubstr("record 1 (data.jsonl:1) text: the string is empty"));
}

TEST(ValidationReportTest, DuplicateRecordsAreWarnings) {
  ValidationReport report;
  report.SetType(TrlType::kPromptCompletion, "as given");
  AddAll(report, {
                     R"({"prompt":"p","completion":"c"})",
                     R"({"prompt":"q","completion":"d"})",
                     R"({"prompt":"p","completion":"c"})",
                     R"({"prompt":"p","completion":"c"})",
                 });
  const RuleSummary* duplicates = Rule(report, "duplicate_record");
  ASSERT_NE(duplicates, nullptr);
  EXPECT_EQ(duplicates->severity, Severity::kWarning);
  EXPECT_EQ(duplicates->count, 2u);
  EXPECT_EQ(duplicates->examples[0].record, 3u);
  // A duplicate record is not also counted as a duplicate prompt.
  EXPECT_EQ(Rule(report, "duplicate_prompt"), nullptr);
  EXPECT_EQ(report.invalid_records(), 0u);
  EXPECT_EQ(report.error_count(), 0u);
  EXPECT_EQ(report.warning_count(), 2u);
}

TEST(ValidationReportTest, DuplicatePromptsAreWarnings) {
  ValidationReport report;
  report.SetType(TrlType::kPreference, "as given");
  AddAll(report, {
                     R"({"prompt":"p","chosen":"a","rejected":"b"})",
                     R"({"prompt":"p","chosen":"c","rejected":"d"})",
                     R"({"prompt":"other","chosen":"a","rejected":"b"})",
                 });
  const RuleSummary* duplicates = Rule(report, "duplicate_prompt");
  ASSERT_NE(duplicates, nullptr);
  EXPECT_EQ(duplicates->severity, Severity::kWarning);
  EXPECT_EQ(duplicates->count, 1u);
  EXPECT_EQ(duplicates->examples[0].record, 2u);
  EXPECT_EQ(duplicates->examples[0].field, "prompt");
  EXPECT_EQ(Rule(report, "duplicate_record"), nullptr);
}

TEST(ValidationReportTest, DuplicatePromptOfConversations) {
  // The prompt of a conversation is everything before its last assistant turn.
  ValidationReport report;
  report.SetType(TrlType::kLanguageModeling, "as given");
  AddAll(report,
         {
             R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]})",
             R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"B"}]})",
             R"({"messages":[{"role":"user","content":"R"},{"role":"assistant","content":"B"}]})",
         });
  ASSERT_NE(Rule(report, "duplicate_prompt"), nullptr);
  EXPECT_EQ(Rule(report, "duplicate_prompt")->count, 1u);
  EXPECT_EQ(Rule(report, "duplicate_prompt")->examples[0].record, 2u);
}

TEST(ValidationReportTest, KtoPromptsRepeatByDesign) {
  ValidationReport report;
  report.SetType(TrlType::kUnpairedPreference, "as given");
  AddAll(report, {
                     R"({"prompt":"p","completion":"good","label":true})",
                     R"({"prompt":"p","completion":"bad","label":false})",
                 });
  EXPECT_EQ(Rule(report, "duplicate_prompt"), nullptr);
  EXPECT_EQ(report.label_true(), 1u);
  EXPECT_EQ(report.label_false(), 1u);
}

// Regression: whitespace between JSON tokens does not hide a duplicate record.
TEST(ValidationReportTest, DuplicateRecordIgnoresJsonSpacing) {
  ValidationReport report;
  report.SetType(TrlType::kPromptCompletion, "as given");
  AddAll(report, {R"({"prompt":"p","completion":"c"})", R"({"prompt": "p", "completion": "c"})"});
  ASSERT_NE(Rule(report, "duplicate_record"), nullptr);
  EXPECT_EQ(Rule(report, "duplicate_prompt"), nullptr);
}

TEST(ValidationReportTest, LabelImbalanceForKto) {
  ValidationReport report;
  report.SetType(TrlType::kUnpairedPreference, "as given");
  std::vector<std::string> records;
  for (int i = 0; i < 9; ++i) {
    records.push_back(R"({"prompt":"p)" + std::to_string(i) +
                      R"(","completion":"c","label":true})");
  }
  records.push_back(R"({"prompt":"q","completion":"c","label":false})");
  AddAll(report, records);
  report.Finish();
  EXPECT_EQ(report.label_true(), 9u);
  EXPECT_EQ(report.label_false(), 1u);
  const RuleSummary* imbalance = Rule(report, "label_imbalance");
  ASSERT_NE(imbalance, nullptr);
  EXPECT_EQ(imbalance->severity, Severity::kWarning);
  EXPECT_EQ(imbalance->count, 1u);
  ASSERT_EQ(imbalance->examples.size(), 1u);
  EXPECT_THAT(imbalance->examples[0].message, HasSubstr("9 true / 1 false (90.0% true)"));
  EXPECT_THAT(imbalance->examples[0].message, HasSubstr("desirable_weight"));
  EXPECT_EQ(report.warning_count(), 1u);
  EXPECT_THAT(report.ToText(), HasSubstr("labels: 9 true, 1 false"));
}

TEST(ValidationReportTest, NoLabelImbalanceAboveTheShare) {
  ValidationReport report;  // min_label_share 0.2; 2 in 8 is 25%
  report.SetType(TrlType::kUnpairedPreference, "as given");
  std::vector<std::string> records;
  for (int i = 0; i < 8; ++i) {
    records.push_back(R"({"prompt":"p)" + std::to_string(i) + R"(","completion":"c","label":)" +
                      (i < 2 ? "false" : "true") + "}");
  }
  AddAll(report, records);
  report.Finish();
  EXPECT_EQ(report.label_false(), 2u);
  EXPECT_EQ(Rule(report, "label_imbalance"), nullptr);
}

// Regression: a class exactly at min_label_share is not reported as below it.
TEST(ValidationReportTest, NoLabelImbalanceExactlyAtTheShare) {
  ValidationReport report;
  report.SetType(TrlType::kUnpairedPreference, "as given");
  AddAll(report, {
                     R"({"prompt":"a","completion":"c","label":true})",
                     R"({"prompt":"b","completion":"c","label":true})",
                     R"({"prompt":"c","completion":"c","label":true})",
                     R"({"prompt":"d","completion":"c","label":true})",
                     R"({"prompt":"e","completion":"c","label":false})",
                 });
  report.Finish();
  EXPECT_EQ(Rule(report, "label_imbalance"), nullptr);
}

TEST(ValidationReportTest, AllOneLabelIsImbalanced) {
  ValidationReport report;
  report.SetType(TrlType::kUnpairedPreference, "as given");
  AddAll(report, {R"({"prompt":"a","completion":"c","label":false})",
                  R"({"prompt":"b","completion":"c","label":false})"});
  report.Finish();
  ASSERT_NE(Rule(report, "label_imbalance"), nullptr);
  EXPECT_THAT(Rule(report, "label_imbalance")->examples[0].message, HasSubstr("0 true / 2 false"));
}

TEST(ValidationReportTest, LabelImbalanceOnlyForKtoData) {
  ValidationReport report;
  report.SetType(TrlType::kPromptCompletion, "as given");
  AddAll(report, {R"({"prompt":"a","completion":"c","label":true})",
                  R"({"prompt":"b","completion":"c","label":true})"});
  report.Finish();
  EXPECT_EQ(Rule(report, "label_imbalance"), nullptr);
}

TEST(ValidationReportTest, LongRecords) {
  ValidationReportOptions options;
  options.long_record_bytes = 30;
  ValidationReport report(options);
  report.SetType(TrlType::kLanguageModeling, "as given");
  AddAll(report, {R"({"text":"short"})", R"({"text":"a rather longer text than thirty"})"});
  const RuleSummary* long_record = Rule(report, "long_record");
  ASSERT_NE(long_record, nullptr);
  EXPECT_EQ(long_record->severity, Severity::kWarning);
  EXPECT_EQ(long_record->count, 1u);
  EXPECT_EQ(long_record->examples[0].record, 2u);
  EXPECT_THAT(long_record->examples[0].message, HasSubstr("43 bytes, over 30"));
}

TEST(ValidationReportTest, LongRecordsOffAtZero) {
  ValidationReportOptions options;
  options.long_record_bytes = 0;
  ValidationReport report(options);
  report.SetType(TrlType::kLanguageModeling, "as given");
  AddAll(report, {R"({"text":")" + std::string(200000, 'x') + R"("})"});
  EXPECT_EQ(Rule(report, "long_record"), nullptr);
}

TEST(ValidationReportTest, TextReportSummarises) {
  ValidationReport report;
  report.SetType(TrlType::kPreference, "as given");
  AddAll(report, {R"({"prompt":"p","chosen":"a","rejected":"b"})",
                  R"({"prompt":"p2","chosen":"a","rejected":"a"})"});
  report.Finish();
  std::string text = report.ToText();
  EXPECT_THAT(text, HasSubstr("type: preference (standard), as given\n"));
  EXPECT_THAT(text, HasSubstr("records: 2, valid: 1, invalid: 1\n"));
  EXPECT_THAT(text, HasSubstr("error     chosen_equals_rejected"));
  EXPECT_THAT(text,
              HasSubstr("record 2 (data.jsonl:2) rejected: chosen and rejected are identical"));
  EXPECT_THAT(text, Not(HasSubstr("labels:")));
}

TEST(ValidationReportTest, TextReportWithoutRecordsOrType) {
  ValidationReport report;
  report.Finish();
  EXPECT_EQ(report.ToText(), "type: unknown\nrecords: 0, valid: 0, invalid: 0\nno records\n");
}

TEST(ValidationReportTest, FormComesFromTheFirstValidRecord) {
  ValidationReport report;
  report.SetType(TrlType::kPromptCompletion, "as given");
  AddAll(report, {R"({"prompt":"p"})",
                  R"({"prompt":[{"role":"user","content":"Q"}],
                      "completion":[{"role":"assistant","content":"A"}]})"});
  EXPECT_THAT(report.ToText(), HasSubstr("type: prompt_completion (conversational)"));
}

class ValidationReportJsonTest : public ::testing::Test {
 protected:
  void Parse(const ValidationReport& report) {
    json_ = report.ToJson();
    ASSERT_EQ(parser_.parse(json_).get(root_), simdjson::SUCCESS) << json_;
  }
  uint64_t Uint(std::string_view key) {
    uint64_t value = 0;
    EXPECT_EQ(root_[key].get_uint64().get(value), simdjson::SUCCESS) << key << " in " << json_;
    return value;
  }
  std::string json_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

TEST_F(ValidationReportJsonTest, IsValidJsonWithTheRightCounts) {
  ValidationReportOptions options;
  options.max_examples = 1;
  ValidationReport report(options);
  report.SetType(TrlType::kUnpairedPreference, "as given");
  AddAll(report, {
                     R"({"prompt":"p","completion":"c","label":true})",
                     R"({"prompt":"p","completion":"c","label":true})",  // duplicate record
                     R"({"prompt":"q \"quoted\"\n","completion":"c","label":1})",
                     R"({"prompt":"r","completion":"","label":"no"})",
                 });
  report.Finish();
  ASSERT_NO_FATAL_FAILURE(Parse(report));
  EXPECT_EQ(root_["type"].get_string().value(), "unpaired_preference");
  EXPECT_EQ(root_["form"].get_string().value(), "standard");
  EXPECT_EQ(Uint("records"), 4u);
  EXPECT_EQ(Uint("valid"), 2u);
  EXPECT_EQ(Uint("invalid"), 2u);
  EXPECT_EQ(Uint("errors"), 3u);    // label_not_bool x2, empty_string
  EXPECT_EQ(Uint("warnings"), 2u);  // duplicate_record, label_imbalance (2 true / 0 false)
  EXPECT_EQ(root_["labels"]["true"].get_uint64().value(), 2u);
  EXPECT_EQ(root_["labels"]["false"].get_uint64().value(), 0u);

  simdjson::dom::array rules;
  ASSERT_EQ(root_["rules"].get_array().get(rules), simdjson::SUCCESS);
  std::map<std::string, simdjson::dom::element> by_name;
  for (simdjson::dom::element rule : rules) {
    by_name[std::string(rule["rule"].get_string().value())] = rule;
  }
  ASSERT_EQ(by_name.size(), 4u) << json_;
  simdjson::dom::element label = by_name["label_not_bool"];
  EXPECT_EQ(label["severity"].get_string().value(), "error");
  EXPECT_EQ(label["count"].get_uint64().value(), 2u);
  EXPECT_EQ(label["records"].get_uint64().value(), 2u);
  simdjson::dom::array examples = label["examples"].get_array().value();
  ASSERT_EQ(examples.size(), 1u);
  EXPECT_EQ(examples.at(0)["record"].get_uint64().value(), 3u);
  EXPECT_EQ(examples.at(0)["origin"].get_string().value(), "data.jsonl:3");
  EXPECT_EQ(examples.at(0)["field"].get_string().value(), "label");
  EXPECT_THAT(std::string(examples.at(0)["message"].get_string().value()),
              HasSubstr("got number 1"));
  EXPECT_EQ(by_name["duplicate_record"]["severity"].get_string().value(), "warning");
  EXPECT_EQ(by_name["label_imbalance"]["severity"].get_string().value(), "warning");
  EXPECT_EQ(by_name["empty_string"]["count"].get_uint64().value(), 1u);
}

TEST_F(ValidationReportJsonTest, WithoutTypeOrLabels) {
  ValidationReport report;
  report.Finish();
  ASSERT_NO_FATAL_FAILURE(Parse(report));
  EXPECT_TRUE(root_["type"].is_null());
  EXPECT_EQ(root_["form"].get_string().value(), "");
  EXPECT_EQ(Uint("records"), 0u);
  EXPECT_TRUE(root_["labels"].error() == simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(root_["rules"].get_array().value().size(), 0u);
}

TEST_F(ValidationReportJsonTest, MessagesWithQuotesAndControlCharactersStayValid) {
  ValidationReport report;
  report.SetType(TrlType::kLanguageModeling, "as given");
  // The role value (with quotes, a tab and a newline) is quoted in the unknown_role message.
  AddAll(report, {R"({"messages":[{"role":"us\"er\t\n","content":"Hi"}]})"});
  report.Finish();
  ASSERT_NO_FATAL_FAILURE(Parse(report));
  EXPECT_EQ(Uint("invalid"), 1u);
}

}  // namespace
}  // namespace winnow
