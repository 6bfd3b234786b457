// winnow describe: add text descriptives (readability, lengths, repetition and quality ratios,
// conversation shape) as columns, and summarise them over the dataset.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/text/describe_step.h"
#include "winnow/text/unigram_model.h"

namespace winnow::cli {
namespace {

struct DescribeFlags {
  InputFlags input;
  OutputFlags output;
  std::string field = "text";
  std::vector<std::string> roles;
  bool role_prefix = false;
  std::string groups = "all";
  std::string prefix;
  std::string summary_path;
  std::string tokenizer;
  bool summary_only = false;
};

int RunDescribe(DescribeFlags flags) {
  std::string roles;
  for (const std::string& role : flags.roles) roles += (roles.empty() ? "" : ",") + role;
  auto step = CreateStep(
      "describe", StepOptions("describe", {{"field", flags.field},
                                           {"roles", roles},
                                           {"role_prefix", flags.role_prefix ? "true" : "false"},
                                           {"groups", flags.groups},
                                           {"prefix", flags.prefix}}));
  if (!step) return ReportError(step.error());
  auto& describe = static_cast<DescribeStep&>(**step);
  if (describe.groups() & kEntropy) {
    // Pass 1: the unigram model of the whole input.
    for (const std::string& path : flags.input.inputs) {
      if (path == "-") {
        std::fputs("winnow: --groups entropy reads the input twice: give files, not stdin\n",
                   stderr);
        return kExitUsage;
      }
    }
    auto first = OpenInputs(flags.input, "describe: unigram model");
    if (!first) return ReportError(first.error());
    UnigramCountStep count(describe.view());
    auto counted = RunLinear(*first->reader, {&count}, nullptr, nullptr, first->run_options);
    if (!counted) return ReportError(counted.error());
    describe.SetUnigramModel(std::make_shared<UnigramModel>(count.TakeModel()));
  }
  auto opened = OpenInputs(flags.input, "describe");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  if (flags.summary_only) {
    flags.output.path = "/dev/null";
    flags.output.output_format = "jsonl";
  }
  auto result = RunToOutput(input, flags.output, {step->get()});
  if (!result) return ReportError(result.error());
  const DescribeSummary summary = static_cast<const DescribeStep&>(**step).Summary();
  if (!flags.input.quiet || flags.summary_only) {
    std::fputs(DescribeSummaryText(summary).c_str(), flags.summary_only ? stdout : stderr);
  }
  if (!flags.summary_path.empty()) {
    Status written = WriteWholeFile(*input.fs, flags.summary_path, DescribeSummaryJson(summary));
    if (!written.ok()) return ReportError(written);
  }
  return kExitOk;
}

}  // namespace

void AddDescribeCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<DescribeFlags>();
  CLI::App* command = app.add_subcommand(
      "describe",
      "Add text descriptives as columns (readability, lengths, syllables, repetition and quality "
      "ratios, conversation shape) and summarise them");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command->add_option("--field", flags->field,
                      "The text to describe: a field path; a chat message list is joined and "
                      "also gets conversation descriptives (default: text)");
  command->add_option("--roles", flags->roles, "With a message list: only these roles' turns")
      ->delimiter(',');
  command->add_flag("--role-prefix", flags->role_prefix, "Prefix each turn with its role");
  command->add_option("--groups", flags->groups,
                      "descriptive_stats, readability, quality, or all (default); add entropy "
                      "for entropy and perplexity under the dataset's own unigram model (reads "
                      "the input twice)");
  command->add_option("--tokenizer", flags->tokenizer,
                      "Count model tokens (n_model_tokens, and per role) with a tokenizer.json, a "
                      "folder holding one, or a SentencePiece .model");
  command->add_option("--prefix", flags->prefix, "Prefix for the added column names");
  command->add_option("--summary", flags->summary_path,
                      "Write the dataset summary (per metric mean/median/std/min/max, distinct-n) "
                      "as JSON");
  command->add_flag("--summary-only", flags->summary_only,
                    "Print the summary to stdout and write no records");
  command->callback([flags, run] { *run = [flags] { return RunDescribe(*flags); }; });
}

}  // namespace winnow::cli
