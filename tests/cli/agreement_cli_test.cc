// `winnow agreement` through the real binary: the text summary, JSON on stdout, JSON and HTML
// reports, a human file joined by id, pairwise verdicts, and errors that name file and line.

#include <simdjson.h>

#include <string>
#include <vector>

#include "cli/cli_json_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Twelve items on a 1-5 scale (the example of tests/agreement/kappa_test.cc: quadratic kappa
// 227/263 = 0.863), each with an answer whose length the judge likes; plus one row without a
// judge score.
std::string RatingsJsonl() {
  const int judge[] = {1, 2, 3, 4, 5, 3, 4, 2, 5, 1, 3, 4};
  const int human[] = {1, 2, 4, 4, 4, 3, 5, 1, 5, 2, 2, 4};
  std::string out;
  for (int i = 0; i < 12; ++i) {
    out += "{\"id\":\"q" + std::to_string(i) + "\",\"score\":" + std::to_string(judge[i]) +
           ",\"gold\":" + std::to_string(human[i]) +
           ",\"answer\":" + JsonString(std::string(static_cast<size_t>(judge[i]) * 10, 'x')) +
           "}\n";
  }
  out += "{\"id\":\"q12\",\"gold\":3,\"answer\":\"no score\"}\n";
  return out;
}

std::vector<std::string> Args(const std::string& input, std::vector<std::string> extra) {
  std::vector<std::string> args = {"agreement", input, "--judge", "score", "--human", "gold"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(AgreementCli, TextSummary) {
  TempDir dir;
  const std::string input = dir.Write("judged.jsonl", RatingsJsonl());
  CommandResult result =
      Ok(Args(input, {"--scale", "1-5", "--id-field", "id", "--length-field", "answer"}));
  EXPECT_THAT(result.out, HasSubstr("12 items rated by both the judge (score) and a human (gold)"));
  EXPECT_THAT(result.out, HasSubstr("scale 1-5"));
  EXPECT_THAT(result.out, HasSubstr("exact agreement"));
  EXPECT_THAT(result.out, HasSubstr("50.0% (6 of 12)"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("Cohen's kappa, quadratic +0\\.863"));
  EXPECT_THAT(result.out, HasSubstr("Spearman's rho"));
  EXPECT_THAT(result.out, HasSubstr("confusion (rows: judge, columns: human)"));
  EXPECT_THAT(result.out, HasSubstr("only 12 items rated by both"));
  EXPECT_THAT(result.out, HasSubstr(":13  judge.missing id q12: field 'score' is missing"));
  EXPECT_THAT(result.out, HasSubstr("judge 1.000"));  // the answer's length is 10 x the score
}

TEST(AgreementCli, JsonOnStdoutAndReportsOnDisk) {
  TempDir dir;
  const std::string input = dir.Write("judged.jsonl", RatingsJsonl());
  CommandResult result = Ok(Args(input, {"--scale", "1-5", "--format", "json", "--weights",
                                         "linear", "--report", dir.Join("report.html")}));
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(result.out).get(root), simdjson::SUCCESS) << result.out;
  EXPECT_EQ(Str(root["schema"]), "winnow.agreement/1");
  EXPECT_EQ(Int(root["rows"]["items"]), 12);
  EXPECT_EQ(Int(root["problems"]["counts"]["judge.missing"]), 1);
  EXPECT_EQ(Str(root["ratings"]["kappa"]["headline"]), "linear");
  double kappa = 0;
  ASSERT_EQ(root["ratings"]["kappa"]["linear"]["value"].get(kappa), simdjson::SUCCESS);
  EXPECT_NEAR(kappa, 37.0 / 55, 1e-9);
  const std::string html = dir.Read("report.html");
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("Judge agreement"));
  EXPECT_THAT(html, HasSubstr("judged.jsonl:13"));

  Ok(Args(input, {"--report", dir.Join("report.json")}));
  simdjson::dom::parser report_parser;
  simdjson::dom::element report;
  ASSERT_EQ(report_parser.parse(dir.Read("report.json")).get(report), simdjson::SUCCESS);
  EXPECT_EQ(Str(report["mode"]), "ratings");
  ExpectNoTempFiles(dir.List());
}

TEST(AgreementCli, HumanFileJoinedById) {
  TempDir dir;
  const std::string judged = dir.Write("judged.jsonl",
                                       "{\"id\":1,\"score\":4}\n{\"id\":2,\"score\":2}\n"
                                       "{\"id\":3,\"score\":5}\n");
  // An annotation export: the human rating is the submitted response to question "quality".
  const std::string humans = dir.Write(
      "export.jsonl",
      "{\"id\":1,\"responses\":[{\"status\":\"submitted\",\"values\":{\"quality\":{\"value\":"
      "3}}}]}\n"
      "{\"id\":2,\"responses\":[{\"status\":\"submitted\",\"values\":{\"quality\":{\"value\":"
      "2}}}]}\n");
  CommandResult result = Ok({"agreement", judged, "--judge", "score", "--human", "quality",
                             "--human-file", humans, "--id-field", "id", "--format", "json"});
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(result.out).get(root), simdjson::SUCCESS) << result.out;
  EXPECT_EQ(Int(root["rows"]["items"]), 2);
  EXPECT_EQ(Int(root["rows"]["not_annotated"]), 1);
  EXPECT_EQ(Int(root["ratings"]["exact_agreement"]["part"]), 1);
}

