// `winnow render`: the built binary on a small JSONL file, checking the output file.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  return std::string(WINNOW_TEST_DATA_DIR) + "/chat_templates/" + name;
}

TEST(RenderCliTest, RendersEachRecordIntoATextField) {
  TempDir dir;
  std::string input = dir.Write(
      "chats.jsonl",
      R"({"id": 1, "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]})"
      "\n"
      R"({"id": 2, "messages": [{"role": "user", "content": "Bye"}]})"
      "\n");
  CommandResult result = RunWinnow({"render", "--chat-template", Fixture("llama3.json"), input,
                                    "-o", dir.Join("out.jsonl"), "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(
      dir.Read("out.jsonl"),
      R"({"id": 1, "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}],)"
      R"("text":"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>)"
      R"(<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"})"
      "\n"
      R"({"id": 2, "messages": [{"role": "user", "content": "Bye"}],)"
      R"("text":"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nBye<|eot_id|>"})"
      "\n");
}

TEST(RenderCliTest, GenerationPromptDropMessagesAndRejects) {
  TempDir dir;
  std::string input = dir.Write(
      "chats.jsonl",
      R"({"conv": [{"role": "user", "content": "Hi"}]})"
      "\n"
      R"({"conv": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]})"
      "\n"
      R"({"other": 1})"
      "\n");
  CommandResult result =
      RunWinnow({"render", "--chat-template", Fixture("gemma.json"), "--messages", "conv",
                 "--output-field", "prompt", "--add-generation-prompt", "--drop-messages", input,
                 "-o", dir.Join("out.jsonl"), "--reject", dir.Join("rejects.jsonl")});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(dir.Read("out.jsonl"),
            R"({"prompt":"<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n"})"
            "\n");
  std::vector<std::string> rejects = SplitLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_THAT(rejects[0], HasSubstr(R"("step":"chat_template")"));
  EXPECT_THAT(rejects[0],
              HasSubstr("chat_template: template raised an exception: System role not supported"));
  EXPECT_THAT(rejects[0], HasSubstr(R"("line":2)"));
  EXPECT_THAT(rejects[1], HasSubstr(R"(missing field \"conv\")"));
  EXPECT_THAT(result.err, HasSubstr("2 record(s) could not be rendered"));
}

TEST(RenderCliTest, BadTemplateIsAOneLineError) {
  TempDir dir;
  std::string input = dir.Write("chats.jsonl", "{\"messages\": []}\n");
  std::string config =
      dir.Write("tok.json", R"({"chat_template": "{% for m in messages %}{{ m|trimm }}"})");
  CommandResult result = RunWinnow({"render", "--chat-template", config, input});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(
      result.err,
      HasSubstr("tok.json: chat_template:1:29: unknown filter 'trimm' (did you mean 'trim'?)"));
  CommandResult missing_flag = RunWinnow({"render", input});
  EXPECT_EQ(missing_flag.exit_code, 2) << Describe(missing_flag);
}

}  // namespace
}  // namespace winnow::cli_test
