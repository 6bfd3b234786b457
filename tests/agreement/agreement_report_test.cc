// The report: findings and warnings from crafted data, and renderings that never write NaN.

#include "winnow/agreement/agreement_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "winnow/agreement/agreement_render.h"
#include "winnow/agreement/preference.h"

namespace winnow {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

CollectedRatings Ratings(const std::vector<double>& judge, const std::vector<double>& human,
                         const std::vector<double>& lengths = {}) {
  CollectedRatings collected;
  for (size_t i = 0; i < judge.size(); ++i) {
    RatedItem item;
    item.judge = judge[i];
    item.human = human[i];
    item.where = "judged.jsonl:" + std::to_string(i + 1);
    if (!lengths.empty()) item.length = lengths[i];
    collected.items.push_back(item);
  }
  collected.rows = judge.size();
  return collected;
}

bool AnyContains(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& line : lines) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

simdjson::dom::element ParseJson(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element root;
  EXPECT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  return root;
}

TEST(AgreementReport, LengthLovingJudgeIsFoundOut) {
  AgreementSettings settings;
  settings.judge_field = "score";
  settings.human_field = "gold";
  settings.length_field = "answer";
  settings.scale = *ParseRatingScale("1-5");
  const AgreementReport report = BuildAgreementReport(
      settings, Ratings({1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, {3, 4, 2, 5, 3, 1, 4, 2, 5, 3},
                        {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}));
  ASSERT_TRUE(report.ratings.has_value());
  EXPECT_EQ(report.ratings->confusion.size(), 5u);
  EXPECT_TRUE(AnyContains(report.findings, "length bias"))
      << ::testing::PrintToString(report.findings);
  EXPECT_TRUE(AnyContains(report.warnings, "only 10 items"));
  const std::string text = AgreementText(report);
  EXPECT_THAT(text, HasSubstr("Spearman with length"));
  EXPECT_THAT(text, HasSubstr("exact agreement"));
  EXPECT_THAT(text, HasSubstr("40.0% (4 of 10)"));  // ratings 2, 3, 4, 5 match once each
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, AgreementJson(report));
  bool favours = false;
  ASSERT_EQ(root["ratings"]["length_bias"]["judge_favours_length"].get(favours), simdjson::SUCCESS);
  EXPECT_TRUE(favours);
}

// Everyone gives 3 to everything: kappa and Spearman are undefined, reported as such.
TEST(AgreementReport, AllEqualRatingsAreUndefinedNotNaN) {
  AgreementSettings settings;
  settings.judge_field = "score";
  settings.human_field = "gold";
  const AgreementReport report = BuildAgreementReport(settings, Ratings({3, 3, 3}, {3, 3, 3}));
  EXPECT_FALSE(report.ratings->Kappa(KappaWeights::kQuadratic).value.has_value());
  EXPECT_TRUE(AnyContains(report.warnings, "kappa is undefined"));
  const std::string json = AgreementJson(report);
  EXPECT_THAT(json, Not(HasSubstr("NaN")));
  EXPECT_THAT(json, Not(HasSubstr("nan")));
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, json);
  EXPECT_TRUE(root["ratings"]["kappa"]["quadratic"]["value"].is_null());
  std::string_view why;
  ASSERT_EQ(root["ratings"]["kappa"]["quadratic"]["undefined"].get(why), simdjson::SUCCESS);
  EXPECT_THAT(std::string(why), HasSubstr("same rating"));
  EXPECT_TRUE(root["ratings"]["spearman"]["value"].is_null());
  double exact = 0;
  ASSERT_EQ(root["ratings"]["exact_agreement"]["share"].get(exact), simdjson::SUCCESS);
  EXPECT_EQ(exact, 1.0);
  EXPECT_THAT(AgreementText(report), HasSubstr("undefined"));
  EXPECT_THAT(AgreementHtml(report), HasSubstr("undefined"));
}

TEST(AgreementReport, HumansRatingLowerIsAFinding) {
  AgreementSettings settings;
  const AgreementReport report =
      BuildAgreementReport(settings, Ratings({5, 5, 4, 4, 3}, {4, 3, 3, 4, 2}));
  EXPECT_TRUE(AnyContains(report.findings, "humans rate 1.00 lower than the judge"));
}

