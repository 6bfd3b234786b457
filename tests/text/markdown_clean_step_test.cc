#include "winnow/text/markdown_clean_step.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "winnow/pipeline/step_registry.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

class MarkdownCleanStepTest : public ::testing::Test {
 protected:
  // Runs the step built from `options` over records made of `json` texts; returns the kept
  // records as JSON and fills rejects_.
  std::vector<std::string> Run(std::map<std::string, std::string> options,
                               const std::vector<std::string>& json) {
    auto step = CreateStep("markdown_clean", StepOptions("markdown_clean", std::move(options)));
    EXPECT_TRUE(step.has_value()) << step.error().message();
    if (!step) return {};
    step_ = std::move(*step);
    Batch batch;
    for (const std::string& text : json) {
      batch.records.push_back(Record::Owned(text, RecordOrigin{}));
      EXPECT_TRUE(batch.records.back().Parse(parser_).ok()) << text;
    }
    StepContext ctx{0, 1, &parser_, &step_->counters(), nullptr};
    Status status = step_->Process(batch, ctx);
    EXPECT_TRUE(status.ok()) << status.message();
    std::vector<std::string> out;
    for (const Record& record : batch.records) {
      out.emplace_back();
      record.AppendJson(&out.back());
    }
    rejects_.clear();
    for (const RejectedRecord& rejected : batch.rejects) {
      EXPECT_EQ(rejected.step, "markdown_clean");
      rejects_.push_back(rejected.reason);
    }
    return out;
  }

  static std::string Doc(std::string_view markdown) {
    std::string json = "{\"text\":";
    AppendJsonString(markdown, &json);
    return json + "}";
  }

  simdjson::dom::parser parser_;
  std::unique_ptr<Step> step_;
  std::vector<std::string> rejects_;
};

constexpr std::string_view kCard =
    "---\nlicense: mit\nsize: 3\n---\n# Card\n\n[![b](https://img.shields.io/x)](y) See "
    "[docs](https://d).\n";

TEST_F(MarkdownCleanStepTest, FrontMatterAsColumnsAndReportColumns) {
  auto out = Run({}, {Doc(kCard)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0],
            R"({"text":"# Card\n\nSee docs.","license":"mit","size":3,"md_removed_bytes":79,)"
            R"("md_removed_fraction":0.8229166666666666})");
  const Counters& counters = step_->counters();
  EXPECT_EQ(counters.Get("documents"), 1u);
  EXPECT_EQ(counters.Get("with_front_matter"), 1u);
  EXPECT_EQ(counters.Get("bytes_in"), kCard.size());
  EXPECT_EQ(counters.Get("removed.front_matter"), 29u);
  EXPECT_EQ(counters.Get("removed.badges"), 35u);
  EXPECT_EQ(counters.Get("removed.link_urls"), 13u);
}

TEST_F(MarkdownCleanStepTest, FrontMatterAsObjectOrDropped) {
  auto object = Run({{"front_matter", "object"}, {"report_columns", "false"}},
                    {Doc(kCard), Doc("no front matter")});
  ASSERT_EQ(object.size(), 2u);
  EXPECT_EQ(object[0],
            R"({"text":"# Card\n\nSee docs.","front_matter":{"license":"mit","size":3}})");
  EXPECT_EQ(object[1], R"({"text":"no front matter","front_matter":null})");
  auto dropped = Run({{"front_matter", "drop"}, {"report_columns", "false"}}, {Doc(kCard)});
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0], R"({"text":"# Card\n\nSee docs."})");
}

TEST_F(MarkdownCleanStepTest, ClashingKeysGetAPrefix) {
  std::string record =
      R"({"text":"---\ntext: a\npath: b\nfm_path: c\nmd_removed_bytes: d\nclean: e\n---\nBody","path":"p.md"})";
  auto out = Run({{"output", "clean"}}, {record});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0], HasSubstr(R"("text":"---\ntext: a)"));  // the input field is untouched
  EXPECT_THAT(out[0], HasSubstr(R"("path":"p.md","clean":"Body","fm_text":"a",)"
                                R"("fm_path":"b","fm_fm_path":"c","fm_md_removed_bytes":"d",)"
                                R"("fm_clean":"e","md_removed_bytes")"));
}

TEST_F(MarkdownCleanStepTest, RejectsWithReasons) {
  auto out = Run(
      {}, {R"({"other":"x"})", R"({"text":12})", R"({"text":["a"]})",
           Doc("---\ntitle: x\n  bad: indent\n---\nText\n"), Doc("---\n- a\n---\n"), Doc("fine")});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0], HasSubstr(R"("text":"fine")"));
  EXPECT_THAT(rejects_, ::testing::ElementsAre(
                            "field 'text' is missing", "field 'text' is a number, not a string",
                            "field 'text' is a list, not a string",
                            "front matter: line 3, column 6: illegal map value",
                            HasSubstr("front matter: the top level must be a mapping")));
  EXPECT_EQ(step_->counters().Get("rejected"), 5u);
  EXPECT_EQ(step_->counters().Get("documents"), 1u);
}

TEST_F(MarkdownCleanStepTest, OtherFieldAndCleaningOptions) {
  std::string record =
      R"({"body":"Intro\n\n```\ncode\n```\n\n| a |\n|---|\n| 1 |\n\n![alt](x.png) <https://u.org>"})";
  auto out = Run({{"field", "body"},
                  {"drop_code", "true"},
                  {"drop_tables", "true"},
                  {"keep_image_alt", "true"},
                  {"drop_autolinks", "true"},
                  {"report_columns", "false"}},
                 {record});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], R"({"body":"Intro\n\nalt"})");
}

TEST_F(MarkdownCleanStepTest, BadOptionsAreUsageErrors) {
  auto bad_mode =
      CreateStep("markdown_clean", StepOptions("markdown_clean", {{"front_matter", "columnz"}}));
  ASSERT_FALSE(bad_mode.has_value());
  EXPECT_EQ(bad_mode.error().message(),
            "step 'markdown_clean': front_matter is 'columnz', expected columns, object or drop");
  auto typo = CreateStep("markdown_clean", StepOptions("markdown_clean", {{"drop_tabels", "1"}}));
  ASSERT_FALSE(typo.has_value());
  EXPECT_THAT(typo.error().message(), HasSubstr("did you mean 'drop_tables'?"));
  auto empty = CreateStep("markdown_clean", StepOptions("markdown_clean", {{"field", ""}}));
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow
