#include "winnow/template/chat_template_step.h"

#include <utility>

#include "winnow/record/chat_message.h"
#include "winnow/record/json_builder.h"

namespace winnow {

namespace {

// True when some message uses ShareGPT's keys (from/value) instead of OpenAI's role/content.
bool NeedsNormalising(simdjson::dom::element messages) {
  simdjson::dom::array list;
  if (messages.get_array().get(list)) return false;
  for (simdjson::dom::element message : list) {
    if (message.is_object() && message.at_key("role").error()) return true;
  }
  return false;
}

}  // namespace

Result<std::string> ChatTemplateStep::RenderRecord(const Record& record,
                                                   simdjson::dom::parser& parser) const {
  simdjson::dom::element messages;
  std::string field = options_.messages_field;
  if (record.Field(field).get(messages) != simdjson::SUCCESS) {
    // ShareGPT data keeps its conversation under "conversations".
    if (field != "messages" || record.Field("conversations").get(messages) != simdjson::SUCCESS) {
      return Error(Status::InvalidInput("missing field \"" + options_.messages_field + "\""));
    }
    field = "conversations";
  }
  if (NeedsNormalising(messages)) {
    // Chat templates read role/content: map ShareGPT turns (human, gpt, function_call,
    // observation) to OpenAI messages first, as `winnow convert --to messages` would.
    WINNOW_ASSIGN_OR_RETURN(auto turns, ReadChatMessages(messages, field, parser));
    JsonBuilder json;
    WriteOpenAiMessages(turns, {}, &json);
    if (parser.parse(json.str()).get(messages) != simdjson::SUCCESS) {
      return Error(Status::Internal("normalised messages did not parse"));
    }
  }
  simdjson::dom::element tools;
  bool has_tools =
      record.Field(options_.tools_field).get(tools) == simdjson::SUCCESS && !tools.is_null();
  jinja::ChatInput input;
  input.messages = messages;
  input.tools = has_tools ? &tools : nullptr;
  input.add_generation_prompt = options_.add_generation_prompt;
  return template_.Render(input);
}

Status ChatTemplateStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t rendered = 0;
  uint64_t failed = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Record& record = batch.records[i];
    if (!record.parsed()) WINNOW_RETURN_IF_ERROR(record.Parse(*ctx.parser));
    auto text = RenderRecord(record, *ctx.parser);
    if (!text) {
      // The reject file records the source and line; the reason names the template.
      batch.Reject(i, "chat_template", text.error().message());
      ++failed;
      continue;
    }
    WINNOW_RETURN_IF_ERROR(record.SetString(options_.output_field, *text, *ctx.parser));
    if (options_.drop_messages && options_.messages_field != options_.output_field) {
      record.Remove(options_.messages_field);
    }
    ++rendered;
  }
  batch.Compact();
  ctx.counters->Add("rendered", rendered);
  if (failed > 0) ctx.counters->Add("dropped.render_error", failed);
  return Status::OK();
}

Result<std::unique_ptr<Step>> CreateChatTemplateStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string path, options.GetString("template", ""));
  if (path.empty()) {
    return Error(
        Status::InvalidArgument("step 'chat_template': option 'template' (tokenizer_config.json or "
                                ".jinja file) is required"));
  }
  jinja::ChatTemplateOptions load;
  WINNOW_ASSIGN_OR_RETURN(load.template_name, options.GetString("template_name", ""));
  if (options.Has("bos_token")) {
    WINNOW_ASSIGN_OR_RETURN(load.bos_token, options.GetString("bos_token", ""));
  }
  if (options.Has("eos_token")) {
    WINNOW_ASSIGN_OR_RETURN(load.eos_token, options.GetString("eos_token", ""));
  }
  ChatTemplateStepOptions step;
  WINNOW_ASSIGN_OR_RETURN(step.messages_field, options.GetString("messages", step.messages_field));
  WINNOW_ASSIGN_OR_RETURN(step.tools_field, options.GetString("tools", step.tools_field));
  WINNOW_ASSIGN_OR_RETURN(step.output_field, options.GetString("output", step.output_field));
  WINNOW_ASSIGN_OR_RETURN(step.add_generation_prompt,
                          options.GetBool("add_generation_prompt", false));
  WINNOW_ASSIGN_OR_RETURN(step.drop_messages, options.GetBool("drop_messages", false));
  // The step table is where pipelines meet the real file system.
  auto fs = NewLocalFileSystem();
  auto chat = jinja::ChatTemplate::Load(*fs, path, std::move(load));
  if (!chat) return Error(chat.error().WithPrefix("step 'chat_template'"));
  return std::unique_ptr<Step>(new ChatTemplateStep(std::move(*chat), std::move(step)));
}

}  // namespace winnow
