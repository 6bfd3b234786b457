// Parser: precedence, syntax errors with positions, and the nesting limits.

#include "winnow/template/parser.h"

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

std::string CompileError(std::string_view source) {
  TemplateOptions options;
  options.name = "chat_template";
  auto compiled = Template::Compile(source, options);
  return compiled ? "no error" : compiled.error().message();
}

TEST(ParserTest, OperatorPrecedenceFollowsJinja) {
  EXPECT_EQ(Render("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}"),
            "7 9 64 4");
  // ~ binds tighter than + and -, as in Jinja2's parser.
  EXPECT_EQ(Render("{{ 1 ~ 2 * 3 }} {{ 'a' ~ (1 + 2) }}"), "16 a3");
  EXPECT_EQ(Render("{{ 1 + 2 ~ 3 }}"),
            "ERROR: <template>:1:6: unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_EQ(Render("{{ not 1 == 2 }} {{ 1 < 2 and 2 < 1 or true }}"), "True True");
  EXPECT_EQ(Render("{{ '  x '|trim ~ '|' }} {{ -1|abs }} {{ 1 + -1|abs }}"), "x| 1 2");
  EXPECT_EQ(Render("{{ 1 if 0 else 2 if 0 else 3 }}"), "3");
  EXPECT_EQ(Render("{{ 2 is even and 3 is odd }} {{ 2 is not even }}"), "True False");
  EXPECT_EQ(Render("{{ 1 in [1] == true }}"), "False");  // chained: 1 in [1] and [1] == true
}

TEST(ParserTest, LiteralsOfEveryKind) {
  EXPECT_EQ(Render("{{ [1, 'a', none, True, false, 1.5, (1,), {'k': [2]}] }}"),
            "[1, 'a', None, True, False, 1.5, (1,), {'k': [2]}]");
  EXPECT_EQ(Render("{{ () }} {{ [] }} {{ {} }} {{ [1,] }} {{ {'a': 1,} }} {{ 1, 2 }}"),
            "() [] {} [1] {'a': 1} (1, 2)");
}

TEST(ParserTest, UnknownFilterSuggestsTheClosestName) {
  EXPECT_EQ(CompileError("{{ x }}\n{{ y }}\n{{ question|trimm }}"),
            "chat_template:3:13: unknown filter 'trimm' (did you mean 'trim'?)");
  EXPECT_EQ(CompileError("{{ x|frobnicate }}"), "chat_template:1:6: unknown filter 'frobnicate'");
  EXPECT_EQ(CompileError("{% if x is definedd %}{% endif %}"),
            "chat_template:1:12: unknown test 'definedd' (did you mean 'defined'?)");
}

TEST(ParserTest, UnclosedBlocksNameWhereTheyOpened) {
  EXPECT_EQ(CompileError("x\n    {% for m in messages %}{{ m }}"),
            "chat_template:2:35: unexpected end of template: unclosed 'for' opened at 2:8");
  EXPECT_EQ(CompileError("{% if a %}{% for x in y %}{% endif %}"),
            "chat_template:1:30: unexpected 'endif' (no open block it could close)");
  EXPECT_EQ(CompileError("{% endfor %}"),
            "chat_template:1:4: unexpected 'endfor' (no open block it could close)");
}

TEST(ParserTest, SyntaxErrorsNameTheToken) {
  EXPECT_EQ(CompileError("{{ }}"), "chat_template:1:4: unexpected '}}', expected an expression");
  EXPECT_EQ(CompileError("{{ a b }}"), "chat_template:1:6: unexpected 'b', expected '}}'");
  EXPECT_EQ(CompileError("{% frob %}"), "chat_template:1:4: unknown tag 'frob'");
  EXPECT_EQ(CompileError("{% include 'x' %}"),
            "chat_template:1:4: the 'include' tag is not supported");
  EXPECT_EQ(CompileError("{% break %}"), "chat_template:1:4: 'break' outside of a loop");
  EXPECT_EQ(CompileError("{% for x in y %}{% macro m() %}{% break %}{% endmacro %}{% endfor %}"),
            "chat_template:1:35: 'break' outside of a loop");
  EXPECT_EQ(CompileError("{% for x y %}"), "chat_template:1:10: unexpected 'y', expected 'in'");
  EXPECT_EQ(CompileError("{{ f(a=1, 2) }}"),
            "chat_template:1:11: positional argument follows keyword argument");
  EXPECT_EQ(CompileError("{{ x[] }}"), "chat_template:1:5: empty subscript");
  EXPECT_EQ(CompileError("{% for x in y recursive %}{% endfor %}"),
            "chat_template:1:4: recursive loops are not supported");
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string parens = std::string(5000, '(') + "1" + std::string(5000, ')');
  EXPECT_NE(CompileError("{{ " + parens + " }}").find("nested too deeply"), std::string::npos);
  std::string lists = std::string(5000, '[') + std::string(5000, ']');
  EXPECT_NE(CompileError("{{ " + lists + " }}").find("nested too deeply"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_NE(CompileError("{{ " + nots + "x }}").find("nested too deeply"), std::string::npos);
  std::string sum = "1";
  for (int i = 0; i < 5000; ++i) sum += "+1";
  EXPECT_NE(CompileError("{{ " + sum + " }}").find("nested too deeply"), std::string::npos);
  std::string attrs = "x";
  for (int i = 0; i < 5000; ++i) attrs += ".a";
  EXPECT_NE(CompileError("{{ " + attrs + " }}").find("nested too deeply"), std::string::npos);
  std::string ifs;
  for (int i = 0; i < 5000; ++i) ifs += "{% if x %}";
  EXPECT_NE(CompileError(ifs).find("nested too deeply"), std::string::npos);
}

TEST(ParserTest, NestingJustUnderTheLimitWorks) {
  std::string ifs, ends;
  for (int i = 0; i < 200; ++i) ifs += "{% if true %}", ends += "{% endif %}";
  EXPECT_EQ(Render(ifs + "deep" + ends), "deep");
  std::string sum = "1";
  for (int i = 0; i < 200; ++i) sum += "+1";
  EXPECT_EQ(Render("{{ " + sum + " }}"), "201");
}

}  // namespace
}  // namespace winnow::jinja
