#include "winnow/pipeline/step_options.h"

#include <gtest/gtest.h>

#include "winnow/pipeline/step_registry.h"

namespace winnow {
namespace {

TEST(StepOptionsTest, TypedGettersValidate) {
  StepOptions options("demo", {{"n", "12"}, {"p", "0.5"}, {"on", "yes"}, {"bad", "x1"}});
  EXPECT_EQ(options.GetInt("n", 0).value(), 12);
  EXPECT_DOUBLE_EQ(options.GetDouble("p", 0).value(), 0.5);
  EXPECT_TRUE(options.GetBool("on", false).value());
  EXPECT_EQ(options.GetInt("missing", 7).value(), 7);
  auto bad = options.GetInt("bad", 0);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "step 'demo': option 'bad' is 'x1', expected an integer");
  EXPECT_TRUE(options.Finish().ok());
}

TEST(StepOptionsTest, UnknownOptionsSuggestTheNearestName) {
  StepOptions options("sample", {{"sed", "1"}, {"n", "3"}});
  (void)options.GetInt("seed", 0);
  (void)options.GetInt("n", 0);
  Status status = options.Finish();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "step 'sample': unknown option 'sed' (did you mean 'seed'?)");
}

TEST(StepRegistryTest, CreatesStepsAndSuggestsNames) {
  auto head = CreateStep("head", StepOptions("head", {{"n", "5"}}));
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ((*head)->name(), "head");
  auto typo = CreateStep("sampel", StepOptions("sampel", {}));
  ASSERT_FALSE(typo.has_value());
  EXPECT_EQ(typo.error().message(), "unknown step 'sampel' (did you mean 'sample'?)");
  auto bad_option = CreateStep("head", StepOptions("head", {{"rows", "5"}}));
  ASSERT_FALSE(bad_option.has_value());
  EXPECT_NE(bad_option.error().message().find("unknown option 'rows'"), std::string::npos);
  for (const auto& spec : StepTable()) {
    EXPECT_NE(std::string(spec.summary), "");
    EXPECT_NE(std::string(spec.example).find(spec.name), std::string::npos);
  }
}

TEST(EditDistanceTest, CountsEdits) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("seed", "sed"), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

TEST(StepOptionsTest, ListsFromPipelineFilesMayHoldCommas) {
  StepOptions options("demo", {{"labels", R"(["a, b", "c", 3])"}, {"plain", "x, y"}});
  EXPECT_EQ(options.GetList("labels", "").value(), (std::vector<std::string>{"a, b", "c", "3"}));
  EXPECT_EQ(options.GetList("plain", "").value(), (std::vector<std::string>{"x", "y"}));
  StepOptions bad("demo", {{"labels", "[1, {\"x\": 2}]"}});
  EXPECT_FALSE(bad.GetList("labels", "").has_value());
}

}  // namespace
}  // namespace winnow
