#pragma once

// ChatTemplate: a model's chat template (the Jinja source Hugging Face models ship in
// tokenizer_config.json as `chat_template`) with the model's special tokens, rendering a message
// list to the exact text the model was trained on, as transformers' apply_chat_template does:
// trim_blocks and lstrip_blocks on, loop controls, raise_exception(), strftime_now(), tojson
// with Python's separators, and the special tokens (bos_token, eos_token, ...) as variables.
//
// Immutable after loading; Render may run concurrently from several threads.

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/io/file_system.h"
#include "winnow/template/template.h"
#include "winnow/template/value.h"

namespace winnow::jinja {

// Seconds since the Unix epoch. strftime_now() reads its time from here, so tests and
// reproducible runs can fix it (Hugging Face uses the wall clock).
using ClockFunction = std::function<int64_t()>;

// The wall clock, for production callers.
int64_t SystemClockSeconds();

struct ChatTemplateOptions {
  // Which template of a tokenizer_config.json that lists several ({name, template} pairs):
  // empty means "default". Ignored for a single template.
  std::string template_name;
  // Replace the special tokens the config declares (absent: keep the config's, or "").
  std::optional<std::string> bos_token;
  std::optional<std::string> eos_token;
  // The time strftime_now() formats, in UTC. Null: the system clock.
  ClockFunction clock;
};

// One conversation to render.
struct ChatInput {
  // The messages: an array of {"role", "content", ...} objects (OpenAI form).
  simdjson::dom::element messages;
  // Tool schemas for templates with a tools branch; null leaves `tools` None as transformers does.
  const simdjson::dom::element* tools = nullptr;
  bool add_generation_prompt = false;
  // An object whose keys become extra template variables (e.g. enable_thinking); may be null.
  const Value* variables = nullptr;
};

class ChatTemplate {
 public:
  // From the text of a tokenizer_config.json. `origin` (the file name) prefixes load errors:
  // "tok.json: no chat_template", "tok.json: chat_template:3:14: unknown filter 'trimm'".
  static Result<ChatTemplate> FromTokenizerConfig(std::string_view json, std::string_view origin,
                                                  ChatTemplateOptions options = {});
  // From Jinja source (a chat_template.jinja file); `origin` names it in errors.
  static Result<ChatTemplate> FromSource(std::string_view source, std::string_view origin,
                                         ChatTemplateOptions options = {});
  // Reads `path`: a .json file is a tokenizer config, anything else Jinja source.
  static Result<ChatTemplate> Load(FileSystem& fs, const std::string& path,
                                   ChatTemplateOptions options = {});

  // Renders one conversation. Errors: messages that are not a list of objects, and whatever the
  // template raises ("chat_template: template raised an exception: Conversation roles must
  // alternate user/assistant/user/assistant/...").
  Result<std::string> Render(const ChatInput& input) const;

  const std::string& bos_token() const { return bos_token_; }
  const std::string& eos_token() const { return eos_token_; }
  // The template names a tokenizer config offers (empty for a single template).
  const std::vector<std::string>& available_names() const { return available_names_; }
  const Template& compiled() const { return template_; }

 private:
  explicit ChatTemplate(Template compiled) : template_(std::move(compiled)) {}
  void SetToken(const std::string& name, std::string text);

  Template template_;
  // Special tokens by name (bos_token, eos_token, ...), made into fresh Values for every render
  // so no render can change what another sees.
  std::vector<std::pair<std::string, std::string>> tokens_;
  std::optional<std::vector<std::string>> additional_special_tokens_;
  ClockFunction clock_;
  std::string bos_token_;
  std::string eos_token_;
  std::vector<std::string> available_names_;
};

}  // namespace winnow::jinja
