#include "winnow/stats/report_html.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "winnow/common/utf8.h"

namespace winnow::test {
DatasetProfile SampleProfile();  // report_fixture_test.cc
}  // namespace winnow::test

namespace winnow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

size_t Count(std::string_view haystack, std::string_view needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

TEST(RenderProfileHtml, IsOneHtml5Page) {
  std::string html = RenderProfileHtml(test::SampleProfile());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("prefers-color-scheme:dark"));
  EXPECT_EQ(Count(html, "<html"), 1u);
  EXPECT_EQ(Count(html, "</html>"), 1u);
  EXPECT_TRUE(IsValidUtf8(html));
}

TEST(RenderProfileHtml, OneSvgPerHistogram) {
  std::string html = RenderProfileHtml(test::SampleProfile());
  // Text length, score, tags length, messages length, turns and last turn; the mixed column's
  // summary has no bins and draws nothing.
  EXPECT_EQ(Count(html, "<svg"), 6u);
  EXPECT_EQ(Count(html, "</svg>"), 6u);
  // A tooltip per bar with range and count, and the min and max under the axis.
  EXPECT_THAT(html, HasSubstr("<title>3 \u2013 123: 400</title>"));
  EXPECT_THAT(html, HasSubstr("<title>1: 400</title>"));  // one-value bin of the tags lengths
  EXPECT_THAT(html, HasSubstr("text-anchor=\"end\">1,203</text>"));
}

TEST(RenderProfileHtml, NoExternalResources) {
  std::string html = RenderProfileHtml(test::SampleProfile());
  for (std::string_view banned :
       {"http://", "https://", "src=", "<link", "@import", "url(", "<script"}) {
    EXPECT_THAT(html, Not(HasSubstr(std::string(banned)))) << banned;
  }
}

TEST(RenderProfileHtml, DatasetTextIsEscaped) {
  std::string html = RenderProfileHtml(test::SampleProfile());
  EXPECT_THAT(html, Not(HasSubstr("<script>alert(1)</script>")));
  // Once as a label value, once as a filler-ending snippet.
  EXPECT_EQ(Count(html, "&lt;script&gt;alert(1)&lt;/script&gt;"), 2u);
  EXPECT_THAT(html, HasSubstr("meta.weird &#34;key&#34; &amp; &lt;b&gt;"));
  EXPECT_THAT(html, HasSubstr("{&#34;text&#34;:&#34;Hello&#34;}"));
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find("\u202E"), std::string::npos);
}

TEST(RenderProfileHtml, Sections) {
  std::string html = RenderProfileHtml(test::SampleProfile());
  EXPECT_THAT(html, HasSubstr("<section id=\"columns\">"));
  EXPECT_THAT(html, HasSubstr("<section id=\"conversations\">"));
  EXPECT_THAT(html, HasSubstr("<section id=\"duplicates\">"));
  EXPECT_THAT(html, HasSubstr("<section id=\"trl\">"));
  EXPECT_EQ(Count(html, "<article class=\"card\" id=\"col-"), 9u);
  EXPECT_THAT(html, HasSubstr("<a href=\"#col-8\">always_null</a>"));
  EXPECT_THAT(html, HasSubstr("1,000"));
  EXPECT_THAT(html, HasSubstr("\u2248950"));
  EXPECT_THAT(html, HasSubstr("language_modeling"));
  EXPECT_THAT(html, HasSubstr("<li>SFTTrainer: accepts as is</li>"));
  EXPECT_THAT(html, HasSubstr("23 (2.3%)"));      // filler endings
  EXPECT_THAT(html, Not(HasSubstr(">Thanks<")));  // three filler examples at most
}

TEST(RenderProfileHtml, EmptyProfile) {
  std::string html = RenderProfileHtml(DatasetProfile{});
  EXPECT_THAT(html, HasSubstr("no columns"));
  EXPECT_THAT(html, HasSubstr("unknown"));
  EXPECT_EQ(Count(html, "<svg"), 0u);
  EXPECT_THAT(html, HasSubstr("</html>"));
}

// A wide profile with long values everywhere stays within a few hundred KB.
TEST(RenderProfileHtml, BigProfilesAreCapped) {
  DatasetProfile profile = test::SampleProfile();
  const std::string long_text(5000, 'x');
  ColumnProfile wide = profile.columns[0];
  wide.string_kind = StringKind::kLabel;
  for (int i = 0; i < 100; ++i) wide.labels.push_back({long_text, 1});
  for (int i = 0; i < 50; ++i)
    wide.longest.push_back(
        {.source = "data/train.jsonl", .line = 1, .length = 5000, .snippet = long_text});
  profile.columns.assign(500, wide);
  std::string html = RenderProfileHtml(profile);
  EXPECT_LT(html.size(), 700u * 1024);
  EXPECT_THAT(html, HasSubstr("more columns are in the JSON report"));
  EXPECT_EQ(Count(html, "<td class=\"mono\">text</td>") + Count(html, "\">text</a></td>"), 500u);
}

}  // namespace
}  // namespace winnow
