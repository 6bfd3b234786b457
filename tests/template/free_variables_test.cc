// FreeVariables: what a template needs from its caller.

#include "winnow/template/free_variables.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "winnow/template/template.h"

namespace winnow::jinja {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Free(std::string_view source) {
  auto compiled = Template::Compile(source);
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message();
  return compiled ? compiled->FreeVariables() : std::vector<std::string>{};
}

TEST(FreeVariablesTest, ReadsInOrderOfFirstUse) {
  EXPECT_THAT(Free("{{ question }} {% for x in choices %}{{ x }}{% endfor %}{{ question }}"),
              ElementsAre("question", "choices"));
  EXPECT_THAT(Free("{{ a.b[c]|join(sep) if d else e(f=g) }}"),
              ElementsAre("d", "a", "c", "sep", "e", "g"));
}

TEST(FreeVariablesTest, NamesTheTemplateSetsAreNotFree) {
  EXPECT_THAT(Free("{% set x = 1 %}{{ x }}{% set y %}{{ z }}{% endset %}{{ y }}"),
              ElementsAre("z"));
  EXPECT_THAT(Free("{{ x }}{% set x = 1 %}"), ElementsAre("x"));  // read before it was set
  EXPECT_THAT(Free("{% for k, v in d.items() %}{{ k }}{{ v }}{{ loop.index }}{% endfor %}{{ k }}"),
              ElementsAre("d", "k"));
  EXPECT_THAT(Free("{% macro m(a, b=c) %}{{ a }}{{ b }}{{ d }}{% endmacro %}{{ m(1) }}"),
              ElementsAre("c", "d"));
  EXPECT_THAT(Free("{% with a = b %}{{ a }}{% endwith %}{{ a }}"), ElementsAre("b", "a"));
  EXPECT_THAT(Free("{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}{{ ns.n }}"), IsEmpty());
}

TEST(FreeVariablesTest, BuiltinGlobalsAreNotFree) {
  EXPECT_THAT(
      Free("{{ range(3) }}{{ dict(a=1) }}{{ raise_exception('x') }}{{ strftime_now('%Y') }}"),
      ElementsAre("strftime_now"));
}

TEST(FreeVariablesTest, ChatTemplateNeedsItsInputs) {
  EXPECT_THAT(Free("{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}"
                   "{% if add_generation_prompt %}x{% endif %}"),
              ElementsAre("bos_token", "messages", "add_generation_prompt"));
}

}  // namespace
}  // namespace winnow::jinja
