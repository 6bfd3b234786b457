// Built-in filters: each case is a template expression and what Jinja2 prints for it.

#include "winnow/template/filters.h"

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

struct Case {
  const char* expression;
  const char* expected;
};

void ExpectAll(const std::vector<Case>& cases, const char* context = "") {
  for (const Case& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c.expression + " }}", context), c.expected)
        << c.expression;
  }
}

TEST(FiltersTest, Text) {
  ExpectAll({
      {"'  hi  '|trim", "hi"},
      {"'xxhixx'|trim('x')", "hi"},
      {"'hello world'|upper", "HELLO WORLD"},
      {"'HeLLo ÉTÉ'|lower", "hello été"},
      {"'hello WORLD'|capitalize", "Hello world"},
      {"'hello world-foo(bar'|title", "Hello World-Foo(Bar"},
      {"\"they're bill's\"|title", "They're Bill's"},
      {"'aaa'|replace('a', 'b')", "bbb"},
      {"'aaa'|replace('a', 'b', 2)", "bba"},
      {"'ab'|replace('', '-')", "-a-b-"},
      {"'hello'|center(11)", "   hello   "},
      {"'ab'|center(7)", "   ab  "},
      {"'one two_three, four'|wordcount", "3"},
      {"'a <b>bold</b> <!-- c --> &amp; x'|striptags", "a bold & x"},
      {"'<a href=\"x\">&\\''|e", "&lt;a href=&#34;x&#34;&gt;&amp;&#39;"},
      {"'<a>'|escape", "&lt;a&gt;"},
      {"'<a>'|safe", "<a>"},
      {"'%s-%s'|format(1, 'a')", "1-a"},
      {"'%(x)s'|format(x=5)", "5"},
      {"42|string ~ [1, 'a']|string", "42[1, 'a']"},
  });
}

TEST(FiltersTest, IndentFollowsJinja) {
  ExpectAll({
      {"'a\\nb\\n\\nc'|indent", "a\n    b\n\n    c"},
      {"'a\\nb\\n\\nc'|indent(2, true)", "  a\n  b\n\n  c"},
      {"'a\\nb\\n\\nc'|indent(2, blank=true)", "a\n  b\n  \n  c"},
      {"'a\\nb'|indent('> ')", "a\n> b"},
      {"'a\\n'|indent", "a\n"},
  });
}

TEST(FiltersTest, Truncate) {
  ExpectAll({
      {"'hello world foo bar'|truncate(9)", "hello..."},
      {"'hello world foo bar'|truncate(9, true)", "hello ..."},
      {"'hello world foo bar'|truncate(11, false, '..', 0)", "hello.."},
      {"'short'|truncate(100)", "short"},
      {"'hello world foo bar baz qux'|truncate(15)", "hello world..."},
  });
}

TEST(FiltersTest, DefaultAndConversions) {
  ExpectAll({
      {"x|default('d') ~ ''|default('e') ~ ''|default('e', true) ~ none|d('n')", "deNone"},
      {"'42'|int + '4.7'|int + 'abc'|int + 'abc'|int(7) + 4.7|int", "57"},
      {"'0x1A'|int(0, 16) ~ ' ' ~ ' 12 '|int ~ ' ' ~ '101'|int(base=2)", "26 12 5"},
      {"'3.5'|float ~ ' ' ~ 'x'|float ~ ' ' ~ 3|float", "3.5 0.0 3.0"},
      {"missing|int", "ERROR: <template>:1:12: 'missing' is undefined"},
      {"-3|abs ~ ' ' ~ -3.5|abs", "3 3.5"},
      {"2.5|round ~ ' ' ~ 3.5|round ~ ' ' ~ 2.675|round(2) ~ ' ' ~ 5|round", "2.0 4.0 2.67 5"},
      {"2.1|round(0, 'ceil') ~ ' ' ~ 2.9|round(method='floor') ~ ' ' ~ 1.23456|round(3)",
       "3.0 2.0 1.235"},
  });
}

TEST(FiltersTest, ToJsonIsHuggingFacesJsonDumps) {
  ExpectAll({
      {"{'a': 'é', 'b': [1, 2.5, none, true]}|tojson",
       "{\"a\": \"é\", \"b\": [1, 2.5, null, true]}"},
      {"{'a': 1}|tojson(indent=2)", "{\n  \"a\": 1\n}"},
      {"[1, {'b': []}, {}]|tojson(indent=2)", "[\n  1,\n  {\n    \"b\": []\n  },\n  {}\n]"},
      {"{'b': 1, 'a': 2}|tojson(sort_keys=true)", "{\"a\": 2, \"b\": 1}"},
      {"'é\\n\"'|tojson", "\"é\\n\\\"\""},
      {"'é'|tojson(ensure_ascii=true)", "\"\\u00e9\""},
      {"[1,2]|tojson(separators=(',', ':'))", "[1,2]"},
      {"{'x': 1.0, 'y': 1e20, 'z': 3.0e-7}|tojson", "{\"x\": 1.0, \"y\": 1e+20, \"z\": 3e-07}"},
      {"{'a': 1}|tojson(indent='\\t')", "{\n\t\"a\": 1\n}"},
      {"x|tojson", "ERROR: <template>:1:6: Object of type Undefined is not JSON serializable"},
  });
}

