#include "winnow/convert/columns_step.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using convert_test::Convert;
using convert_test::RunStep;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Edit(const std::vector<std::string>& renames,
                              const std::vector<std::string>& selects,
                              const std::vector<std::string>& drops,
                              const std::vector<std::string>& sets,
                              const std::vector<std::string>& records) {
  auto options = ParseColumnEdits(renames, selects, drops, sets);
  EXPECT_TRUE(options.has_value()) << options.error().message();
  if (!options) return {};
  ColumnsStep step(std::move(*options));
  auto run = RunStep(step, records);
  EXPECT_TRUE(run.status.ok()) << run.status.message();
  return run.out;
}

TEST(ColumnsStepTest, RenameKeepsThePlace) {
  EXPECT_THAT(Edit({"question=prompt", "answer=completion"}, {}, {}, {},
                   {R"({"id":1,"question":"Q","answer":"A"})"}),
              ElementsAre(R"({"id":1,"prompt":"Q","completion":"A"})"));
}

TEST(ColumnsStepTest, SetAddsJsonOrStringValues) {
  EXPECT_THAT(Edit({}, {}, {}, {"label=true", "source=web", "n=3", "meta={\"a\":[1]}"},
                   {R"({"text":"t"})"}),
              ElementsAre(R"({"text":"t","label":true,"source":"web","n":3,"meta":{"a":[1]}})"));
  // A set replaces a same-named column in its place.
  EXPECT_THAT(Edit({}, {}, {}, {"text=new"}, {R"({"text":"old","id":1})"}),
              ElementsAre(R"({"text":"new","id":1})"));
}

TEST(ColumnsStepTest, SelectFixesTheOrderAndDropRemoves) {
  EXPECT_THAT(Edit({}, {"completion", "prompt", "missing"}, {}, {},
                   {R"({"prompt":"p","id":1,"completion":"c"})"}),
              ElementsAre(R"({"completion":"c","prompt":"p"})"));
  EXPECT_THAT(Edit({}, {}, {"id", "nothing"}, {}, {R"({"prompt":"p","id":1,"completion":"c"})"}),
              ElementsAre(R"({"prompt":"p","completion":"c"})"));
}

TEST(ColumnsStepTest, RenameThenSetThenSelect) {
  EXPECT_THAT(Edit({"q=prompt"}, {"prompt", "label"}, {}, {"label=false"}, {R"({"q":"Q","x":1})"}),
              ElementsAre(R"({"prompt":"Q","label":false})"));
}

// Regression: a rename onto an existing name keeps the renamed value, wherever the two sit.
TEST(ColumnsStepTest, RenameOntoAnExistingNameKeepsTheRenamedValue) {
  EXPECT_THAT(Edit({"a=b"}, {}, {}, {}, {R"({"a":1,"b":2})", R"({"b":2,"a":1})"}),
              ElementsAre(R"({"b":1})", R"({"b":1})"));
}

TEST(ColumnsStepTest, ParseErrors) {
  auto no_equals = ParseColumnEdits({"question"}, {}, {}, {});
  ASSERT_FALSE(no_equals.has_value());
  EXPECT_THAT(no_equals.error().message(), HasSubstr("rename 'question': expected KEY=VALUE"));
  EXPECT_FALSE(ParseColumnEdits({"=prompt"}, {}, {}, {}).has_value());
  auto empty_name = ParseColumnEdits({"question="}, {}, {}, {});
  ASSERT_FALSE(empty_name.has_value());
  EXPECT_THAT(empty_name.error().message(), HasSubstr("the new name is empty"));
  EXPECT_FALSE(ParseColumnEdits({}, {}, {}, {"novalue"}).has_value());
  // An empty value is the empty string.
  auto empty_value = ParseColumnEdits({}, {}, {}, {"note="});
  ASSERT_TRUE(empty_value.has_value());
  EXPECT_EQ(empty_value->sets[0].second, "\"\"");
}

TEST(ColumnsStepTest, PipelineForm) {
  auto run = Convert("columns",
                     {{"rename", "question=prompt;answer=completion"},
                      {"drop", "id,extra"},
                      {"set", "split=train"}},
                     {R"({"id":1,"question":"Q","answer":"A","extra":null})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"prompt":"Q","completion":"A","split":"train"})"));
  run = Convert("columns", {{"select", "b,a"}}, {R"({"a":1,"b":2,"c":3})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"b":2,"a":1})"));
}

TEST(ColumnsStepTest, CountsRecords) {
  ColumnsStep step(ColumnsOptions{});
  auto run = RunStep(step, {R"({"a":1})", R"({"a":2})", R"({"a":3})"}, 2);
  EXPECT_EQ(run.out.size(), 3u);
  EXPECT_EQ(step.counters().Get("records"), 3u);
}

}  // namespace
}  // namespace winnow
