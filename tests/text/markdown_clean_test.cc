#include "winnow/text/markdown_clean.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

uint64_t CategorySum(const MarkdownCleanStats& s) {
  return s.front_matter + s.html_comments + s.html_tags + s.badges + s.images + s.link_urls +
         s.code_blocks + s.tables + s.whitespace;
}

// Cleans `markdown` and checks what must hold for any input: every removed byte is counted once.
std::string Clean(std::string_view markdown, const MarkdownCleanOptions& options = {},
                  MarkdownCleanStats* stats_out = nullptr) {
  MarkdownCleanStats stats;
  std::string out = CleanMarkdown(markdown, options, &stats);
  EXPECT_EQ(stats.documents, 1u);
  EXPECT_EQ(stats.bytes_in, markdown.size());
  EXPECT_EQ(stats.bytes_out, out.size());
  EXPECT_LE(stats.bytes_out, stats.bytes_in);
  EXPECT_EQ(CategorySum(stats), stats.bytes_in - stats.bytes_out) << markdown;
  if (stats_out) *stats_out = stats;
  return out;
}

TEST(MarkdownCleanTest, KeepsHeadingsProseAndLists) {
  std::string doc =
      "# Title\n\nSome *prose* with **emphasis**.\nSecond line.\n\n## Section\n\n- item one\n"
      "  - nested item\n1. first\n2. second\n\n> a quote\n";
  EXPECT_EQ(Clean(doc), doc.substr(0, doc.size() - 1));
}

TEST(MarkdownCleanTest, RemovesHtmlComments) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("before <!-- hidden --> after\n", {}, &stats), "before after");
  EXPECT_EQ(stats.html_comments, 15u);
  EXPECT_EQ(Clean("a\n\n<!-- line one\n\nline two -->\n\nb\n", {}, &stats), "a\n\nb");
  EXPECT_EQ(stats.html_comments, 27u);
  EXPECT_EQ(Clean("text\n<!-- note --> tail\nmore\n"), "text\ntail\nmore");
  EXPECT_EQ(Clean("para <!-- one\nline --> end\n"), "para end");
}

TEST(MarkdownCleanTest, UnterminatedCommentStaysText) {
  // No "-->" anywhere after it: kept rather than swallowing the rest of the document.
  EXPECT_EQ(Clean("a <!-- never closed\n\n# Heading\n\nProse.\n"),
            "a <!-- never closed\n\n# Heading\n\nProse.");
  EXPECT_EQ(Clean("<!-- open\n\nStill here.\n"), "<!-- open\n\nStill here.");
  // Inline comments do not cross blank lines.
  EXPECT_EQ(Clean("a <!-- x\n\ny --> b\n"), "a <!-- x\n\ny --> b");
}

TEST(MarkdownCleanTest, RemovesHtmlTagsKeepingText) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("Some <b>bold</b> and <a href=\"x.html\" title='t'>link</a>.\n", {}, &stats),
            "Some bold and link.");
  EXPECT_EQ(stats.html_tags, 3u + 4u + 27u + 4u);
  EXPECT_EQ(Clean("<p align=\"center\">\n  <img src=\"logo.png\" width=200/>\n</p>\n\nText\n"),
            "Text");
  EXPECT_EQ(Clean("<details>\n  <summary>Click to expand</summary>\n\nHidden text\n</details>\n"),
            "Click to expand\n\nHidden text");
  EXPECT_EQ(Clean("a<br>b<br/>c<BR />d\n"), "a b c d");
  EXPECT_EQ(Clean("| x<br>y |\n|---|\n| <td>1</td><td>2</td> |\n"), "| x y |\n|---|\n| 1 2 |");
}

TEST(MarkdownCleanTest, DropsScriptAndStyleContents) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("a <script>alert('<b>x</b>')</script> b\n", {}, &stats), "a b");
  EXPECT_EQ(stats.html_tags, 34u);
  EXPECT_EQ(Clean("<style>\nbody { color: red; }\n\n.x {}\n</style>\n\nText\n"), "Text");
  // Unclosed: only the tag goes.
  EXPECT_EQ(Clean("<script>\nvar x;\n"), "var x;");
}

