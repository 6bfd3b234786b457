// Renderer: statements, scoping, loops, macros, undefined values and runtime errors.

#include "winnow/template/evaluator.h"

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

TEST(EvaluatorTest, VariablesAttributesAndItems) {
  const char* context = R"({"a": {"b": "x", "l": [1, 2, 3]}, "s": "héllo"})";
  EXPECT_EQ(Render("{{ a.b }} {{ a['b'] }} {{ a.l[0] }} {{ a.l[-1] }} {{ a.l.1 }}", context),
            "x x 1 3 2");
  EXPECT_EQ(Render("[{{ a.c }}][{{ a.l[9] }}][{{ s[1] }}][{{ s[-1] }}]", context), "[][][é][o]");
}

TEST(EvaluatorTest, Slices) {
  EXPECT_EQ(
      Render("{{ [1,2,3,4][1:] }} {{ [1,2,3,4][:-1] }} {{ [1,2,3,4][::2] }} {{ [1,2,3][::-1] }}"),
      "[2, 3, 4] [1, 2, 3] [1, 3] [3, 2, 1]");
  EXPECT_EQ(Render("{{ 'héllo'[1:3] }} {{ 'abc'[::-1] }} {{ 'hello'[10:] }}|{{ [1,2,3][-2:] }}"),
            "él cba |[2, 3]");
  EXPECT_EQ(Render("{{ [1,2][::0] }}"), "ERROR: <template>:1:9: slice step cannot be zero");
}

TEST(EvaluatorTest, IfElifElse) {
  const char* source = "{% if a %}A{% elif b %}B{% else %}C{% endif %}";
  EXPECT_EQ(Render(source, R"({"a": 1, "b": 1})"), "A");
  EXPECT_EQ(Render(source, R"({"a": 0, "b": "x"})"), "B");
  EXPECT_EQ(Render(source, R"({"a": [], "b": {}})"), "C");
  EXPECT_EQ(Render(source), "C");
}

TEST(EvaluatorTest, ForLoopVariables) {
  EXPECT_EQ(
      Render("{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}"
             "{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}",
             R"({"xs": ["a", "b"]})"),
      "1021TrueFalse2|2110FalseTrue2|");
  EXPECT_EQ(Render("{% for x in xs %}{{ loop.previtem }}-{{ loop.nextitem }}|{% endfor %}",
                   R"({"xs": [1, 2, 3]})"),
            "-2|1-3|2-|");
  EXPECT_EQ(Render("{% for x in xs %}{{ loop.cycle('odd', 'even') }} {% endfor %}",
                   R"({"xs": [1, 2, 3]})"),
            "odd even odd ");
  EXPECT_EQ(Render("{% for x in [1] %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}"), "10");
  EXPECT_EQ(Render("{% for x in [1] %}{% set l = loop %}{{ l.index }}{{ l.last }}{% endfor %}"),
            "1True");
}

TEST(EvaluatorTest, ForLoopFilterElseAndIterables) {
  EXPECT_EQ(Render("{% for x in xs if x > 1 %}{{ loop.index }}:{{ x }} {% else %}empty{% endfor %}",
                   R"({"xs": [1, 2, 3]})"),
            "1:2 2:3 ");
  EXPECT_EQ(Render("{% for x in [] %}x{% else %}empty{% endfor %}"), "empty");
  EXPECT_EQ(Render("{% for x in missing %}x{% else %}none{% endfor %}"), "none");
  EXPECT_EQ(Render("{% for k in d %}{{ k }};{% endfor %}", R"({"d": {"b": 1, "a": 2}})"), "b;a;");
  EXPECT_EQ(Render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
                   R"({"d": {"b": 1, "a": 2}})"),
            "b=1;a=2;");
  EXPECT_EQ(Render("{% for c in 'héy' %}{{ c }}.{% endfor %}"), "h.é.y.");
  EXPECT_EQ(Render("{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }} {% endfor %}"), "3 7 ");
  EXPECT_EQ(Render("{% for x in 5 %}{% endfor %}"),
            "ERROR: <template>:1:13: 'int' object is not iterable");
  EXPECT_EQ(Render("{% for a, b in [(1, 2, 3)] %}{% endfor %}"),
            "ERROR: <template>:1:4: too many values to unpack (expected 2)");
}

TEST(EvaluatorTest, BreakAndContinue) {
  EXPECT_EQ(Render("{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}"
                   "{% if x == 5 %}{% break %}{% endif %}{{ x }}{% endfor %}"),
            "0134");
  EXPECT_EQ(
      Render("{% for x in range(3) %}{% for y in range(3) %}{% if y == 1 %}{% break %}{% endif %}"
             "{{ x }}{{ y }} {% endfor %}{% endfor %}"),
      "00 10 20 ");
}

