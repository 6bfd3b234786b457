#pragma once

// chat_template: renders each record's conversation with a model's chat template into a text
// field, e.g. for SFT on plain text. A record whose rendering fails (a missing or malformed
// messages field, or the template raising, like Gemma's "System role not supported") is
// rejected with the reason; it never stops the run.

#include <memory>
#include <string>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/template/chat_template.h"

namespace winnow {

struct ChatTemplateStepOptions {
  std::string messages_field = "messages";  // a list of {role, content} objects
  std::string tools_field = "tools";        // optional: tool schemas, when the record has them
  std::string output_field = "text";        // where the rendered string goes
  bool add_generation_prompt = false;       // end with the assistant's header (for prompts)
  bool drop_messages = false;               // remove the messages field after rendering
};

// Parallel and stateless: one ChatTemplate serves every worker.
class ChatTemplateStep : public Step {
 public:
  ChatTemplateStep(jinja::ChatTemplate chat_template, ChatTemplateStepOptions options)
      : template_(std::move(chat_template)), options_(std::move(options)) {}

  std::string_view name() const override { return "chat_template"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  // The rendered text, or the reason the record is rejected.
  // `parser` is scratch for normalising ShareGPT turns; the result does not point into it.
  Result<std::string> RenderRecord(const Record& record, simdjson::dom::parser& parser) const;

  jinja::ChatTemplate template_;
  ChatTemplateStepOptions options_;
};

// Options: template (path to tokenizer_config.json or a .jinja file), template_name, messages,
// tools, output, add_generation_prompt, drop_messages, bos_token, eos_token.
Result<std::unique_ptr<Step>> CreateChatTemplateStep(StepOptions& options);

}  // namespace winnow
