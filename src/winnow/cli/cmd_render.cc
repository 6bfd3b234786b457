// winnow render: each record's conversation rendered with a model's chat template into a text
// field (the record keeps its other fields).

#include <cstdio>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/template/chat_template.h"
#include "winnow/template/chat_template_step.h"

namespace winnow::cli {
namespace {

struct RenderFlags {
  InputFlags input;
  OutputFlags output;
  std::string chat_template;
  std::string template_name;
  std::string bos_token;
  std::string eos_token;
  bool bos_given = false;
  bool eos_given = false;
  ChatTemplateStepOptions step;
};

// Rejected records are data, not errors, but never silent: say how many and where they went.
void ReportRejects(const OpenedInput& input, const Step& step) {
  uint64_t failed = step.counters().Get("dropped.render_error");
  if (failed == 0) return;
  std::fprintf(stderr, "winnow: %llu record(s) could not be rendered%s\n",
               static_cast<unsigned long long>(failed),
               input.rejects
                   ? (" (written to " + input.rejects->path() + " with the reason)").c_str()
                   : " (use --reject FILE to keep them with the reason)");
}

int RunRender(const RenderFlags& flags) {
  auto opened = OpenInputs(flags.input, "render");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  jinja::ChatTemplateOptions options;
  options.template_name = flags.template_name;
  if (flags.bos_given) options.bos_token = flags.bos_token;
  if (flags.eos_given) options.eos_token = flags.eos_token;
  auto chat = jinja::ChatTemplate::Load(*input.fs, flags.chat_template, std::move(options));
  if (!chat) return ReportError(chat.error());
  ChatTemplateStep step(std::move(*chat), flags.step);
  auto result = RunToOutput(input, flags.output, {&step});
  if (!result) return ReportError(result.error());
  ReportRejects(input, step);
  return kExitOk;
}

}  // namespace

void AddRenderCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<RenderFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "render", "Render conversations with a model's chat template into a text field");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command
      ->add_option("--chat-template", flags->chat_template,
                   "A model's tokenizer_config.json (its chat_template) or a .jinja template file")
      ->required();
  command->add_option("--template-name", flags->template_name,
                      "Which named template of a config that has several (default: \"default\")");
  command->add_flag("--add-generation-prompt", flags->step.add_generation_prompt,
                    "End each text with the assistant's header, ready for generation");
  command->add_option("--messages", flags->step.messages_field,
                      "Field holding the messages, a list of {role, content} (default messages)");
  command->add_option("--tools", flags->step.tools_field,
                      "Field holding tool schemas, used when a record has it (default tools)");
  command->add_option("--output-field", flags->step.output_field,
                      "Field the rendered text is written to (default text)");
  command->add_flag("--drop-messages", flags->step.drop_messages,
                    "Remove the messages field from the output");
  command->add_option("--bos-token", flags->bos_token, "Use this bos_token instead of the config's")
      ->each([flags](const std::string&) { flags->bos_given = true; });
  command->add_option("--eos-token", flags->eos_token, "Use this eos_token instead of the config's")
      ->each([flags](const std::string&) { flags->eos_given = true; });
  command->callback([flags, run] { *run = [flags] { return RunRender(*flags); }; });
}

}  // namespace winnow::cli