TEST(EvaluatorTest, SetScopingAndNamespaces) {
  EXPECT_EQ(
      Render(
          "{% set x = 1 %}{% for i in range(3) %}{% set x = x + i %}{{ x }}{% endfor %}|{{ x }}"),
      "123|1");  // each iteration starts from the outer x
  EXPECT_EQ(Render("{% set ns = namespace(total=0) %}{% for i in range(4) %}"
                   "{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}"),
            "6");
  EXPECT_EQ(Render("{% set ns = namespace() %}{% set ns.a = 'x' %}{{ ns.a }}"), "x");
  EXPECT_EQ(Render("{% set a, b = 1, 2 %}{{ a }}{{ b }}"), "12");
  EXPECT_EQ(Render("{% set d = {} %}{% set d.x = 1 %}"),
            "ERROR: <template>:1:20: cannot assign attribute 'x' on 'd': only namespace() objects "
            "can be changed");
  EXPECT_EQ(Render("{% set ns = namespace() %}{% set ns.self = [ns] %}"),
            "ERROR: <template>:1:30: cannot store a namespace inside itself");
}

TEST(EvaluatorTest, SetBlocks) {
  EXPECT_EQ(Render("{% set t %}Hello {{ name }}{% endset %}[{{ t }}]", R"({"name": "W"})"),
            "[Hello W]");
  EXPECT_EQ(Render("{% set t | upper | replace('L', 'l') %}hello{% endset %}{{ t }}"), "HEllO");
}

TEST(EvaluatorTest, Macros) {
  EXPECT_EQ(Render("{% macro greet(name, greeting='Hi') %}{{ greeting }} {{ name }}!{% endmacro %}"
                   "{{ greet('A') }} {{ greet('B', greeting='Yo') }} {{ greet(name='C') }}"),
            "Hi A! Yo B! Hi C!");
  EXPECT_EQ(Render("{% macro m(x) %}{{ x }}{{ y }}{% endmacro %}{% set y = 'Y' %}{{ m(1) }}"),
            "1Y");
  EXPECT_EQ(Render("{% macro m() %}{{ v }}{% endmacro %}{% for v in [1] %}[{{ m() }}]{% endfor %}"),
            "[]");
  // A macro defined inside a loop sees the loop's variables as they were (a closure).
  EXPECT_EQ(
      Render("{% for x in [1, 2] %}{% macro f() %}{{ x }}{% endmacro %}{{ f() }}{% endfor %}"),
      "12");
  EXPECT_EQ(
      Render(
          "{% macro outer(a) %}{% macro inner() %}{{ a }}{% endmacro %}{{ inner() }}{% endmacro %}"
          "{{ outer('z') }}"),
      "z");
  EXPECT_EQ(Render("{% macro m(a, b=a) %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}"), "11");
  // A namespace holding a macro that captured it is fine: closures live in the renderer.
  EXPECT_EQ(
      Render("{% for i in [1] %}{% set ns = namespace() %}{% macro f() %}{{ ns.v }}{% endmacro %}"
             "{% set ns.f = f %}{% set ns.v = 'v' %}{{ ns.f() }}{% endfor %}"),
      "v");
  EXPECT_EQ(
      Render(
          "{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(3) }}"),
      "321");
  EXPECT_EQ(Render("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}"),
            "ERROR: <template>:1:35: macro 'm' takes 1 arguments, got 2");
  EXPECT_EQ(Render("{% macro m(a) %}{% endmacro %}{{ m(b=1) }}"),
            "ERROR: <template>:1:35: macro 'm' got an unexpected argument 'b'");
}

TEST(EvaluatorTest, FilterWithGenerationAndBlockTags) {
  EXPECT_EQ(Render("{% filter upper %}abc {{ 'd' }}{% endfilter %}"), "ABC D");
  EXPECT_EQ(Render("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]"), "3[]");
  EXPECT_EQ(Render("A{% generation %}{{ 'B' }}{% endgeneration %}C"), "ABC");
  EXPECT_EQ(Render("{% block body %}x{% endblock %}{% block b2 scoped %}y{% endblock b2 %}"), "xy");
}

TEST(EvaluatorTest, DefaultUndefinedIsLenient) {
  EXPECT_EQ(Render("[{{ missing }}][{{ missing is defined }}][{{ missing|default('d') }}]"),
            "[][False][d]");
  EXPECT_EQ(
      Render("{% if missing %}y{% else %}n{% endif %}{{ missing|length }}{{ missing == none }}"),
      "n0False");
  EXPECT_EQ(Render("{{ 'a' if false }}|{{ x.y is defined }}", R"({"x": {}})"), "|False");
}

