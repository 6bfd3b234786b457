// Chat templates of the common model families, rendered from the fixtures in
// tests/data/chat_templates and compared with strings written by hand from each family's
// documented prompt format.

#include "winnow/template/chat_template.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "template/template_test_util.h"

namespace winnow::jinja {
namespace {

constexpr int64_t k14Mar2025 = 1741964966;  // 2025-03-14 15:09:26 UTC

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(WINNOW_TEST_DATA_DIR) + "/chat_templates/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ChatTemplate Load(const std::string& name, ChatTemplateOptions options = {}) {
  if (!options.clock) options.clock = [] { return k14Mar2025; };
  auto chat = ChatTemplate::FromTokenizerConfig(ReadFixture(name), name, std::move(options));
  EXPECT_TRUE(chat.has_value()) << (chat ? "" : chat.error().message());
  return std::move(*chat);
}

// Renders `messages_json` (and optionally `tools_json`); errors come back as "ERROR: message".
std::string Render(const ChatTemplate& chat, std::string_view messages_json,
                   bool add_generation_prompt, std::string_view tools_json = "",
                   const Value* variables = nullptr) {
  simdjson::dom::parser parser;
  simdjson::padded_string messages_text(messages_json);
  simdjson::dom::element messages = parser.parse(messages_text).value();
  simdjson::dom::parser tools_parser;
  simdjson::padded_string tools_text(tools_json);
  simdjson::dom::element tools;
  ChatInput input;
  input.messages = messages;
  if (!tools_json.empty()) {
    tools = tools_parser.parse(tools_text).value();
    input.tools = &tools;
  }
  input.add_generation_prompt = add_generation_prompt;
  input.variables = variables;
  auto text = chat.Render(input);
  return text ? *text : "ERROR: " + text.error().message();
}

constexpr char kWithSystem[] = R"([
  {"role": "system", "content": "You are helpful."},
  {"role": "user", "content": "Hi"},
  {"role": "assistant", "content": "Hello! How can I help?"},
  {"role": "user", "content": "What is 2+2?"}])";

constexpr char kWithoutSystem[] = R"([
  {"role": "user", "content": "Hi"},
  {"role": "assistant", "content": "Hello!"},
  {"role": "user", "content": "Thanks"}])";

constexpr char kWeatherTool[] = R"([{"type": "function", "function": {"name": "get_weather",
  "description": "Get the weather", "parameters": {"type": "object",
  "properties": {"city": {"type": "string"}}, "required": ["city"]}}}])";

TEST(ChatTemplateTest, Qwen25ChatMlWithSystem) {
  ChatTemplate chat = Load("qwen2_5.json");
  EXPECT_EQ(Render(chat, kWithSystem, true),
            "<|im_start|>system\nYou are helpful.<|im_end|>\n"
            "<|im_start|>user\nHi<|im_end|>\n"
            "<|im_start|>assistant\nHello! How can I help?<|im_end|>\n"
            "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
            "<|im_start|>assistant\n");
}

TEST(ChatTemplateTest, Qwen25AddsItsDefaultSystemPrompt) {
  ChatTemplate chat = Load("qwen2_5.json");
  EXPECT_EQ(Render(chat, kWithoutSystem, false),
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
            "assistant.<|im_end|>\n"
            "<|im_start|>user\nHi<|im_end|>\n"
            "<|im_start|>assistant\nHello!<|im_end|>\n"
            "<|im_start|>user\nThanks<|im_end|>\n");
  EXPECT_EQ(chat.eos_token(), "<|im_end|>");
  EXPECT_EQ(chat.bos_token(), "");  // null in Qwen's config
}

