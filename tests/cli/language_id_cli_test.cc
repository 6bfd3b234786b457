// The language_id filter through `winnow filter`: columns on kept records, keep lists with their
// reject reasons, min_score on short texts, and the filter listed with its options.

#include <simdjson.h>

#include <string>
#include <vector>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

const char kInput[] =
    "{\"id\":\"en\",\"text\":\"The committee will publish its annual report next week, and the "
    "findings are expected to shape the new transport policy.\"}\n"
    "{\"id\":\"fr\",\"text\":\"Le comité publiera son rapport annuel la semaine prochaine, et ses "
    "conclusions devraient orienter la nouvelle politique des transports.\"}\n"
    "{\"id\":\"de\",\"text\":\"Der Ausschuss wird seinen Jahresbericht nächste Woche "
    "veröffentlichen, und die Ergebnisse sollen die neue Verkehrspolitik prägen.\"}\n"
    "{\"id\":\"zh\",\"text\":\"委员会将于下周发布年度报告，预计其结论将影响新的交通政策。\"}\n"
    "{\"id\":\"ja\",\"text\":\"委員会は来週、年次報告書を発表する予定で、その結論は新しい交通政策に"
    "影響を与えると見られています。\"}\n"
    "{\"id\":\"short\",\"text\":\"hello world\"}\n"
    "{\"id\":\"empty\",\"text\":\"\"}\n";

TEST(LanguageIdCli, TagsEveryRecord) {
  TempDir dir;
  const std::string input = dir.Write("in.jsonl", kInput);
  CommandResult result = RunWinnow({"filter", input, "--filter", "language_id", "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  const ParsedLines rows = ParseLines(result.out);
  ASSERT_EQ(rows.size(), 6u);  // the empty text is dropped
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(Str(rows[i]["language"]), Str(rows[i]["id"]));
    double score = 0;
    ASSERT_EQ(rows[i]["language_score"].get(score), simdjson::SUCCESS);
    EXPECT_GE(score, 0.95) << Str(rows[i]["id"]);
  }
  double short_score = 1;
  ASSERT_EQ(rows[5]["language_score"].get(short_score), simdjson::SUCCESS);
  EXPECT_LT(short_score, 0.3);
}

TEST(LanguageIdCli, KeepAndMinScoreWithReasons) {
  TempDir dir;
  const std::string input = dir.Write("in.jsonl", kInput);
  CommandResult result =
      RunWinnow({"filter", input, "--filter", "language_id:keep=en,de,min_score=0.65", "--reject",
                 dir.Join("rejects.jsonl")});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(IdsOf(result.out), (std::vector<std::string>{"en", "de"}));
  const std::string rejects = dir.Read("rejects.jsonl");
  EXPECT_THAT(rejects, HasSubstr("language_id: language: fr not in [en, de]"));
  EXPECT_THAT(rejects, HasSubstr("language_id: language: zh not in [en, de]"));
  EXPECT_THAT(rejects, HasSubstr("language_id: language_score 0.2392 < 0.65"));
  EXPECT_THAT(rejects, HasSubstr("language_id: empty: no text"));
}

TEST(LanguageIdCli, UnknownCodeIsAUsageError) {
  TempDir dir;
  const std::string input = dir.Write("in.jsonl", kInput);
  CommandResult result = RunWinnow({"filter", input, "--filter", "language_id:keep=english"});
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown language code 'english'"));
}

TEST(LanguageIdCli, Listed) {
  CommandResult result = RunWinnow({"filter", "--list"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.out, HasSubstr("language_id"));
  EXPECT_THAT(result.out, HasSubstr("min_score"));
}

}  // namespace
}  // namespace winnow::cli_test
