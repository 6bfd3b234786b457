// Python methods on strings, dicts and lists, as chat templates call them.

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

TEST(MethodsTest, StringMethods) {
  const char* cases[][2] = {
      {"'  x  '.strip()", "x"},
      {"'xxhixx'.strip('x')", "hi"},
      {"'  x  '.lstrip() ~ '|'", "x  |"},
      {"'  x  '.rstrip() ~ '|'", "  x|"},
      {"'a b  c'.split()", "['a', 'b', 'c']"},
      {"'a,b,,c'.split(',')", "['a', 'b', '', 'c']"},
      {"'a,b,c'.split(',', 1)", "['a', 'b,c']"},
      {"'a b c'.rsplit(None, 1)", "['a b', 'c']"},
      {"' a b  '.split(None, 1)", "['a', 'b  ']"},
      {"'abc'.startswith('ab') ~ 'abc'.startswith(('x', 'a')) ~ 'abc'.endswith('bc')",
       "TrueTrueTrue"},
      {"'abc'.upper() ~ 'ABC'.lower()", "ABCabc"},
      {"'hello world'.title() ~ \"|they're\".title()", "Hello World|They'Re"},
      {"'hello'.capitalize()", "Hello"},
      {"'aaa'.replace('a', 'b', 1)", "baa"},
      {"'{} and {}'.format(1, 'x')", "1 and x"},
      {"'{name}!'.format(name='n')", "n!"},
      {"', '.join(['a', 'b'])", "a, b"},
      {"'abcabc'.find('c') ~ 'abcabc'.rfind('c') ~ 'abcabc'.count('bc') ~ 'x'.find('y')", "252-1"},
      {"'a\\nb\\r\\nc'.splitlines()", "['a', 'b', 'c']"},
      {"'123'.isdigit() ~ 'abc'.isalpha() ~ ' '.isspace() ~ 'a1'.isalnum() ~ ''.isdigit()",
       "TrueTrueTrueTrueFalse"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c[0] + " }}"), c[1]) << c[0];
  }
  EXPECT_EQ(Render("{{ ', '.join([1]) }}"),
            "ERROR: <template>:1:13: sequence item 0: expected str instance, int found");
  EXPECT_EQ(Render("{{ 'a'.split('') }}"), "ERROR: <template>:1:13: empty separator");
}

TEST(MethodsTest, DictMethods) {
  const char* cases[][2] = {
      {"{'a': 1}.get('a') ~ {'a': 1}.get('b') ~ {'a': 1}.get('b', 2)", "1None2"},
      {"{'a': 1, 'b': 2}.keys()|list", "['a', 'b']"},
      {"{'a': 1, 'b': 2}.values()|list", "[1, 2]"},
      {"{'a': 1}.items()|list", "[('a', 1)]"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c[0] + " }}"), c[1]) << c[0];
  }
  // Methods win over keys of the same name, as with Jinja2's getattr.
  EXPECT_EQ(Render("{% set x = {'items': 5} %}{{ x['items'] }} {{ x.items()|list }}"),
            "5 [('items', 5)]");
  EXPECT_EQ(Render("{{ (x or {}).get('a', 'd') }}"), "d");
}

TEST(MethodsTest, ListMethods) {
  EXPECT_EQ(Render("{% set l = [] %}{% set _ = l.append(1) %}{% set _ = l.append([2]) %}{{ l }}"),
            "[1, [2]]");
  EXPECT_EQ(Render("{{ [1,2,1].count(1) }} {{ [1,2,3].index(2) }}"), "2 1");
  EXPECT_EQ(Render("{% set l = [] %}{% set _ = l.append([l]) %}"),
            "ERROR: <template>:1:36: cannot append a list to itself");
  EXPECT_EQ(Render("{{ [1].index(5) }}"), "ERROR: <template>:1:13: 5 is not in list");
}

}  // namespace
}  // namespace winnow::jinja
