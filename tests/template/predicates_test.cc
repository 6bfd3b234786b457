// Tests (`x is ...`), each with what Jinja2 answers.

#include <gtest/gtest.h>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Render;

TEST(PredicatesTest, TypeTests) {
  const char* cases[][2] = {
      {"none is none", "True"},    {"1 is number", "True"},    {"1.5 is number", "True"},
      {"true is number", "True"},  {"1 is integer", "True"},   {"true is integer", "False"},
      {"1.0 is float", "True"},    {"'a' is string", "True"},  {"{} is mapping", "True"},
      {"[] is mapping", "False"},  {"[] is sequence", "True"}, {"'a' is sequence", "True"},
      {"{} is sequence", "True"},  {"[] is iterable", "True"}, {"1 is iterable", "False"},
      {"true is boolean", "True"}, {"1 is boolean", "False"},  {"true is true", "True"},
      {"1 is true", "False"},      {"false is false", "True"}, {"range is callable", "True"},
      {"x is defined", "False"},   {"x is undefined", "True"}, {"x is not defined", "True"},
      {"1 is not none", "True"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c[0] + " }}"), c[1]) << c[0];
  }
}

TEST(PredicatesTest, ValueTests) {
  const char* cases[][2] = {
      {"1 is odd", "True"},
      {"2 is even", "True"},
      {"-3 is odd", "True"},
      {"9 is divisibleby 3", "True"},
      {"9 is divisibleby(4)", "False"},
      {"'abc' is lower", "True"},
      {"'ABC' is upper", "True"},
      {"'Abc' is lower", "False"},
      {"'123' is lower", "False"},
      {"1 is equalto 1", "True"},
      {"1 is eq 1.0", "True"},
      {"'a' is in 'abc'", "True"},
      {"2 is in [1, 2]", "True"},
      {"1 is sameas 1", "True"},
      {"[] is sameas []", "False"},
      {"2 is gt 1", "True"},
      {"2 is lt 1", "False"},
      {"2 is ge 2", "True"},
      {"2 is le 1", "False"},
      {"2 is ne 1", "True"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Render(std::string("{{ ") + c[0] + " }}"), c[1]) << c[0];
  }
  EXPECT_EQ(Render("{{ 'a' is odd }}"),
            "ERROR: <template>:1:11: test 'odd' needs a number, got str");
  EXPECT_EQ(Render("{{ 1 is divisibleby 0 }}"),
            "ERROR: <template>:1:9: integer division or modulo by zero");
}

}  // namespace
}  // namespace winnow::jinja
