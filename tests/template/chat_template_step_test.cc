// The chat_template step: renders into a field, rejects records it cannot render, and is
// created from the step table with its options.

#include "winnow/template/chat_template_step.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "winnow/pipeline/step_registry.h"

namespace winnow {
namespace {

std::string FixturePath(const std::string& name) {
  return std::string(WINNOW_TEST_DATA_DIR) + "/chat_templates/" + name;
}

jinja::ChatTemplate LoadFixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return std::move(*jinja::ChatTemplate::FromTokenizerConfig(text, name));
}

struct StepRun {
  Batch batch;
  Counters counters;
  simdjson::dom::parser parser;
};

// Runs `step` over one batch made of `lines` (JSON objects).
void RunStep(Step& step, const std::vector<std::string>& lines, StepRun* run) {
  for (const std::string& line : lines) {
    Record record = Record::Owned(line, RecordOrigin{});
    ASSERT_TRUE(record.Parse(run->parser).ok()) << line;
    run->batch.records.push_back(std::move(record));
  }
  StepContext ctx;
  ctx.parser = &run->parser;
  ctx.counters = &run->counters;
  ASSERT_TRUE(step.Process(run->batch, ctx).ok());
}

std::string Json(const Record& record) {
  std::string out;
  record.AppendJson(&out);
  return out;
}

TEST(ChatTemplateStepTest, RendersIntoTheOutputFieldAndRejectsFailures) {
  ChatTemplateStepOptions options;
  options.add_generation_prompt = true;
  ChatTemplateStep step(LoadFixture("gemma.json"), options);
  EXPECT_TRUE(step.parallel());
  StepRun run;
  RunStep(
      step,
      {R"({"messages": [{"role": "user", "content": "Hi"}]})",
       R"({"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Hi"}]})",
       R"({"messages": "not a list"})", R"({"id": 4})"},
      &run);
  ASSERT_EQ(run.batch.records.size(), 1u);
  EXPECT_EQ(Json(run.batch.records[0]),
            R"({"messages": [{"role": "user", "content": "Hi"}],)"
            R"("text":"<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n"})");
  ASSERT_EQ(run.batch.rejects.size(), 3u);
  EXPECT_EQ(run.batch.rejects[0].step, "chat_template");
  EXPECT_EQ(run.batch.rejects[0].reason,
            "chat_template: template raised an exception: System role not supported");
  EXPECT_EQ(run.batch.rejects[1].reason, "messages must be a list of {role, content} objects");
  EXPECT_EQ(run.batch.rejects[2].reason, "missing field \"messages\"");
  EXPECT_EQ(run.counters.Get("rendered"), 1u);
  EXPECT_EQ(run.counters.Get("dropped.render_error"), 3u);
}

// ShareGPT conversations are rendered as if converted to messages first: roles mapped, and found
// under "conversations" when the default messages field is absent.
TEST(ChatTemplateStepTest, ShareGptTurnsAreMappedToRoles) {
  ChatTemplateStep step(LoadFixture("gemma.json"), ChatTemplateStepOptions{});
  StepRun run;
  RunStep(
      step,
      {R"({"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Yo"}]})",
       R"({"messages": [{"from": "narrator", "value": "Once"}]})"},
      &run);
  ASSERT_EQ(run.batch.records.size(), 1u);
  simdjson::dom::element text;
  ASSERT_FALSE(run.batch.records[0].Field("text").get(text));
  EXPECT_EQ(std::string(text.get_string().value()),
            "<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nYo<end_of_turn>\n");
  ASSERT_EQ(run.batch.rejects.size(), 1u);
  EXPECT_EQ(run.batch.rejects[0].reason, "messages[0].from: unknown role 'narrator'");
}

TEST(ChatTemplateStepTest, CustomFieldsToolsAndDropMessages) {
  ChatTemplateStepOptions options;
  options.messages_field = "conversation";
  options.tools_field = "functions";
  options.output_field = "prompt";
  options.drop_messages = true;
  ChatTemplateStep step(LoadFixture("named_templates.json"), options);
  StepRun run;
  RunStep(step,
          {R"({"id": 1, "conversation": [{"role": "user", "content": "Hi"}], "functions": null})"},
          &run);
  ASSERT_EQ(run.batch.records.size(), 1u);
  EXPECT_EQ(
      Json(run.batch.records[0]),
      R"({"id":1,"functions":null,"prompt":"<|begin_of_text|><|im_start|>user\nHi<|im_end|>\n"})");
}

TEST(ChatTemplateStepTest, CreatedFromTheStepTable) {
  auto step = CreateStep("chat_template",
                         StepOptions("chat_template", {{"template", FixturePath("llama3.json")},
                                                       {"output", "rendered"},
                                                       {"add_generation_prompt", "true"}}));
  ASSERT_TRUE(step.has_value()) << step.error().message();
  EXPECT_EQ((*step)->name(), "chat_template");
  auto missing = CreateStep("chat_template", StepOptions("chat_template", {}));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(
      missing.error().message(),
      "step 'chat_template': option 'template' (tokenizer_config.json or .jinja file) is required");
  auto typo = CreateStep(
      "chat_template",
      StepOptions("chat_template", {{"template", FixturePath("llama3.json")}, {"outptu", "x"}}));
  ASSERT_FALSE(typo.has_value());
  EXPECT_NE(typo.error().message().find("did you mean 'output'"), std::string::npos);
  auto absent = CreateStep("chat_template",
                           StepOptions("chat_template", {{"template", "/nonexistent/tok.json"}}));
  ASSERT_FALSE(absent.has_value());
  EXPECT_EQ(absent.error().message().rfind("step 'chat_template': ", 0), 0u);
}

}  // namespace
}  // namespace winnow