TEST(MarkdownCleanTest, KeepsAngleBracketsThatAreNotHtml) {
  std::string doc =
      "Words replaced with <unk> and <N>; sizes 10K<n<100K; see <www.cnn.com>; a < b > c; "
      "<org>/<repo>\n";
  EXPECT_EQ(Clean(doc), doc.substr(0, doc.size() - 1));
}

TEST(MarkdownCleanTest, RemovesBadges) {
  MarkdownCleanStats stats;
  std::string doc =
      "# Project\n"
      "[![Build](https://travis-ci.org/x/y.svg?branch=main)](https://travis-ci.org/x/y) "
      "[![PyPI](https://img.shields.io/pypi/v/y)](https://pypi.org/project/y/)\n"
      "Text after badges.\n";
  EXPECT_EQ(Clean(doc, {}, &stats), "# Project\nText after badges.");
  EXPECT_EQ(stats.badges, 80u + 71u);
  EXPECT_EQ(stats.images, 0u);
  // A shields.io image without a link is a badge too; alt text is not kept for badges.
  MarkdownCleanOptions keep_alt;
  keep_alt.keep_image_alt = true;
  EXPECT_EQ(Clean("x ![license](https://img.shields.io/badge/license-MIT-green) y\n", keep_alt),
            "x y");
  // Reference-style badge.
  EXPECT_EQ(Clean("[![ci][ci-img]][ci-url] text\n\n[ci-img]: https://x/badge.svg\n"
                  "[ci-url]: https://x/actions\n"),
            "text");
}

TEST(MarkdownCleanTest, RemovesImagesOrKeepsAltText) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("See ![a chart](img/chart.png \"Chart\") here.\n", {}, &stats), "See here.");
  EXPECT_EQ(Clean("A chart ![x](c.png).\n"), "A chart.");
  EXPECT_EQ(stats.images, 33u);
  MarkdownCleanOptions keep_alt;
  keep_alt.keep_image_alt = true;
  EXPECT_EQ(Clean("See ![a *chart*](img/chart.png) here.\n", keep_alt, &stats),
            "See a *chart* here.");
  EXPECT_EQ(stats.images, 18u);
  EXPECT_EQ(Clean("![only an image](x.png)\n\nText\n"), "Text");
}

TEST(MarkdownCleanTest, RemovesLinkUrlsKeepingText) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("Read [the docs](https://x.org/docs \"Docs\") now.\n", {}, &stats),
            "Read the docs now.");
  EXPECT_EQ(stats.link_urls, 29u);
  EXPECT_EQ(Clean("[a (b)](https://en.wikipedia.org/wiki/A_(b)) [<x>](<url with space>)\n"),
            "a (b) <x>");
  EXPECT_EQ(Clean("[**bold** and `code`](u)\n"), "**bold** and `code`");
  EXPECT_EQ(Clean("[outer [inner](a) text](b)\n"), "outer inner text");
  EXPECT_EQ(Clean("[text\nacross lines](u) ok\n"), "text\nacross lines ok");
  EXPECT_EQ(Clean("- [Dataset Description](#dataset-description)\n"), "- Dataset Description");
  // Not links: kept as written.
  EXPECT_EQ(Clean("[More Information Needed]\n"), "[More Information Needed]");
  EXPECT_EQ(Clean("a [b] (c) [d]( e f ) [^1]\n"), "a [b] (c) [d]( e f ) [^1]");
  EXPECT_EQ(Clean("`[not](a link)` and \\[escaped](x)\n"), "`[not](a link)` and \\[escaped](x)");
}

