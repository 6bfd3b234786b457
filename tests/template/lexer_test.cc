// Lexer: tokens and positions, Jinja2's whitespace control, raw blocks and comments.

#include "winnow/template/lexer.h"

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

std::vector<Token> Lex(std::string_view source, LexerOptions options = {}) {
  auto tokens = Tokenize(source, "t", options);
  EXPECT_TRUE(tokens.has_value()) << tokens.error().message();
  return tokens ? *tokens : std::vector<Token>{};
}

std::string LexError(std::string_view source) {
  auto tokens = Tokenize(source, "t", {});
  return tokens ? "no error" : tokens.error().message();
}

TEST(LexerTest, TokensCarryTypesValuesAndPositions) {
  auto tokens = Lex("hi {{ name|f(1, 2.5, 'x\\n') }}\n{% if a >= b %}");
  ASSERT_GE(tokens.size(), 18u);
  EXPECT_EQ(tokens[0].type, TokenType::kText);
  EXPECT_EQ(tokens[0].text, "hi ");
  EXPECT_EQ(tokens[1].type, TokenType::kVarBegin);
  EXPECT_EQ(tokens[1].column, 4);
  EXPECT_EQ(tokens[2].type, TokenType::kName);
  EXPECT_EQ(tokens[2].text, "name");
  EXPECT_EQ(tokens[2].column, 7);
  EXPECT_EQ(tokens[6].type, TokenType::kInt);
  EXPECT_EQ(tokens[6].int_value, 1);
  EXPECT_EQ(tokens[8].type, TokenType::kFloat);
  EXPECT_DOUBLE_EQ(tokens[8].float_value, 2.5);
  EXPECT_EQ(tokens[10].type, TokenType::kString);
  EXPECT_EQ(tokens[10].text, "x\n");
  EXPECT_EQ(tokens[12].type, TokenType::kVarEnd);
  EXPECT_EQ(tokens[13].type, TokenType::kText);
  EXPECT_EQ(tokens[14].type, TokenType::kBlockBegin);
  EXPECT_EQ(tokens[14].line, 2);
  EXPECT_EQ(tokens[14].column, 1);
  EXPECT_EQ(tokens[17].text, ">=");
  EXPECT_EQ(tokens.back().type, TokenType::kEnd);
}

TEST(LexerTest, NumberLiterals) {
  EXPECT_EQ(Render("{{ 1_000 }} {{ 0x1f }} {{ 0b101 }} {{ 0o17 }} {{ 1.5e3 }} {{ 2E-2 }}"),
            "1000 31 5 15 1500.0 0.02");
  EXPECT_EQ(Render("{{ x.0.1 }}", R"({"x": [[5, 6]]})"), "6");  // not the float 0.1
}

TEST(LexerTest, StringEscapes) {
  EXPECT_EQ(Render(R"({{ 'a\tb' }}|{{ "q\"q" }}|{{ '\u00e9\x41' }}|{{ 'it\'s' }}|{{ '\d' }})"),
            "a\tb|q\"q|éA|it's|\\d");
  EXPECT_EQ(Render("{{ 'a' \"b\" }}"), "ab");
}

TEST(LexerTest, BracesInsideExpressionsDoNotCloseTheTag) {
  EXPECT_EQ(Render("{{ {'a': {'b': 1}}['a']['b'] }}"), "1");
  EXPECT_EQ(Render("{{ {'a': 1} }}"), "{'a': 1}");
}

TEST(LexerTest, MinusStripsWhitespaceOnThatSide) {
  EXPECT_EQ(Render("a  {%- if true -%}  b  {%- endif -%}  c"), "abc");
  EXPECT_EQ(Render("a\n  {{- 'b' -}}\n  c"), "abc");
  EXPECT_EQ(Render("a {#- c -#} b"), "ab");
  EXPECT_EQ(Render("{{ 5 -}} 3"), "53");
  EXPECT_EQ(Render("{{ 5 - 3 }}"), "2");
}