TEST(FiltersTest, Sequences) {
  ExpectAll({
      {"[1,2,3]|length ~ 'héllo'|count ~ {'a':1}|length", "351"},
      {"[1,2,3]|join(', ')", "1, 2, 3"},
      {"[{'n':'a'},{'n':'b'}]|join(',', attribute='n')", "a,b"},
      {"[3,1,2]|sort", "[1, 2, 3]"},
      {"['b','A','c']|sort", "['A', 'b', 'c']"},
      {"['b','A','c']|sort(case_sensitive=true)", "['A', 'b', 'c']"},
      {"['b','a','C']|sort(reverse=true)", "['C', 'b', 'a']"},
      {"[{'n':2},{'n':1}]|sort(attribute='n')", "[{'n': 1}, {'n': 2}]"},
      {"[1,2,2,'a','A', 1.0]|unique|list", "[1, 2, 'a']"},
      {"[1,2,3]|first ~ [1,2,3]|last ~ 'abc'|first", "13a"},
      {"[]|first", ""},
      {"'abc'|list", "['a', 'b', 'c']"},
      {"[1,2,3]|reverse|list ~ 'abc'|reverse", "[3, 2, 1]cba"},
      {"[1,2,3]|sum ~ ' ' ~ [1.5,2]|sum ~ ' ' ~ [{'v':1},{'v':2}]|sum(attribute='v') ~ ' ' ~ "
       "[1]|sum(start=10)",
       "6 3.5 3 11"},
      {"[3,1,2]|min ~ [3,1,2]|max ~ ['b','A']|min", "13A"},
      {"[{'a':2},{'a':1}]|max(attribute='a')", "{'a': 2}"},
      {"[1,2,3,4,5]|batch(2)|list", "[[1, 2], [3, 4], [5]]"},
      {"[1,2,3]|batch(2, 'x')|list", "[[1, 2], [3, 'x']]"},
      {"{'b':1,'a':2}|items|list", "[('b', 1), ('a', 2)]"},
      {"{'b':1,'A':2, 'a': 3}|dictsort", "[('A', 2), ('a', 3), ('b', 1)]"},
      {"{'b':1,'a':2}|dictsort(by='value')", "[('b', 1), ('a', 2)]"},
      {"{'b':1,'a':2}|dictsort(reverse=true)", "[('b', 1), ('a', 2)]"},
      {"namespace(a='b')|attr('a') ~ {'a': 'b'}|attr('a')", "b"},
  });
}

TEST(FiltersTest, MapSelectReject) {
  ExpectAll({
      {"['a','b']|map('upper')|list", "['A', 'B']"},
      {"['a','b']|map('replace', 'a', 'z')|list", "['z', 'b']"},
      {"[{'n':'a'},{}]|map(attribute='n')|list", "['a', Undefined]"},
      {"[{'n':'a'},{}]|map(attribute='n', default='z')|list", "['a', 'z']"},
      {"[{'a':{'b':1}}]|map(attribute='a.b')|list", "[1]"},
      {"[1,2,3,4]|select('odd')|list ~ [1,2,3,4]|reject('odd')|list", "[1, 3][2, 4]"},
      {"[1,0,2]|select|list", "[1, 2]"},
      {"[1,2,3]|select('>', 1)|list", "[2, 3]"},
      {"[{'a':1},{'a':0}]|selectattr('a')|list", "[{'a': 1}]"},
      {"[{'a':1},{'a':2}]|selectattr('a', 'equalto', 2)|list", "[{'a': 2}]"},
      {"[{'a':1},{'a':2}]|rejectattr('a', '==', 2)|list", "[{'a': 1}]"},
      {"[1]|map('nope')|list", "ERROR: <template>:1:8: map(): unknown filter 'nope'"},
  });
  EXPECT_EQ(Render("{{ messages|selectattr('role', 'equalto', 'user')|list|length }}",
                   R"({"messages": [{"role": "user"}, {"role": "assistant"}, {"role": "user"}]})"),
            "2");
}

TEST(FiltersTest, ArgumentErrors) {
  ExpectAll({
      {"'x'|upper(1)", "ERROR: <template>:1:8: filter 'upper' takes no arguments"},
      {"'x'|indent(2, width=3)",
       "ERROR: <template>:1:8: indent() got multiple values for argument 'width'"},
      {"'x'|trim(foo=1)", "ERROR: <template>:1:8: trim() got an unexpected keyword argument 'foo'"},
      {"1|length", "ERROR: <template>:1:6: object of type 'int' has no len()"},
      {"'x'|truncate(1)", "ERROR: <template>:1:8: expected length >= 3, got 1"},
      {"'abcdef'|truncate(3, leeway=3)", "abcdef"},
      {"'abcdefghij'|truncate(5, leeway=-1)", "ERROR: <template>:1:17: expected leeway >= 0"},
  });
}

TEST(FiltersTest, LookupTables) {
  EXPECT_NE(FindFilter("trim"), nullptr);
  EXPECT_EQ(FindFilter("trimm"), nullptr);
  EXPECT_NE(FindTest("divisibleby"), nullptr);
  EXPECT_GT(FilterNames().size(), 40u);
  EXPECT_GT(TestNames().size(), 30u);
}

}  // namespace
}  // namespace winnow::jinja
