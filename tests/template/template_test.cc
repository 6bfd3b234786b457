// The public API: Compile, Render, FreeVariables, options, and concurrent rendering.

#include "winnow/template/template.h"

#include <gtest/gtest.h>

#include <thread>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

using testing::Json;

TEST(TemplateTest, CompileOnceRenderMany) {
  auto compiled = Template::Compile("Q: {{ question|trim }}");
  ASSERT_TRUE(compiled.has_value());
  Value context = Value::Object();
  context.Set("question", "  Why?  ");
  EXPECT_EQ(*compiled->Render(context), "Q: Why?");
  context.Set("question", "How?");
  EXPECT_EQ(*compiled->Render(context), "Q: How?");
  EXPECT_EQ(*compiled->Render(Value()), "Q: ");  // a non-object context has no variables
}

TEST(TemplateTest, HostFunctionsTakePositionalAndKeywordArguments) {
  Value context = Value::Object();
  context.Set("add", Value::Function("add", [](CallArgs& args) -> Result<Value> {
                int64_t total = 0;
                for (const Value& v : args.positional) total += v.as_int();
                for (const auto& [key, v] : args.keyword)
                  total += key == "ten" ? 10 * v.as_int() : 0;
                return Value(total);
              }));
  context.Set("fail", Value::Function("fail", [](CallArgs&) -> Result<Value> {
                return Error(Status::InvalidArgument("no luck"));
              }));
  EXPECT_EQ(testing::RenderWith("{{ add(1, 2, ten=3) }}", context), "33");
  EXPECT_EQ(testing::RenderWith("\n {{ fail() }}", context), "ERROR: <template>:2:9: no luck");
}

TEST(TemplateTest, OptionsAreKept) {
  TemplateOptions options;
  options.name = "prompt.jinja";
  options.trim_blocks = true;
  auto compiled = Template::Compile("{% if true %}\nx{% endif %}", options);
  ASSERT_TRUE(compiled.has_value());
  EXPECT_EQ(compiled->options().name, "prompt.jinja");
  EXPECT_EQ(*compiled->Render(Value::Object()), "x");
  auto bad = Template::Compile("{{", options);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "prompt.jinja:1:1: unclosed '{{' (expected '}}')");
}

TEST(TemplateTest, CopiesShareTheCompiledProgram) {
  auto compiled = Template::Compile("{{ a }}");
  ASSERT_TRUE(compiled.has_value());
  Template copy = *compiled;
  EXPECT_EQ(*copy.Render(Json(R"({"a": 1})")), "1");
  EXPECT_EQ(copy.FreeVariables(), compiled->FreeVariables());
}

TEST(TemplateTest, RendersConcurrentlyFromSeveralThreads) {
  auto compiled = Template::Compile(
      "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}"
      "{{ m.role }}:{{ m.content|upper }};{% endfor %}{{ ns.n }}{{ range(3)|list }}");
  ASSERT_TRUE(compiled.has_value());
  Value shared = Json(
      R"({"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]})");
  const std::string expected = "user:HI;assistant:YO;2[0, 1, 2]";
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        auto text = compiled->Render(shared);
        if (!text || *text != expected) ++failures[static_cast<size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace winnow::jinja
