// winnow split: train/test/validation files by ratio, seeded, exact sizes, optionally grouped.

#include <cstdio>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/ops/split_step.h"

namespace winnow::cli {
namespace {

struct SplitFlags {
  InputFlags input;
  std::string output_dir;
  std::string ratios = "train=0.9,test=0.1";
  std::string group_by;
  std::string output_format = "jsonl";
  int64_t seed = 0;
};

Result<int> RunSplitChecked(const SplitFlags& flags) {
  WINNOW_ASSIGN_OR_RETURN(auto splits, ParseSplitRatios(flags.ratios));
  std::optional<FieldPath> group_by;
  if (!flags.group_by.empty()) {
    WINNOW_ASSIGN_OR_RETURN(group_by, FieldPath::Parse(flags.group_by));
  }
  for (const auto& input : flags.input.inputs) {
    if (input == "-") {
      return Error(Status::InvalidArgument("split reads its input twice; give files, not stdin"));
    }
  }
  // Pass 1: count rows and collect group keys.
  WINNOW_ASSIGN_OR_RETURN(OpenedInput first, OpenInputs(flags.input, "split (pass 1/2)"));
  SplitKeyStep keys(group_by);
  std::vector<Step*> key_steps = {&keys};
  WINNOW_ASSIGN_OR_RETURN(auto counted,
                          RunLinear(*first.reader, key_steps, nullptr, nullptr, first.run_options));
  (void)counted;
  SplitPlan plan = group_by ? SplitPlan::ForGroups(keys.row_groups(), splits, flags.seed)
                            : SplitPlan::ForRows(keys.rows(), splits, flags.seed);
  // Pass 2: route every row to its split's file.
  WINNOW_ASSIGN_OR_RETURN(OpenedInput second, OpenInputs(flags.input, "split (pass 2/2)"));
  WINNOW_ASSIGN_OR_RETURN(Format format, ParseFormatName(flags.output_format));
  std::vector<std::unique_ptr<DatasetWriter>> writers;
  std::vector<DatasetWriter*> writer_pointers;
  std::string extension = flags.output_format == "json" ? ".json" : "." + flags.output_format;
  for (const auto& split : splits) {
    DatasetWriterOptions options;
    options.format = format;
    WINNOW_ASSIGN_OR_RETURN(
        auto writer, DatasetWriter::Create(
                         *second.fs, flags.output_dir + "/" + split.name + extension, options));
    writer_pointers.push_back(writer.get());
    writers.push_back(std::move(writer));
  }
  SplitRouteStep route(plan, writer_pointers);
  std::vector<Step*> route_steps = {&route};
  WINNOW_ASSIGN_OR_RETURN(auto routed, RunLinear(*second.reader, route_steps, nullptr,
                                                 second.rejects.get(), second.run_options));
  for (auto& writer : writers) WINNOW_RETURN_IF_ERROR(writer->Commit());
  WINNOW_RETURN_IF_ERROR(FinishInputs(second, routed));
  if (!flags.input.quiet) {
    for (size_t k = 0; k < splits.size(); ++k) {
      std::fprintf(stderr, "winnow: %-12s %8llu rows  %s\n", splits[k].name.c_str(),
                   static_cast<unsigned long long>(writers[k]->rows_written()),
                   writers[k]->paths().empty() ? "" : writers[k]->paths()[0].c_str());
    }
    if (group_by) {
      std::fprintf(stderr, "winnow: grouped by %s (%llu rows without it were their own group)\n",
                   flags.group_by.c_str(), static_cast<unsigned long long>(keys.missing_group()));
    }
  }
  return kExitOk;
}

}  // namespace

void AddSplitCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<SplitFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "split",
      "Split into train/test/validation files: exact sizes by ratio, seeded shuffle, "
      "--group-by so records sharing a value (e.g. the prompt) never land on two sides");
  AddInputFlags(command, &flags->input);
  command
      ->add_option("-o,--output-dir", flags->output_dir,
                   "Folder for <split>.<format> files (must exist)")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--ratios", flags->ratios,
                      "name=ratio pairs adding up to 1 (default train=0.9,test=0.1)");
  command->add_option("--group-by", flags->group_by,
                      "Field path whose equal values stay in one split (e.g. prompt, "
                      "messages[0].content)");
  command->add_option("--seed", flags->seed, "Shuffle seed (default 0)");
  command->add_option("--output-format", flags->output_format, "jsonl (default), json, csv, tsv")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "tsv"}));
  command->callback([flags, run] {
    *run = [flags] {
      auto result = RunSplitChecked(*flags);
      return result ? *result : ReportError(result.error());
    };
  });
}

}  // namespace winnow::cli