TEST(AgreementCli, PairwiseWithALengthLovingJudge) {
  TempDir dir;
  std::string rows;
  // The judge always picks the longer answer; humans pick A and B alternately.
  for (int i = 0; i < 40; ++i) {
    const bool a_longer = i % 3 != 0;
    const std::string a(a_longer ? 80 : 20, 'a');
    const std::string b(a_longer ? 20 : 80, 'b');
    rows += "{\"judge_winner\":\"" + std::string(a_longer ? "A" : "B") + "\",\"human_winner\":\"" +
            std::string(i % 2 == 0 ? "A" : "B") + "\",\"a\":\"" + a + "\",\"b\":\"" + b + "\"}\n";
  }
  const std::string input = dir.Write("pairs.jsonl", rows);
  CommandResult result =
      Ok({"agreement", input, "--judge", "judge_winner", "--human", "human_winner", "--pairwise",
          "--answer-a", "a", "--answer-b", "b", "--report", dir.Join("pairs.html")});
  EXPECT_THAT(result.out, HasSubstr("(pairwise)"));
  EXPECT_THAT(result.out, HasSubstr("picks the longer answer in 100%"));
  EXPECT_THAT(result.out, HasSubstr("\"longer wins\" agrees with the humans at least as well"));
  EXPECT_THAT(dir.Read("pairs.html"), HasSubstr("Cheap rules"));
}

TEST(AgreementCli, ARatingOutsideTheScaleNamesFileLineAndField) {
  TempDir dir;
  const std::string input =
      dir.Write("judged.jsonl", "{\"score\":4,\"gold\":5}\n{\"score\":6,\"gold\":5}\n");
  CommandResult result = RunWinnow(Args(input, {"--scale", "1-5"}));
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err,
              HasSubstr("judged.jsonl:2: judge rating 6 in field 'score' is outside --scale 1-5"));
  EXPECT_TRUE(result.out.empty());
}

TEST(AgreementCli, AMissingFieldEverywhereNamesTheFirstRow) {
  TempDir dir;
  const std::string input =
      dir.Write("judged.jsonl", "{\"rating\":4,\"gold\":5}\n{\"rating\":3,\"gold\":5}\n");
  CommandResult result = RunWinnow(Args(input, {}));
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("no item has both a judge and a human rating"));
  EXPECT_THAT(result.err, HasSubstr("judged.jsonl:1: judge.missing: field 'score' is missing"));
}

TEST(AgreementCli, UsageErrors) {
  TempDir dir;
  const std::string input = dir.Write("judged.jsonl", "{\"score\":4,\"gold\":5}\n");
  ExpectOneLineError(RunWinnow(Args(input, {"--scale", "5-1"})), 2);
  ExpectOneLineError(RunWinnow(Args(input, {"--scale", "1-5", "--pairwise"})), 2);
  ExpectOneLineError(RunWinnow(Args(input, {"--report", dir.Join("out.txt")})), 2);
  ExpectOneLineError(RunWinnow(Args(input, {"--human-file", input})), 2);
  ExpectOneLineError(RunWinnow(Args(input, {"--weights", "cubic"})), 2);
  ExpectOneLineError(RunWinnow({"agreement", input, "--judge", "score"}), 2);
  EXPECT_THAT(RunWinnow(Args(input, {"--answer-a", "a"})).err, HasSubstr("--answer-b"));
  EXPECT_FALSE(dir.Exists("out.txt"));
}

}  // namespace
}  // namespace winnow::cli_test
