// Arithmetic and comparison operators with Python's semantics.

#include "winnow/template/operators.h"

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

TEST(OperatorsTest, Arithmetic) {
  const char* cases[][2] = {
      {"1/3", "0.3333333333333333"},
      {"10/2", "5.0"},
      {"7//2", "3"},
      {"-7//2", "-4"},
      {"7%3", "1"},
      {"-7%3", "2"},
      {"-3%5", "2"},
      {"7.5%2", "1.5"},
      {"10//3.0", "3.0"},
      {"2**10", "1024"},
      {"2**-1", "0.5"},
      {"2**0.5", "1.4142135623730951"},
      {"true + 1", "2"},
      {"1 + 1.5", "2.5"},
      {"0.1 + 0.2", "0.30000000000000004"},
      {"2 ** 62", "4611686018427387904"},
      {"'a' + 'b'", "ab"},
      {"[1] + [2]", "[1, 2]"},
      {"'x' * 3", "xxx"},
      {"3 * 'ab'", "ababab"},
      {"[1] * 3", "[1, 1, 1]"},
      {"'abc' * -1", ""},
      {"'%s and %d' % ('x', 3)", "x and 3"},
      {"'%d' % 3.7", "3"},
      {"'%(a)s' % {'a': 1}", "1"},
      {"'a' ~ 1 ~ none ~ x", "a1None"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c[0] + " }}"), c[1]) << c[0];
  }
}

TEST(OperatorsTest, OverflowBecomesFloat) {
  EXPECT_EQ(Render("{{ 2 ** 63 }}"), "9.223372036854776e+18");
  EXPECT_EQ(Render("{{ 9223372036854775807 + 1 }}"), "9.223372036854776e+18");
  EXPECT_EQ(Render("{{ -9223372036854775807 - 1 }}"), "-9223372036854775808");
  EXPECT_EQ(Render("{{ (-9223372036854775807 - 1) // -1 }}"), "9.223372036854776e+18");
  EXPECT_EQ(Render("{{ (-9223372036854775807 - 1) % -1 }}"), "0");
}

TEST(OperatorsTest, Comparisons) {
  const char* cases[][2] = {
      {"1 < 2 < 3", "True"},    {"3 > 2 > 5", "False"},      {"1 == 1.0", "True"},
      {"'a' < 'b'", "True"},    {"[1, 2] < [1, 3]", "True"}, {"'a' in 'cat'", "True"},
      {"2 in [1,2]", "True"},   {"'k' in {'k':1}", "True"},  {"'x' not in 'abc'", "True"},
      {"none == none", "True"}, {"1 != '1'", "True"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c[0] + " }}"), c[1]) << c[0];
  }
  EXPECT_EQ(Render("{{ 1 in 'abc' }}"),
            "ERROR: <template>:1:9: 'in <string>' requires string as left operand, not int");
  EXPECT_EQ(Render("{{ 1 in 5 }}"),
            "ERROR: <template>:1:9: argument of type 'int' is not iterable");
  EXPECT_EQ(Render("{{ -'a' }}"), "ERROR: <template>:1:4: bad operand type for unary -: 'str'");
  EXPECT_EQ(Render("{{ 1 / 0 }}"), "ERROR: <template>:1:6: division by zero");
}

}  // namespace
}  // namespace winnow::jinja