TEST(MarkdownCleanTest, ResolvesReferenceLinksAndDropsDefinitions) {
  MarkdownCleanStats stats;
  std::string doc =
      "Use [the tool][tool], [Tool][], [tool] and [missing][nope].\n\n"
      "[tool]: https://example.com/tool \"The tool\"\n"
      "[other]: <https://example.com/other>\n";
  EXPECT_EQ(Clean(doc, {}, &stats), "Use the tool, Tool, tool and [missing][nope].");
  EXPECT_EQ(stats.link_urls, 8u + 4u + 2u + 43u + 36u);
  // A definition cannot interrupt a paragraph: then it is prose.
  EXPECT_EQ(Clean("para\n[x]: http://a\n"), "para\n[x]: http://a");
  // A footnote definition is not a link definition.
  EXPECT_EQ(Clean("[^1]: The note.\n"), "[^1]: The note.");
}

TEST(MarkdownCleanTest, AutolinksAndBareUrls) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("at <https://github.com/x/y>.\n", {}, &stats), "at https://github.com/x/y.");
  EXPECT_EQ(stats.link_urls, 2u);
  MarkdownCleanOptions drop;
  drop.drop_autolinks = true;
  drop.drop_bare_urls = true;
  EXPECT_EQ(Clean("at <https://github.com/x/y>.\n", drop), "at.");
  EXPECT_EQ(Clean("see https://a.org/x_(y), or www.b.com/z. Also http://c.io/p?q=1!\n", drop),
            "see, or. Also!");
  EXPECT_EQ(Clean("the https://a.org/x url\n"), "the https://a.org/x url");
  EXPECT_EQ(Clean("nohttps://a.org `http://code`\n", drop), "nohttps://a.org `http://code`");
}

TEST(MarkdownCleanTest, KeepsCodeBlocksVerbatim) {
  std::string doc =
      "Intro\n\n```python\nx = \"[a](b) <!-- c --> <b>\"   \n\n\n\ny = 1\n```\n\n~~~\n<br>\n~~~\n\n"
      "    indented [x](y)\n    more\n\nAfter\n";
  EXPECT_EQ(
      Clean(doc),
      "Intro\n\n```python\nx = \"[a](b) <!-- c --> <b>\"   \n\n\n\ny = 1\n```\n\n~~~\n<br>\n~~~"
      "\n\n    indented [x](y)\n    more\n\nAfter");
}

TEST(MarkdownCleanTest, DropsCodeBlocksWhenAsked) {
  MarkdownCleanOptions options;
  options.drop_code_blocks = true;
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("Intro\n```\ncode\n```\nAfter\n\n    indented\n\nEnd\n", options, &stats),
            "Intro\n\nAfter\n\nEnd");
  EXPECT_EQ(stats.code_blocks, 12u + 12u);
  // An unclosed fence runs to the end, as in CommonMark.
  EXPECT_EQ(Clean("Intro\n\n```\nnever closed\n\nmore\n", options), "Intro");
}

TEST(MarkdownCleanTest, IndentedLinesInListsAreNotCode) {
  MarkdownCleanOptions options;
  options.drop_code_blocks = true;
  std::string doc =
      "- item\n\n    continued [link](u)\n\n1. step\n    ```bash\n    pip x\n    ```\n";
  EXPECT_EQ(Clean(doc, options), "- item\n\n    continued link\n\n1. step");
}

TEST(MarkdownCleanTest, TablesKeptWithCellsCleanedOrDropped) {
  std::string doc =
      "Text\n| Name | Link |\n|:-----|-----:|\n| a    | [x](http://x) |\n| b \\| c | <b>y</b> |\n"
      "\nAfter\n";
  EXPECT_EQ(Clean(doc),
            "Text\n| Name | Link |\n|:-----|-----:|\n| a | x |\n| b \\| c | y |\n\nAfter");
  MarkdownCleanOptions options;
  options.drop_tables = true;
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean(doc, options, &stats), "Text\n\nAfter");
  EXPECT_EQ(stats.tables, 78u);
  // A delimiter row with another number of cells, or none, makes no table.
  EXPECT_EQ(Clean("a | b\n---\n", options), "a | b\n---");
  EXPECT_EQ(Clean("a | b\n| - |\n", options), "a | b\n| - |");
}