TEST(LexerTest, TrimBlocksDropsTheNewlineAfterBlockTagsOnly) {
  TemplateOptions trim;
  trim.trim_blocks = true;
  const char* list = "<ul>\n{% for x in xs %}\n  <li>{{ x }}</li>\n{% endfor %}\n</ul>\n";
  EXPECT_EQ(Render(list, R"({"xs": [1, 2]})"), "<ul>\n\n  <li>1</li>\n\n  <li>2</li>\n\n</ul>");
  EXPECT_EQ(Render(list, R"({"xs": [1, 2]})", trim), "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>");
  EXPECT_EQ(Render("{{ 'a' }}\n{{ 'b' }}\n", "", trim), "a\nb");
  EXPECT_EQ(Render("{# c #}\nx", "", trim), "x");
}

TEST(LexerTest, LstripBlocksStripsIndentBeforeBlockTags) {
  TemplateOptions both;
  both.trim_blocks = true;
  both.lstrip_blocks = true;
  TemplateOptions lstrip;
  lstrip.lstrip_blocks = true;
  const char* list = "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n";
  EXPECT_EQ(Render(list, R"({"xs": [1, 2]})", both), "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>");
  EXPECT_EQ(Render(list, R"({"xs": [1, 2]})", lstrip),
            "<ul>\n\n  <li>1</li>\n\n  <li>2</li>\n\n</ul>");
  EXPECT_EQ(Render("a {% if true %}b{% endif %}\n c", "", both), "a b c");  // not at line start
  EXPECT_EQ(Render("  {# comment #}\nx", "", both), "x");
  EXPECT_EQ(Render("  {{ 'v' }}", "", both), "  v");  // never before {{ }}
}

TEST(LexerTest, PlusDisablesLstripAndTrim) {
  TemplateOptions both;
  both.trim_blocks = true;
  both.lstrip_blocks = true;
  EXPECT_EQ(Render("  {%+ if true %}x{% endif +%}\ny", "", both), "  x\ny");
}

TEST(LexerTest, TrailingNewlineIsDroppedUnlessKept) {
  EXPECT_EQ(Render("line\n\n"), "line\n");
  TemplateOptions keep;
  keep.keep_trailing_newline = true;
  EXPECT_EQ(Render("line\n", "", keep), "line\n");
  EXPECT_EQ(Render("x\r\ny\r\n", "", keep), "x\ny\n");
}

TEST(LexerTest, RawBlocksAndComments) {
  EXPECT_EQ(Render("{% raw %}{{ not processed }}{% endraw %}"), "{{ not processed }}");
  EXPECT_EQ(Render("{% raw -%}  x  {%- endraw %}"), "x");
  TemplateOptions both;
  both.trim_blocks = true;
  both.lstrip_blocks = true;
  EXPECT_EQ(Render("  {% raw %}\n{{x}}\n  {% endraw %}\ny", "", both), "\n{{x}}\ny");
  EXPECT_EQ(Render("{# comment #}x{# another\nmulti #}y"), "xy");
  EXPECT_EQ(Render("{ not a tag }"), "{ not a tag }");
}

TEST(LexerTest, ErrorsNameThePlace) {
  EXPECT_EQ(LexError("ab\n  {{ x"), "t:2:3: unclosed '{{' (expected '}}')");
  EXPECT_EQ(LexError("{% if x"), "t:1:1: unclosed block tag (expected '%}')");
  EXPECT_EQ(LexError("x {# never"), "t:1:3: unclosed comment (expected '#}')");
  EXPECT_EQ(LexError("{% raw %}x"), "t:1:1: unclosed 'raw' block (expected '{% endraw %}')");
  EXPECT_EQ(LexError("{{ 'abc }}"), "t:1:4: unterminated string literal");
  EXPECT_EQ(LexError("{{ a $ b }}"), "t:1:6: unexpected character '$'");
  EXPECT_EQ(LexError("{{ 99999999999999999999 }}"), "t:1:4: number literal out of range");
  EXPECT_EQ(LexError("{{ '\\u12' }}"), "t:1:5: truncated \\u escape");
}

}  // namespace
}  // namespace winnow::jinja