TEST(EvaluatorTest, UsingUndefinedDeeplyIsAnError) {
  EXPECT_EQ(Render("{{ missing.attr }}"), "ERROR: <template>:1:11: 'missing' is undefined");
  EXPECT_EQ(Render("{{ a.missing.attr }}", R"({"a": {}})"),
            "ERROR: <template>:1:13: 'dict object' has no attribute 'missing'");
  EXPECT_EQ(Render("{{ missing + 1 }}"), "ERROR: <template>:1:12: 'missing' is undefined");
  EXPECT_EQ(Render("{{ missing() }}"), "ERROR: <template>:1:11: 'missing' is undefined");
  EXPECT_EQ(Render("{{ [1].nope() }}"),
            "ERROR: <template>:1:12: 'list object' has no attribute 'nope'");
}

TEST(EvaluatorTest, StrictUndefined) {
  TemplateOptions strict;
  strict.strict_undefined = true;
  strict.name = "prompt";
  EXPECT_EQ(Render("Q: {{ question }}", "", strict), "ERROR: prompt:1:7: 'question' is undefined");
  EXPECT_EQ(Render("{% for x in xs %}{% endfor %}", "", strict),
            "ERROR: prompt:1:13: 'xs' is undefined");
  EXPECT_EQ(Render("{% if flag %}{% endif %}", "", strict),
            "ERROR: prompt:1:7: 'flag' is undefined");
  EXPECT_EQ(Render("{{ a == 1 }}", "", strict), "ERROR: prompt:1:9: 'a' is undefined");
  EXPECT_EQ(Render("{{ a ~ 'x' }}", "", strict), "ERROR: prompt:1:6: 'a' is undefined");
  EXPECT_EQ(Render("{{ q is defined }} {{ q|default('d') }} {{ q is undefined }}", "", strict),
            "False d True");
  EXPECT_EQ(Render("{{ question }}", R"({"question": "ok"})", strict), "ok");
}

TEST(EvaluatorTest, GlobalsAndRaiseException) {
  EXPECT_EQ(Render("{{ range(3)|list }} {{ range(1, 4)|list }} {{ range(10, 0, -3)|list }}"),
            "[0, 1, 2] [1, 2, 3] [10, 7, 4, 1]");
  EXPECT_EQ(Render("{{ dict(a=1, b=2) }} {{ namespace(a=1).a }}"), "{'a': 1, 'b': 2} 1");
  TemplateOptions options;
  options.name = "chat_template";
  EXPECT_EQ(Render("x{{ raise_exception('Roles must alternate') }}", "", options),
            "ERROR: chat_template: template raised an exception: Roles must alternate");
  EXPECT_EQ(Render("{{ range(0, 10, 0) }}"),
            "ERROR: <template>:1:9: range() arg 3 must not be zero");
  EXPECT_EQ(Render("{% set range = 5 %}{{ range }}"), "5");  // variables shadow globals
}

TEST(EvaluatorTest, RuntimeErrorsCarryPositions) {
  EXPECT_EQ(Render("line one\n  {{ 1 + 'a' }}"),
            "ERROR: <template>:2:8: unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_EQ(Render("{{ 'a' < 1 }}"),
            "ERROR: <template>:1:10: '<' not supported between instances of 'str' and 'int'");
  EXPECT_EQ(Render("{{ 5 // 0 }}"), "ERROR: <template>:1:6: integer division or modulo by zero");
  EXPECT_EQ(Render("{{ [1]|batch(0) }}"),
            "ERROR: <template>:1:8: batch() needs a positive line count");
  EXPECT_EQ(Render("{{ 3() }}"), "ERROR: <template>:1:5: 'int' object is not callable");
}

TEST(EvaluatorTest, OutputLimit) {
  TemplateOptions options;
  options.max_output_bytes = 100;
  EXPECT_EQ(Render("{% for i in range(1000) %}xxxxxxxxxx{% endfor %}", "", options),
            "ERROR: <template>:1:27: output exceeds 100 bytes");
  EXPECT_EQ(Render("{{ 'x' * 1000 }}", "", options),
            "ERROR: <template>:1:8: result would exceed 100 bytes");
  EXPECT_EQ(Render("{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                   "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                   "", options),
            "ERROR: <template>:1:76: result would exceed 100 bytes");
}

TEST(EvaluatorTest, StepBudgetStopsRunawayTemplates) {
  TemplateOptions options;
  options.max_steps = 10000;
  EXPECT_NE(Render("{% for i in range(100) %}{% for j in range(100) %}{% for k in range(100) %}"
                   "{% endfor %}{% endfor %}{% endfor %}",
                   "", options)
                .find("exceeded 10000 steps"),
            std::string::npos);
  EXPECT_NE(Render("{{ range(1000000) }}", "", options).find("exceeds the rendering step budget"),
            std::string::npos);
  EXPECT_NE(Render("{{ [1] * 100000 }}", "", options).find("list repetition"), std::string::npos);
}

TEST(EvaluatorTest, RecursionIsBounded) {
  std::string result = Render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
  EXPECT_NE(result.find("recursion too deep"), std::string::npos) << result;
}

}  // namespace
}  // namespace winnow::jinja