TEST(MarkdownCleanTest, CollapsesWhitespace) {
  MarkdownCleanStats stats;
  EXPECT_EQ(Clean("\n\n# T   \n\n\n\nword   word\t\tword  \n\n\n", {}, &stats),
            "# T\n\nword word word");
  EXPECT_EQ(stats.whitespace, stats.bytes_in - stats.bytes_out);
  EXPECT_EQ(Clean("a\r\nb\r\n\r\n\r\nc"), "a\nb\n\nc");
  EXPECT_EQ(Clean("\xEF\xBB\xBFtext"), "text");
  EXPECT_EQ(Clean("- a\n    - deep\n\t- tab\n"), "- a\n    - deep\n\t- tab");
  EXPECT_EQ(Clean(""), "");
  EXPECT_EQ(Clean("   \n\n \t \n"), "");
}

TEST(MarkdownCleanTest, LinesLeftEmptyByRemovalsDoNotSplitParagraphs) {
  EXPECT_EQ(Clean("first\n<img src=\"x.png\">\nsecond\n"), "first\nsecond");
  EXPECT_EQ(Clean("first\n![x](y.png)\nsecond\n"), "first\nsecond");
}

TEST(MarkdownCleanTest, KeepsUtf8Valid) {
  std::string doc =
      "# Überschrift 日本語\n\nTexte [liên kết](https://x.vn/ü) émoji 🎉 <b>gras</b> "
      "![图](a.png)<!-- コメント -->fin\n";
  std::string out = Clean(doc);
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out, "# Überschrift 日本語\n\nTexte liên kết émoji 🎉 gras fin");
}

TEST(CleanMarkdownDocumentTest, SplitsFrontMatterAndCountsIt) {
  MarkdownCleanStats stats;
  std::string doc = "---\nlicense: mit\ntags: [a, b]\n---\n\n# Card\n\nText.\n";
  auto cleaned = CleanMarkdownDocument(doc, {}, &stats);
  ASSERT_TRUE(cleaned.has_value());
  EXPECT_EQ(cleaned->text, "# Card\n\nText.");
  ASSERT_TRUE(cleaned->front_matter.has_value());
  EXPECT_EQ(cleaned->front_matter->ObjectJson(), R"({"license":"mit","tags":["a","b"]})");
  EXPECT_EQ(stats.front_matter, 34u);
  EXPECT_EQ(stats.bytes_in, doc.size());
  EXPECT_EQ(CategorySum(stats), stats.bytes_in - stats.bytes_out);

  auto plain = CleanMarkdownDocument("# No front matter\n", {}, &stats);
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(plain->front_matter.has_value());
}

TEST(CleanMarkdownDocumentTest, BadFrontMatterIsAnErrorAndCountsNothing) {
  MarkdownCleanStats stats;
  auto bad = CleanMarkdownDocument("---\ntitle: x\n  bad: indent\n---\nText\n", {}, &stats);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "front matter: line 3, column 6: illegal map value");
  EXPECT_EQ(stats.documents, 0u);
  EXPECT_EQ(stats.bytes_in, 0u);
}

// Adversarial inputs, about 1 MB each: each must finish quickly (a quadratic scan would take
// minutes) and keep the invariants. Built lazily, so other tests' processes do not pay for them.
struct Adversarial {
  const char* name;
  std::string (*make)();
};

constexpr size_t kAdversarialBytes = 1 << 20;

std::string Repeat(std::string_view unit, size_t bytes = kAdversarialBytes) {
  std::string out;
  while (out.size() < bytes) out += unit;
  return out;
}

class MarkdownAdversarialTest : public ::testing::TestWithParam<Adversarial> {};

