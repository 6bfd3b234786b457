#include "winnow/text/front_matter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

using ::testing::HasSubstr;

// The front matter of `yaml` as one JSON object (test failures show the error).
std::string ObjectOf(std::string_view yaml) {
  auto parsed = ParseFrontMatter(yaml, 2);
  if (!parsed) return "error: " + parsed.error().message();
  return parsed->ObjectJson();
}

TEST(SplitFrontMatterTest, FindsTheBlockAndTheBody) {
  std::string doc = "---\ntitle: x\n---\n# Body\n";
  auto block = SplitFrontMatter(doc);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->yaml, "title: x\n");
  EXPECT_EQ(block->body, "# Body\n");
  EXPECT_EQ(block->block_bytes, 17u);
  EXPECT_EQ(block->yaml_first_line, 2u);
}

TEST(SplitFrontMatterTest, ToleratesBomCrlfDotsAndTrailingSpaces) {
  std::string bom = "\xEF\xBB\xBF---\r\na: 1\r\n---\r\nbody";
  auto block = SplitFrontMatter(bom);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->yaml, "a: 1\r\n");
  EXPECT_EQ(block->body, "body");
  EXPECT_EQ(block->block_bytes, bom.size() - 4);

  std::string dots = "--- \na: 1\n...\t\nbody";
  block = SplitFrontMatter(dots);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->yaml, "a: 1\n");
  EXPECT_EQ(block->body, "body");
}

TEST(SplitFrontMatterTest, EmptyBlockAndClosingMarkerAtTheEnd) {
  std::string empty = "---\n---\ntext";
  auto block = SplitFrontMatter(empty);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->yaml, "");
  EXPECT_EQ(block->body, "text");

  std::string at_end = "---\na: 1\n---";
  block = SplitFrontMatter(at_end);
  ASSERT_TRUE(block.has_value());
  EXPECT_EQ(block->body, "");
  EXPECT_EQ(block->block_bytes, at_end.size());
}

TEST(SplitFrontMatterTest, NoBlockWithoutMarkersOrClosing) {
  std::string none[] = {
      "# Title\n---\na: 1\n---\n",     // not at the start
      "---\na: 1\nno closing line\n",  // never closed: a thematic break
      "----\na: 1\n----\n",            // four dashes are not a marker
      "---",                           // a lone marker
      "",
      " ---\na: 1\n---\n",  // indented
  };
  for (const std::string& doc : none) EXPECT_FALSE(SplitFrontMatter(doc).has_value()) << doc;
}

TEST(ParseFrontMatterTest, TypesPlainScalarsLikeYamlCoreSchema) {
  EXPECT_EQ(ObjectOf("a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\n"),
            R"({"a":true,"b":false,"c":true,"d":"yes","e":"no","f":"on"})");
  EXPECT_EQ(ObjectOf("a: 42\nb: -7\nc: +3\nd: 007\ne: 0x1F\nf: 0o17\ng: 1_000\n"),
            R"({"a":42,"b":-7,"c":3,"d":7,"e":31,"f":15,"g":"1_000"})");
  EXPECT_EQ(ObjectOf("a: 1.5\nb: -2e3\nc: .5\nd: 1.\ne: .inf\nf: .nan\ng: 1e999\n"),
            R"({"a":1.5,"b":-2000,"c":0.5,"d":1,"e":".inf","f":".nan","g":"1e999"})");
  EXPECT_EQ(ObjectOf("a: null\nb: ~\nc:\nd: Null\ne: nULL\n"),
            R"({"a":null,"b":null,"c":null,"d":null,"e":"nULL"})");
  EXPECT_EQ(ObjectOf("a: 2020-01-01\nb: 1.0.0\nc: 9223372036854775807\nd: 9223372036854775808\n"),
            R"({"a":"2020-01-01","b":"1.0.0","c":9223372036854775807,"d":"9223372036854775808"})");
  EXPECT_EQ(ObjectOf("a: -9223372036854775808\n"), R"({"a":-9223372036854775808})");
}

TEST(ParseFrontMatterTest, QuotedBlockAndTaggedScalarsStayStrings) {
  EXPECT_EQ(
      ObjectOf("a: \"true\"\nb: '42'\nc: \"~\"\nd: !!str 3.5\ne: |\n  x\n  y\nf: >\n  p\n  q\n"),
      R"({"a":"true","b":"42","c":"~","d":"3.5","e":"x\ny\n","f":"p q\n"})");
  EXPECT_EQ(ObjectOf("a: !custom 5\n"), R"({"a":5})");
}