TEST(AgreementReport, ProblemsAreCountedListedAndWarnedAbout) {
  CollectedRatings collected = Ratings({1, 2, 3}, {1, 2, 3});
  collected.problems.Add({"judged.jsonl:9", "x9", "judge.missing", "field 'score' is missing"});
  AgreementSettings settings;
  const AgreementReport report = BuildAgreementReport(settings, std::move(collected));
  EXPECT_TRUE(AnyContains(report.warnings, "1 rating problem"));
  const std::string text = AgreementText(report);
  EXPECT_THAT(text, HasSubstr("judged.jsonl:9  judge.missing id x9: field 'score' is missing"));
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, AgreementJson(report));
  int64_t missing = 0;
  ASSERT_EQ(root["problems"]["counts"]["judge.missing"].get(missing), simdjson::SUCCESS);
  EXPECT_EQ(missing, 1);
  std::string_view where;
  ASSERT_EQ(root["problems"]["listed"].at(0)["where"].get(where), simdjson::SUCCESS);
  EXPECT_EQ(where, "judged.jsonl:9");
  EXPECT_THAT(AgreementHtml(report), HasSubstr("judged.jsonl:9"));
}

CollectedRatings Verdicts(const std::vector<Preference>& judge,
                          const std::vector<Preference>& human,
                          const std::vector<std::pair<double, double>>& lengths) {
  CollectedRatings collected;
  for (size_t i = 0; i < judge.size(); ++i) {
    RatedItem item;
    item.judge = static_cast<double>(judge[i]);
    item.human = static_cast<double>(human[i]);
    item.length_a = lengths[i].first;
    item.length_b = lengths[i].second;
    collected.items.push_back(item);
  }
  return collected;
}

// The judge of pairwise_analysis_test.cc that always picks the longer answer.
TEST(AgreementReport, PairwiseCheapRulesAreCalledOut) {
  constexpr Preference A = Preference::kA, B = Preference::kB, T = Preference::kTie;
  AgreementSettings settings;
  settings.pairwise = true;
  settings.answer_a = "a";
  settings.answer_b = "b";
  const AgreementReport report = BuildAgreementReport(
      settings,
      Verdicts(
          {A, B, B, A, T, B, A, B}, {A, A, B, B, T, A, A, A},
          {{100, 20}, {30, 200}, {50, 300}, {400, 40}, {60, 60}, {10, 90}, {500, 50}, {20, 80}}));
  EXPECT_TRUE(AnyContains(report.findings, "picks the longer answer in 100%"))
      << ::testing::PrintToString(report.findings);
  EXPECT_TRUE(
      AnyContains(report.findings, "\"longer wins\" agrees with the humans at least as well"));
  EXPECT_TRUE(AnyContains(report.findings, "\"always first\""));
  EXPECT_FALSE(AnyContains(report.findings, "position bias"));
  const std::string text = AgreementText(report);
  EXPECT_THAT(text, HasSubstr("cheap rules"));
  EXPECT_THAT(text, HasSubstr("longer wins"));
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, AgreementJson(report));
  std::string_view mode;
  ASSERT_EQ(root["mode"].get(mode), simdjson::SUCCESS);
  EXPECT_EQ(mode, "pairwise");
  bool as_good = false;
  ASSERT_EQ(root["pairwise"]["baselines"].at(1)["at_least_as_good_as_judge"].get(as_good),
            simdjson::SUCCESS);
  EXPECT_TRUE(as_good);
  EXPECT_THAT(AgreementHtml(report), HasSubstr("Cheap rules"));
}

TEST(AgreementReport, PositionBiasIsAFinding) {
  constexpr Preference A = Preference::kA, B = Preference::kB;
  std::vector<Preference> judge, human;
  std::vector<std::pair<double, double>> lengths;
  for (int i = 0; i < 60; ++i) {
    judge.push_back(i < 50 ? A : B);
    human.push_back(i % 2 == 0 ? A : B);
    lengths.push_back({NAN, NAN});
  }
  AgreementSettings settings;
  settings.pairwise = true;
  const AgreementReport report = BuildAgreementReport(settings, Verdicts(judge, human, lengths));
  EXPECT_TRUE(AnyContains(report.findings, "picks the first answer in 83%"))
      << ::testing::PrintToString(report.findings);
  EXPECT_FALSE(AnyContains(report.warnings, "only"));
}

}  // namespace
}  // namespace winnow
