// winnow inspect: the dataset profile ("vibe check") as terminal tables, JSON or an HTML page.

#include <cstdio>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/formats/trl_type.h"
#include "winnow/io/atomic_output.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/stats/profile_step.h"
#include "winnow/stats/report_html.h"
#include "winnow/stats/report_json.h"
#include "winnow/stats/report_text.h"

namespace winnow::cli {
namespace {

struct InspectFlags {
  InputFlags input;
  bool json = false;
  std::string html_path;
  std::string json_path;
  bool no_duplicates = false;
  size_t width = 0;
  std::string descriptives;  // a field path: profile its text descriptives as extra columns
  std::string descriptive_groups = "all";
};

Status WriteFile(FileSystem& fs, const std::string& path, const std::string& contents) {
  WINNOW_ASSIGN_OR_RETURN(auto output, AtomicOutput::Create(fs, path));
  WINNOW_RETURN_IF_ERROR(output->sink().Write(contents));
  return output->Commit();
}

int RunInspect(const InspectFlags& flags) {
  auto opened = OpenInputs(flags.input, "inspect");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  ProfileOptions options;
  options.duplicates = !flags.no_duplicates;
  ProfileStep profile_step(options);
  std::vector<Step*> steps = {&profile_step};
  // --descriptives FIELD: the describe step adds its metrics as columns before profiling, so they
  // get the same statistics, histograms and outliers as any numeric column.
  std::unique_ptr<Step> describe;
  if (!flags.descriptives.empty()) {
    auto created =
        CreateStep("describe", StepOptions("describe", {{"field", flags.descriptives},
                                                        {"groups", flags.descriptive_groups},
                                                        {"prefix", "desc_"}}));
    if (!created) return ReportError(created.error());
    describe = std::move(*created);
    steps.insert(steps.begin(), describe.get());
  }
  auto result = RunLinear(*input.reader, steps, nullptr, input.rejects.get(), input.run_options);
  if (!result) return ReportError(result.error());
  Status status = FinishInputs(input, *result);
  if (!status.ok()) return ReportError(status);

  DatasetProfile& profile = profile_step.profile();
  for (const auto& file : input.reader->files())
    profile.sources.push_back(file.is_stdin ? "-" : file.path);
  profile.bytes = result->bytes_read;
  profile.seconds = result->seconds;
  profile.bad_records = result->bad_records;
  profile.warnings = input.reader->warnings();
  profile.trl = DetectTrlType(profile);

  if (!flags.html_path.empty()) {
    status = WriteFile(*input.fs, flags.html_path, RenderProfileHtml(profile));
    if (!status.ok()) return ReportError(status);
  }
  if (!flags.json_path.empty()) {
    status = WriteFile(*input.fs, flags.json_path, RenderProfileJson(profile));
    if (!status.ok()) return ReportError(status);
  }
  if (flags.json) {
    std::string json = RenderProfileJson(profile);
    std::fwrite(json.data(), 1, json.size(), stdout);
  } else {
    std::string text = RenderProfileText(profile, flags.width ? flags.width : TerminalWidth());
    if (!text.empty() && text.back() != '\n') text.push_back('\n');
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!flags.html_path.empty() && !flags.input.quiet) {
    std::fprintf(stderr, "winnow: wrote %s\n", flags.html_path.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddInspectCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<InspectFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "inspect",
      "Profile a dataset: row count, columns and JSON types, per-column statistics (numbers, "
      "labels, text lengths, lists, bools), conversation shape, exact duplicates, outliers, and "
      "the TRL dataset type with the evidence");
  AddInputFlags(command, &flags->input);
  command->add_flag(
      "--json", flags->json,
      "Print the profile as JSON (schema winnow.inspect/1, see docs/inspect-json.md)");
  command->add_option("--json-out", flags->json_path, "Also write the JSON profile to this file");
  command->add_option("--html", flags->html_path,
                      "Also write a self-contained HTML report (SVG histograms, works offline)");
  command->add_flag("--no-duplicates", flags->no_duplicates,
                    "Skip exact-duplicate counting (saves memory on huge inputs)");
  command->add_option("--descriptives", flags->descriptives,
                      "Also profile the text descriptives of this field (readability, lengths, "
                      "quality ratios; see `winnow describe`) as desc_* columns");
  command->add_option("--descriptive-groups", flags->descriptive_groups,
                      "Which descriptives: descriptive_stats, readability, quality, all (default)");
  command->add_option("--width", flags->width, "Text report width (default: the terminal's)");
  command->callback([flags, run] { *run = [flags] { return RunInspect(*flags); }; });
}

}  // namespace winnow::cli