TEST_P(MarkdownAdversarialTest, IsFastAndConsistent) {
  const std::string input = GetParam().make();
  auto start = std::chrono::steady_clock::now();
  MarkdownCleanOptions all;
  all.keep_image_alt = true;
  all.drop_bare_urls = true;
  Clean(input);
  Clean(input, all);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);  // generous for sanitizer builds; about 1 s in a Debug build
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, MarkdownAdversarialTest,
    ::testing::Values(Adversarial{"OpenBrackets", [] { return Repeat("["); }},
                      Adversarial{"CloseBrackets", [] { return Repeat("]"); }},
                      Adversarial{"NestedBrackets",
                                  [] {
                                    return std::string(kAdversarialBytes / 2, '[') + "x" +
                                           std::string(kAdversarialBytes / 2, ']') + "(u)";
                                  }},
                      Adversarial{"UnclosedDestinations", [] { return Repeat("[a]("); }},
                      Adversarial{"UnclosedTitles", [] { return Repeat("![a](b \""); }},
                      Adversarial{"UnclosedParenTitles", [] { return Repeat("[a](b ("); }},
                      Adversarial{"UnclosedComments", [] { return Repeat("<!--"); }},
                      Adversarial{"UnclosedCommentLines", [] { return Repeat("<!-- a\n"); }},
                      Adversarial{"UnclosedAttributes", [] { return Repeat("<a x=\""); }},
                      Adversarial{"UnclosedTags", [] { return Repeat("<a x='y' "); }},
                      Adversarial{"UnclosedScripts", [] { return Repeat("<script>"); }},
                      Adversarial{"UnclosedScriptBlocks", [] { return Repeat("<script>\n"); }},
                      Adversarial{"UnclosedAutolinks", [] { return Repeat("<http://x"); }},
                      Adversarial{"Backticks", [] { return Repeat("`"); }},
                      Adversarial{"BacktickRunsOfEveryLength",
                                  [] {
                                    std::string s;
                                    for (size_t n = 1; s.size() < kAdversarialBytes; ++n) {
                                      s += std::string(n, '`') + "x";
                                    }
                                    return s;
                                  }},
                      Adversarial{"Fences", [] { return Repeat("```\n"); }},
                      Adversarial{"PipeLines", [] { return Repeat("| a |\n"); }},
                      Adversarial{"Tables", [] { return Repeat("a|b\n-|-\n"); }},
                      Adversarial{"IndentedCode", [] { return Repeat("    x\n\n"); }},
                      Adversarial{"References", [] { return Repeat("[x]: y\n") + Repeat("[x] "); }},
                      Adversarial{"Badges", [] { return Repeat("[![a](b)](c)"); }},
                      Adversarial{"Backslashes", [] { return Repeat("\\"); }},
                      Adversarial{"BareUrls", [] { return Repeat("https://"); }},
                      Adversarial{"Spaces", [] { return Repeat(" \t"); }},
                      Adversarial{"Newlines", [] { return Repeat("\n"); }},
                      Adversarial{"CarriageReturns", [] { return Repeat("\r"); }},
                      Adversarial{"Nuls", [] { return std::string(kAdversarialBytes, '\0'); }}),
    [](const ::testing::TestParamInfo<Adversarial>& info) { return info.param.name; });

TEST(MarkdownCleanTest, DeepNestingNeedsNoRecursion) {
  const size_t depth = 200000;
  std::string nested;
  for (size_t i = 0; i < depth; ++i) nested += "[";
  nested += "x";
  for (size_t i = 0; i < depth; ++i) nested += "](u)";
  EXPECT_EQ(Clean(nested), "x");
  std::string images;
  for (size_t i = 0; i < depth; ++i) images += "![";
  images += "x";
  for (size_t i = 0; i < depth; ++i) images += "](u)";
  MarkdownCleanOptions keep_alt;
  keep_alt.keep_image_alt = true;
  EXPECT_EQ(Clean(images, keep_alt), "x");
  EXPECT_EQ(Clean(images), "");
}

}  // namespace
}  // namespace winnow
