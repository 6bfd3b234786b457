// winnow markdown: clean Markdown documents for LLM datasets (the markdown_clean step), one
// record per .md file with its front matter as columns.

#include <cstdio>
#include <memory>
#include <string>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/text/markdown_clean_step.h"

namespace winnow::cli {
namespace {

struct MarkdownFlags {
  InputFlags input;
  OutputFlags output;
  std::string field = "text";
  std::string front_matter = "columns";
  bool drop_code = false;
  bool drop_tables = false;
  bool keep_image_alt = false;
  bool drop_urls = false;
};

StepOptions StepOptionsFrom(const MarkdownFlags& flags) {
  auto flag = [](bool value) { return std::string(value ? "true" : "false"); };
  return StepOptions("markdown_clean", {{"field", flags.field},
                                        {"front_matter", flags.front_matter},
                                        {"drop_code", flag(flags.drop_code)},
                                        {"drop_tables", flag(flags.drop_tables)},
                                        {"keep_image_alt", flag(flags.keep_image_alt)},
                                        {"drop_autolinks", flag(flags.drop_urls)},
                                        {"drop_bare_urls", flag(flags.drop_urls)}});
}

void PrintSummary(const MarkdownCleanStats& stats, uint64_t rejected, bool has_reject_file) {
  const double fraction =
      stats.bytes_in == 0 ? 0.0 : 100.0 * static_cast<double>(stats.removed()) / stats.bytes_in;
  std::fprintf(stderr, "winnow: cleaned %llu document(s): %llu -> %llu bytes (%.1f%% removed)\n",
               static_cast<unsigned long long>(stats.documents),
               static_cast<unsigned long long>(stats.bytes_in),
               static_cast<unsigned long long>(stats.bytes_out), fraction);
  const std::pair<const char*, uint64_t> categories[] = {
      {"front_matter", stats.front_matter},
      {"html_comments", stats.html_comments},
      {"html_tags", stats.html_tags},
      {"badges", stats.badges},
      {"images", stats.images},
      {"link_urls", stats.link_urls},
      {"code_blocks", stats.code_blocks},
      {"tables", stats.tables},
      {"whitespace", stats.whitespace},
  };
  std::string line = "winnow: removed bytes:";
  for (const auto& [name, bytes] : categories) {
    line += " " + std::string(name) + " " + std::to_string(bytes);
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  if (rejected > 0) {
    std::fprintf(stderr, "winnow: rejected %llu document(s)%s\n",
                 static_cast<unsigned long long>(rejected),
                 has_reject_file ? "" : " (use --reject FILE to see why)");
  }
}

int RunMarkdown(MarkdownFlags flags) {
  // Plain .md files become records whose text field is the one the step reads.
  if (flags.input.text_field == "text") flags.input.text_field = flags.field;
  auto step = CreateStep("markdown_clean", StepOptionsFrom(flags));
  if (!step) return ReportError(step.error());
  auto opened = OpenInputs(flags.input, "markdown");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  auto result = RunToOutput(input, flags.output, {step->get()});
  if (!result) return ReportError(result.error());
  if (!flags.input.quiet) {
    const auto& clean = static_cast<const MarkdownCleanStep&>(**step);
    PrintSummary(clean.Totals(), clean.counters().Get("rejected"),
                 !flags.input.reject_path.empty());
  }
  return kExitOk;
}

}  // namespace

void AddMarkdownCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<MarkdownFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "markdown",
      "Clean Markdown for LLM datasets: one record per .md file, YAML front matter as columns; "
      "HTML, comments, badges, images and link URLs removed");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command->add_option("--field", flags->field,
                      "Field holding the Markdown (JSONL/CSV input; .md files are read into it)");
  command
      ->add_option("--front-matter", flags->front_matter,
                   "columns: one column per key (fm_<key> when it clashes, default); object: one "
                   "front_matter column; drop")
      ->check(CLI::IsMember({"columns", "object", "drop"}));
  command->add_flag("--drop-code", flags->drop_code, "Remove code blocks (default: keep)");
  command->add_flag("--drop-tables", flags->drop_tables, "Remove tables (default: keep)");
  command->add_flag("--keep-image-alt", flags->keep_image_alt,
                    "Keep images' alt text (default: remove images entirely)");
  command->add_flag("--drop-urls", flags->drop_urls,
                    "Also remove autolinks and bare URLs (link URLs always go)");
  command->callback([flags, run] { *run = [flags] { return RunMarkdown(*flags); }; });
}

}  // namespace winnow::cli