TEST(ChatTemplateTest, Qwen25ToolsBranch) {
  ChatTemplate chat = Load("qwen2_5.json");
  const char* messages = R"([
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "content": "", "tool_calls": [{"type": "function",
      "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
    {"role": "tool", "content": "22C"},
    {"role": "assistant", "content": "It is 22C."}])";
  EXPECT_EQ(
      Render(chat, messages, false, kWeatherTool),
      "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.\n\n"
      "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
      "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
      "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Get "
      "the weather\", "
      "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, "
      "\"required\": [\"city\"]}}}\n</tools>\n\n"
      "For each function call, return a json object with function name and arguments within "
      "<tool_call></tool_call> XML tags:\n<tool_call>\n"
      "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
      "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
      "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": "
      "\"Paris\"}}\n"
      "</tool_call><|im_end|>\n"
      "<|im_start|>user\n<tool_response>\n22C\n</tool_response><|im_end|>\n"
      "<|im_start|>assistant\nIt is 22C.<|im_end|>\n");
}

// OpenAI-format data carries tool-call arguments as JSON text; the template must see the object
// (as transformers passes it), so both spellings render the same.
TEST(ChatTemplateTest, ToolCallArgumentsGivenAsJsonTextRenderAsObjects) {
  ChatTemplate chat = Load("qwen2_5.json");
  const char* as_object = R"([
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "tool_calls": [{"type": "function",
      "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]}])";
  const char* as_text = R"([
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "tool_calls": [{"type": "function",
      "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]}])";
  std::string rendered = Render(chat, as_text, false);
  EXPECT_EQ(rendered, Render(chat, as_object, false));
  EXPECT_NE(rendered.find("\"arguments\": {\"city\": \"Paris\"}"), std::string::npos) << rendered;
}

TEST(ChatTemplateTest, Llama3) {
  ChatTemplate chat = Load("llama3.json");
  EXPECT_EQ(
      Render(chat, kWithSystem, true),
      "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are helpful.<|eot_id|>"
      "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
      "<|start_header_id|>assistant<|end_header_id|>\n\nHello! How can I help?<|eot_id|>"
      "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
      "<|start_header_id|>assistant<|end_header_id|>\n\n");
  // Contents are trimmed; without a generation prompt the text ends after the last turn.
  EXPECT_EQ(Render(chat, R"([{"role": "user", "content": "  Hi \n"}])", false),
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>");
}

TEST(ChatTemplateTest, Llama31WritesTodaysDateFromTheClock) {
  ChatTemplate chat = Load("llama3_1.json");
  EXPECT_EQ(Render(chat, kWithSystem, false),
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            "Cutting Knowledge Date: December 2023\nToday Date: 14 Mar 2025\n\n"
            "You are helpful.<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\nHello! How can I help?<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>");
  EXPECT_EQ(Render(chat, kWithoutSystem, true),
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            "Cutting Knowledge Date: December 2023\nToday Date: 14 Mar 2025\n\n<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nThanks<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n");
}

TEST(ChatTemplateTest, Llama31DateVariableAndOtherClock) {
  Value variables = Value::Object();
  variables.Set("date_string", "01 Jan 2030");
  ChatTemplate chat = Load("llama3_1.json");
  std::string text = Render(chat, kWithoutSystem, false, "", &variables);
  EXPECT_NE(text.find("Today Date: 01 Jan 2030\n"), std::string::npos) << text;
  ChatTemplateOptions options;
  options.clock = [] { return int64_t{0}; };
  ChatTemplate epoch = Load("llama3_1.json", options);
  EXPECT_NE(Render(epoch, kWithoutSystem, false).find("Today Date: 01 Jan 1970\n"),
            std::string::npos);
}

TEST(ChatTemplateTest, Llama31PutsToolsInTheFirstUserMessage) {
  ChatTemplate chat = Load("llama3_1.json");
  const char* tools =
      R"([{"type": "function", "function": {"name": "f", "parameters": {"a": 1}}}])";
  EXPECT_EQ(
      Render(chat, R"([{"role": "user", "content": "Go"}])", false, tools),
      "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
      "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 14 Mar "
      "2025\n\n<|eot_id|>"
      "<|start_header_id|>user<|end_header_id|>\n\n"
      "Given the following functions, please respond with a JSON for a function call "
      "with its proper arguments that best answers the given prompt.\n\n"
      "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name "
      "and its value}.Do not use variables.\n\n"
      "{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"f\",\n"
      "        \"parameters\": {\n            \"a\": 1\n        }\n    }\n}\n\n"
      "Go<|eot_id|>");
}

TEST(ChatTemplateTest, MistralV01) {
  ChatTemplate chat = Load("mistral_v0_1.json");
  EXPECT_EQ(chat.bos_token(), "<s>");  // from an AddedToken object
  EXPECT_EQ(Render(chat, kWithoutSystem, false),
            "<s>[INST] Hi [/INST]Hello!</s> [INST] Thanks [/INST]");
  EXPECT_EQ(Render(chat, kWithSystem, false),
            "ERROR: chat_template: template raised an exception: Conversation roles must alternate "
            "user/assistant/user/assistant/...");
}

TEST(ChatTemplateTest, MistralV03JoinsTheSystemMessageToTheLastUserTurn) {
  ChatTemplate chat = Load("mistral_v0_3.json");
  EXPECT_EQ(Render(chat, kWithSystem, false),
            "<s>[INST] Hi[/INST] Hello! How can I help?</s>[INST] You are helpful.\n\nWhat is "
            "2+2?[/INST]");
  EXPECT_EQ(Render(chat, kWithoutSystem, true),
            "<s>[INST] Hi[/INST] Hello!</s>[INST] Thanks[/INST]");
  EXPECT_EQ(
      Render(chat, R"([{"role": "assistant", "content": "x"}])", false),
      "ERROR: chat_template: template raised an exception: After the optional system message, "
      "conversation roles must alternate user/assistant/user/assistant/...");
}

TEST(ChatTemplateTest, MistralV03Tools) {
  ChatTemplate chat = Load("mistral_v0_3.json");
  const char* messages = R"([
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "tool_calls": [{"id": "abc123def", "type": "function",
      "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
    {"role": "tool", "tool_call_id": "abc123def", "content": "22C"},
    {"role": "assistant", "content": "It is 22C."}])";
  EXPECT_EQ(
      Render(chat, messages, false, kWeatherTool),
      "<s>[AVAILABLE_TOOLS] [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
      "\"description\": \"Get the weather\", \"parameters\": {\"type\": \"object\", "
      "\"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": "
      "[\"city\"]}}}][/AVAILABLE_TOOLS]"
      "[INST] Weather in Paris?[/INST]"
      "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": "
      "\"abc123def\"}]</s>"
      "[TOOL_RESULTS] {\"content\": 22C, \"call_id\": \"abc123def\"}[/TOOL_RESULTS]"
      " It is 22C.</s>");
}

TEST(ChatTemplateTest, Zephyr) {
  ChatTemplate chat = Load("zephyr.json");
  EXPECT_EQ(Render(chat, kWithSystem, true),
            "<|system|>\nYou are helpful.</s>\n<|user|>\nHi</s>\n<|assistant|>\nHello! How can I "
            "help?</s>\n"
            "<|user|>\nWhat is 2+2?</s>\n<|assistant|>\n");
  EXPECT_EQ(Render(chat, kWithoutSystem, false),
            "<|user|>\nHi</s>\n<|assistant|>\nHello!</s>\n<|user|>\nThanks</s>\n");
}

TEST(ChatTemplateTest, GemmaUsesRoleModelAndRefusesSystemMessages) {
  ChatTemplate chat = Load("gemma.json");
  EXPECT_EQ(Render(chat, kWithoutSystem, true),
            "<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nHello!<end_of_turn>\n"
            "<start_of_turn>user\nThanks<end_of_turn>\n<start_of_turn>model\n");
  EXPECT_EQ(Render(chat, kWithoutSystem, false),
            "<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nHello!<end_of_turn>\n"
            "<start_of_turn>user\nThanks<end_of_turn>\n");
  EXPECT_EQ(Render(chat, kWithSystem, true),
            "ERROR: chat_template: template raised an exception: System role not supported");
  EXPECT_EQ(
      Render(chat, R"([{"role": "assistant", "content": "Hi"}, {"role": "user", "content": "x"}])",
             true),
      "ERROR: chat_template: template raised an exception: Conversation roles must alternate "
      "user/assistant/user/assistant/...");
}

TEST(ChatTemplateTest, NamedTemplatesPickDefaultOrTheOneAskedFor) {
  ChatTemplate chat = Load("named_templates.json");
  EXPECT_EQ(chat.available_names(), (std::vector<std::string>{"default", "tool_use"}));
  EXPECT_EQ(Render(chat, R"([{"role": "user", "content": "Hi"}])", true),
            "<|begin_of_text|><|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  ChatTemplateOptions options;
  options.template_name = "tool_use";
  ChatTemplate tool_use = Load("named_templates.json", options);
  EXPECT_EQ(
      Render(tool_use, R"([{"role": "user", "content": "Hi"}])", false,
             R"([{"name": "a"}, {"name": "b"}])"),
      "<|begin_of_text|><|im_start|>system\nYou are a function calling AI model. You may call one "
      "or more "
      "functions to assist with the user query. Here are the available tools: <tools> "
      "{\"name\": \"a\"} {\"name\": \"b\"} </tools><|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
  options.template_name = "rag";
  auto missing =
      ChatTemplate::FromTokenizerConfig(ReadFixture("named_templates.json"), "tok.json", options);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message(),
            "tok.json: no chat template named 'rag' (available: default, tool_use)");
}

TEST(ChatTemplateTest, TokenOverridesAndJinjaFiles) {
  ChatTemplateOptions options;
  options.bos_token = "[BOS]";
  options.eos_token = "[EOS]";
  ChatTemplate chat = Load("mistral_v0_1.json", options);
  EXPECT_EQ(
      Render(chat, R"([{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}])",
             false),
      "[BOS][INST] a [/INST]b[EOS] ");
  auto fs = NewMemoryFileSystem();
  fs->AddFile("t/chatml.jinja", ReadFixture("chatml.jinja"));
  auto jinja = ChatTemplate::Load(*fs, "t/chatml.jinja");
  ASSERT_TRUE(jinja.has_value()) << jinja.error().message();
  EXPECT_EQ(Render(*jinja, kWithoutSystem, false),
            "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
            "<|im_start|>user\nThanks<|im_end|>\n");
  fs->AddFile("t/tokenizer_config.json", ReadFixture("zephyr.json"));
  auto config = ChatTemplate::Load(*fs, "t/tokenizer_config.json");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_EQ(config->eos_token(), "</s>");
}

TEST(ChatTemplateTest, LoadErrorsNameTheFileAndTheTemplate) {
  auto no_template = ChatTemplate::FromTokenizerConfig(R"({"bos_token": "<s>"})", "tok.json");
  ASSERT_FALSE(no_template.has_value());
  EXPECT_EQ(no_template.error().message(),
            "tok.json: no chat_template (is this a chat model's tokenizer_config.json?)");
  auto bad = ChatTemplate::FromTokenizerConfig(R"({"chat_template": "{{ x }}\n{{ m|trimm }}"})",
                                               "tok.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(),
            "tok.json: chat_template:2:6: unknown filter 'trimm' (did you mean 'trim'?)");
  auto not_json = ChatTemplate::FromTokenizerConfig("{", "tok.json");
  ASSERT_FALSE(not_json.has_value());
  EXPECT_EQ(not_json.error().message().rfind("tok.json: not a JSON object", 0), 0u);
  auto fs = NewMemoryFileSystem();
  EXPECT_FALSE(ChatTemplate::Load(*fs, "absent.json").has_value());
}

TEST(ChatTemplateTest, MessagesMustBeAListOfObjects) {
  ChatTemplate chat = Load("llama3.json");
  EXPECT_EQ(Render(chat, R"({"role": "user"})", false),
            "ERROR: messages must be a list of {role, content} objects");
  EXPECT_EQ(Render(chat, R"(["hi"])", false),
            "ERROR: messages must be a list of {role, content} objects");
}

}  // namespace
}  // namespace winnow::jinja
