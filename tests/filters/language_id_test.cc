// language_id: tags language and language_score, keeps some languages, drops low scores, says why.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "filters/filter_test_util.h"

namespace winnow {
namespace {

using testing::MakeFilter;
using testing::Verdict;

constexpr char kEnglish[] =
    "The committee will publish its annual report next week, and the findings are expected to "
    "shape the new transport policy.";
constexpr char kFrench[] =
    "Le comité publiera son rapport annuel la semaine prochaine, et ses conclusions devraient "
    "orienter la nouvelle politique des transports.";
constexpr char kTraditional[] = "委員會將於下週發布年度報告，預計其結論將影響新的交通政策。";

std::string Tag(const FilterResult& result, std::string_view column) {
  for (const auto& [name, json] : result.tags()) {
    if (name == column) return json;
  }
  return "<none>";
}

TEST(LanguageIdFilter, TagsEveryText) {
  auto filter = MakeFilter("language_id");
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, kFrench, false, &result), "kept");
  EXPECT_EQ(Tag(result, "language"), "\"fr\"");
  EXPECT_EQ(Tag(result, "language_score"), "0.99");
  EXPECT_EQ(Tag(result, "language_top3"), "<none>");
}

TEST(LanguageIdFilter, NoMinScoreByDefault) {
  auto filter = MakeFilter("language_id", {{"keep", "en"}});
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, "hello world", false, &result), "kept");
  EXPECT_EQ(Tag(result, "language_score"), "0.2392");  // 0.92 x 13/50
}

TEST(LanguageIdFilter, KeepDropsOtherLanguagesWithTheReason) {
  auto filter = MakeFilter("language_id", {{"keep", "en, de"}});
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, kEnglish), "kept");
  EXPECT_EQ(Verdict(*filter, kFrench, false, &result), "language");
  EXPECT_EQ(result.Explain(), "language: fr not in [en, de]");
  EXPECT_EQ(Tag(result, "language"), "\"fr\"");  // dropped records carry the columns too
}

TEST(LanguageIdFilter, KeepingChineseKeepsTraditionalChinese) {
  EXPECT_EQ(Verdict(*MakeFilter("language_id", {{"keep", "zh"}}), kTraditional), "kept");
  EXPECT_EQ(Verdict(*MakeFilter("language_id", {{"keep", "zh-Hant"}}), kTraditional), "kept");
  EXPECT_EQ(Verdict(*MakeFilter("language_id", {{"keep", "ja"}}), kTraditional), "language");
}

TEST(LanguageIdFilter, MinScoreDropsShortTexts) {
  auto filter = MakeFilter("language_id", {{"keep", "en"}, {"min_score", "0.65"}});
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, kEnglish), "kept");
  EXPECT_EQ(Verdict(*filter, "Thank you, see you tomorrow", false, &result), "language_score");
  EXPECT_THAT(result.Explain(), ::testing::MatchesRegex("language_score 0\\.[0-9]+ < 0\\.65"));
}

TEST(LanguageIdFilter, UnknownLanguageFailsTheKeepList) {
  auto filter = MakeFilter("language_id", {{"keep", "en"}});
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, "12345 !!!", false, &result), "language");
  EXPECT_EQ(result.Explain(), "language: un not in [en]");
  EXPECT_EQ(Tag(result, "language_score"), "0");
}

TEST(LanguageIdFilter, EmptyText) {
  auto filter = MakeFilter("language_id");
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, " \n ", false, &result), "empty");
  EXPECT_EQ(result.Explain(), "empty: no text");
  EXPECT_EQ(Tag(result, "language"), "\"un\"");
}

TEST(LanguageIdFilter, MeasureAllEvaluatesEveryRule) {
  auto filter = MakeFilter("language_id", {{"keep", "en"}, {"min_score", "0.65"}});
  FilterResult result;
  EXPECT_EQ(Verdict(*filter, "Merci beaucoup", true, &result), "language");  // first rule wins
  ASSERT_EQ(result.measurements().size(), 1u);
  EXPECT_EQ(result.measurements()[0].name, "language_score");
}

TEST(LanguageIdFilter, ColumnsAndTop3) {
  auto filter =
      MakeFilter("language_id",
                 {{"language_column", "lang"}, {"score_column", "lang_conf"}, {"top3", "true"}});
  FilterResult result;
  Verdict(*filter, kEnglish, false, &result);
  EXPECT_EQ(Tag(result, "lang"), "\"en\"");
  EXPECT_EQ(Tag(result, "lang_conf"), "0.99");
  EXPECT_EQ(Tag(result, "lang_top3"), "[{\"language\":\"en\",\"share\":0.99}]");
}

TEST(LanguageIdFilter, BadOptionsAreErrors) {
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"keep", "en,english"},
                                                        {"hint", "xx"},
                                                        {"min_score", "high"},
                                                        {"language_column", ""}}) {
    auto spec = FindFilter("language_id");
    StepOptions options("language_id", {{key, value}});
    auto filter = (*spec)->create(options);
    EXPECT_FALSE(filter.has_value()) << key << "=" << value;
  }
}

TEST(LanguageIdFilter, IsAStep) {
  auto step = CreateStep("language_id", StepOptions("language_id", {{"keep", "en"}}));
  ASSERT_TRUE(step.has_value()) << step.error().message();
  EXPECT_EQ((*step)->name(), "language_id");
}

}  // namespace
}  // namespace winnow
