// `winnow markdown`: one record per .md file with its path, front matter as columns, the cleaned
// text, a summary on stderr (silent with --quiet), rejects for bad front matter, the flags.

#include <simdjson.h>

#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

constexpr char kCard[] =
    "---\nlicense: mit\ntags:\n- qa\n---\n# Card\n\n[![ci](https://img.shields.io/b)](https://ci) "
    "Read [the docs](https://docs).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n";

std::vector<std::string> MarkdownLines(const std::vector<std::string>& args,
                                       CommandResult* result_out) {
  CommandResult result = RunWinnow(args);
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  *result_out = result;
  return SplitLines(result.out);
}

TEST(MarkdownCommand, OneRecordPerFileWithPathAndFrontMatterColumns) {
  TempDir dir;
  std::string card = dir.Write("cards/a.md", kCard);
  dir.Write("cards/b.md", "# Plain\n\nNo front matter <!-- hidden -->.\n");
  std::string output = dir.Join("out.jsonl");
  CommandResult result;
  MarkdownLines({"markdown", dir.Join("cards/a.md"), dir.Join("cards/b.md"), "-o", output},
                &result);
  std::vector<std::string> lines = SplitLines(dir.Read("out.jsonl"));
  ASSERT_EQ(lines.size(), 2u);
  // The cleaned text replaces the field, so it is written after the reader's "path".
  EXPECT_EQ(lines[0], "{\"path\":\"" + card +
                          "\",\"text\":\"# Card\\n\\nRead the docs.\\n\\n| a | b |\\n|---|---|\\n"
                          "| 1 | 2 |\\n\\n```\\ncode\\n```\",\"license\":\"mit\",\"tags\":[\"qa\"],"
                          "\"md_removed_bytes\":95,\"md_removed_fraction\":0.5864197530864198}");
  EXPECT_THAT(lines[1], HasSubstr("\"text\":\"# Plain\\n\\nNo front matter.\""));
  EXPECT_THAT(result.err, HasSubstr("winnow: cleaned 2 document(s):"));
  EXPECT_THAT(result.err, HasSubstr("front_matter 32 html_comments 15 html_tags 0 badges 45"));
}

TEST(MarkdownCommand, FlagsReachTheStep) {
  TempDir dir;
  dir.Write("a.md", kCard);
  CommandResult result;
  std::vector<std::string> lines =
      MarkdownLines({"markdown", dir.Join("a.md"), "--drop-code", "--drop-tables", "--front-matter",
                     "object", "-q"},
                    &result);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("\"text\":\"# Card\\n\\nRead the docs.\""));
  EXPECT_THAT(lines[0], HasSubstr("\"front_matter\":{\"license\":\"mit\",\"tags\":[\"qa\"]}"));
  EXPECT_EQ(result.err, "");
}

TEST(MarkdownCommand, JsonlInputWithAnotherField) {
  TempDir dir;
  std::string input =
      dir.Write("docs.jsonl", "{\"id\":1,\"body\":\"---\\nid: 7\\n---\\n![x](y.png) Hello\"}\n");
  CommandResult result;
  std::vector<std::string> lines =
      MarkdownLines({"markdown", input, "--field", "body", "-q"}, &result);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("{\"id\":1,\"body\":\"Hello\",\"fm_id\":7,"));
}

TEST(MarkdownCommand, BadFrontMatterIsRejectedWithTheLine) {
  TempDir dir;
  dir.Write("good.md", "# Good\n");
  dir.Write("bad.md", "---\ntitle: x\n  bad: indent\n---\n# Bad\n");
  std::string rejects = dir.Join("rejects.jsonl");
  CommandResult result;
  std::vector<std::string> lines = MarkdownLines(
      {"markdown", dir.Join("good.md"), dir.Join("bad.md"), "--reject", rejects}, &result);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("# Good"));
  EXPECT_THAT(result.err, HasSubstr("winnow: rejected 1 document(s)"));
  EXPECT_THAT(dir.Read("rejects.jsonl"),
              HasSubstr("front matter: line 3, column 6: illegal map value"));
}

TEST(MarkdownCommand, FixtureCardsAllBecomeRecords) {
  TempDir dir;
  std::string cards = std::string(WINNOW_TEST_DATA_DIR) + "/cards";
  CommandResult result;
  std::vector<std::string> lines =
      MarkdownLines({"markdown", cards + "/enwik8.md", cards + "/ptb_text_only.md",
                     cards + "/cnn_dailymail.md", cards + "/natural_questions.md"},
                    &result);
  ASSERT_EQ(lines.size(), 4u);
  simdjson::dom::parser parser;
  for (const std::string& line : lines) {
    simdjson::dom::object record;
    ASSERT_EQ(parser.parse(line).get(record), simdjson::SUCCESS) << line;
    EXPECT_FALSE(record["pretty_name"].error()) << line.substr(0, 200);
    EXPECT_FALSE(record["path"].error());
  }
  EXPECT_THAT(result.err, HasSubstr("winnow: cleaned 4 document(s)"));
}

}  // namespace
}  // namespace winnow::cli_test