TEST(ParseFrontMatterTest, NestedValuesAndOrder) {
  std::string yaml =
      "license:\n- mit\n- apache-2.0\ntrain-eval-index:\n- config: default\n  col_mapping:\n"
      "    text: text\n  splits: {train: train}\nempty_list: []\nempty_map: {}\n";
  EXPECT_EQ(ObjectOf(yaml),
            R"({"license":["mit","apache-2.0"],"train-eval-index":[{"config":"default",)"
            R"("col_mapping":{"text":"text"},"splits":{"train":"train"}}],"empty_list":[],)"
            R"("empty_map":{}})");
  auto parsed = ParseFrontMatter(yaml, 2);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->fields.size(), 4u);
  EXPECT_EQ(parsed->fields[0].key, "license");
  EXPECT_EQ(parsed->fields[0].json, R"(["mit","apache-2.0"])");
}

TEST(ParseFrontMatterTest, KeysThatAreNotStringsBecomeText) {
  EXPECT_EQ(ObjectOf("1: a\ntrue: b\n~: c\n? [x, 2]\n: d\n"),
            R"({"1":"a","true":"b","null":"c","[\"x\",2]":"d"})");
}

TEST(ParseFrontMatterTest, DuplicateKeysKeepFirstPlaceAndLastValue) {
  EXPECT_EQ(ObjectOf("a: 1\nb: 2\na: 3\n"), R"({"a":3,"b":2})");
}

TEST(ParseFrontMatterTest, EmptyOrCommentOnlyBlockIsAnEmptyMapping) {
  EXPECT_EQ(ObjectOf(""), "{}");
  EXPECT_EQ(ObjectOf("# just a comment\n"), "{}");
}

TEST(ParseFrontMatterTest, ErrorsNameTheDocumentLine) {
  // Line 2 of the YAML is line 3 of the document when the YAML starts on line 2.
  auto bad = ParseFrontMatter("a: 1\n  b: 2\n", 2);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "front matter: line 3, column 4: illegal map value");
  EXPECT_EQ(bad.error().code(), StatusCode::kInvalidInput);

  auto unterminated = ParseFrontMatter("a: [1, 2\nb: 3\n", 10);
  ASSERT_FALSE(unterminated.has_value());
  EXPECT_THAT(unterminated.error().message(), HasSubstr("front matter: line 11"));
  EXPECT_THAT(unterminated.error().message(), HasSubstr("end of sequence flow not found"));

  auto nested_value = ParseFrontMatter("ok: 1\na: b: c\n", 2);
  ASSERT_FALSE(nested_value.has_value());
  EXPECT_EQ(nested_value.error().message(), "front matter: line 3, column 5: illegal map value");
}

TEST(ParseFrontMatterTest, TopLevelMustBeAMapping) {
  auto list = ParseFrontMatter("- a\n- b\n", 2);
  ASSERT_FALSE(list.has_value());
  EXPECT_THAT(list.error().message(), HasSubstr("must be a mapping"));
  auto scalar = ParseFrontMatter("just text\n", 2);
  ASSERT_FALSE(scalar.has_value());
  EXPECT_THAT(scalar.error().message(), HasSubstr("not a single value"));
}

TEST(ParseFrontMatterTest, AliasesWork) {
  EXPECT_EQ(ObjectOf("base: &b {k: v}\ncopy: *b\n"), R"({"base":{"k":"v"},"copy":{"k":"v"}})");
}

TEST(ParseFrontMatterTest, AliasCyclesAndBombsAreErrors) {
  auto cycle = ParseFrontMatter("a: &x [*x]\n", 2);
  ASSERT_FALSE(cycle.has_value());
  EXPECT_THAT(cycle.error().message(), HasSubstr("nested deeper than"));

  // Each level doubles the previous one: 2^30 leaves if expanded.
  std::string bomb = "l0: &a0 [x, x]\n";
  for (int i = 1; i <= 30; ++i) {
    bomb += "l" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) +
            ", *a" + std::to_string(i - 1) + "]\n";
  }
  auto expanded = ParseFrontMatter(bomb, 2);
  ASSERT_FALSE(expanded.has_value());
  EXPECT_THAT(expanded.error().message(), HasSubstr("nested aliases"));
}

TEST(ParseFrontMatterTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "a: " + std::string(100, '[') + std::string(100, ']') + "\n";
  auto nested = ParseFrontMatter(deep, 2);
  ASSERT_FALSE(nested.has_value());
  EXPECT_THAT(nested.error().message(), HasSubstr("nested deeper than 64 levels"));

  std::string very_deep = "a: " + std::string(100000, '[') + "\n";
  auto parser_limit = ParseFrontMatter(very_deep, 2);
  ASSERT_FALSE(parser_limit.has_value());
  EXPECT_THAT(parser_limit.error().message(), HasSubstr("front matter:"));
}

}  // namespace
}  // namespace winnow
