// winnow filter: drop low-quality records with built-in filters (datatrove's Gopher, C4 and
// FineWeb rules, presets) and say why: a reason per rejected record, a summary per filter and
// rule, and a report with dropped and borderline examples.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/filters/filter_presets.h"
#include "winnow/filters/filter_report.h"
#include "winnow/filters/filter_step.h"
#include "winnow/filters/filter_table.h"
#include "winnow/filters/rule_packs.h"
#include "winnow/filters/rule_stages.h"
#include "winnow/io/file_system.h"

namespace winnow::cli {
namespace {

struct FilterFlags {
  InputFlags input;
  OutputFlags output;
  std::string preset;
  std::vector<std::string> filters;   // NAME[:key=value,...]
  std::vector<std::string> settings;  // FILTER.key=value
  std::vector<std::string> rules;     // rules files and pack:NAME
  std::string field = "text";
  std::vector<std::string> roles;
  bool role_prefix = false;
  bool annotate = false;
  std::string id_field = "id";
  std::string report_path;
  size_t examples = 5;
  bool list = false;
};

struct StageRequest {
  std::string filter;  // canonical name
  std::map<std::string, std::string> options;
};

std::string Canonical(std::string name) {
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

// "key=value,key=value"; a piece without '=' continues the previous value (stop_words=a,b,c).
Status ParseKeyValues(const std::string& text, const std::string& context,
                      std::map<std::string, std::string>* out) {
  std::string last_key;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t comma = text.find(',', begin);
    std::string piece =
        text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
    size_t equals = piece.find('=');
    if (equals != std::string::npos) {
      last_key = Canonical(piece.substr(0, equals));
      (*out)[last_key] = piece.substr(equals + 1);
    } else if (!last_key.empty()) {
      (*out)[last_key] += "," + piece;
    } else if (!piece.empty()) {
      return Status::InvalidArgument(context + ": expected key=value, got '" + piece + "'");
    }
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return Status::OK();
}

Result<std::vector<StageRequest>> StageRequests(const FilterFlags& flags) {
  std::vector<StageRequest> stages;
  if (!flags.preset.empty()) {
    WINNOW_ASSIGN_OR_RETURN(const FilterPreset* preset, FindPreset(flags.preset));
    for (const PresetFilter& filter : preset->filters) {
      stages.push_back({filter.filter, filter.options});
    }
  }
  for (const std::string& text : flags.filters) {
    size_t colon = text.find(':');
    StageRequest stage;
    WINNOW_ASSIGN_OR_RETURN(const FilterSpec* spec, FindFilter(text.substr(0, colon)));
    stage.filter = spec->name;
    if (colon != std::string::npos) {
      WINNOW_RETURN_IF_ERROR(
          ParseKeyValues(text.substr(colon + 1), "--filter " + text, &stage.options));
    }
    stages.push_back(std::move(stage));
  }
  for (const std::string& text : flags.settings) {
    size_t dot = text.find('.');
    size_t equals = text.find('=');
    if (dot == std::string::npos || equals == std::string::npos || equals < dot) {
      return Error(Status::InvalidArgument("--set " + text + ": expected FILTER.key=value"));
    }
    const std::string filter = Canonical(text.substr(0, dot));
    bool applied = false;
    for (StageRequest& stage : stages) {
      if (stage.filter != filter) continue;
      stage.options[Canonical(text.substr(dot + 1, equals - dot - 1))] = text.substr(equals + 1);
      applied = true;
    }
    if (!applied) {
      return Error(Status::InvalidArgument("--set " + text + ": no filter '" + filter +
                                           "' in this run (add it with --filter or a preset)"));
    }
  }
  if (stages.empty() && flags.rules.empty()) {
    return Error(Status::InvalidArgument(
        "nothing to filter with: give --preset NAME, --filter NAME or --rules FILE|pack:NAME "
        "(`winnow filter --list`)"));
  }
  return stages;
}

Result<std::unique_ptr<FilterStep>> BuildStep(const FilterFlags& flags) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<StageRequest> requests, StageRequests(flags));
  std::vector<FilterStage> stages;
  if (!flags.rules.empty()) {
    // Rules run first: one pass of pattern sets is far cheaper than the word-level filters, and
    // a record they drop costs the others nothing.
    RuleDefaults defaults;
    defaults.field = flags.field;
    if (!flags.roles.empty()) defaults.roles = flags.roles;
    auto fs = NewLocalFileSystem();
    WINNOW_ASSIGN_OR_RETURN(stages, LoadRuleStages(*fs, flags.rules, defaults));
  }
  for (StageRequest& request : requests) {
    std::map<std::string, std::string> values = {
        {"field", flags.field}, {"role_prefix", flags.role_prefix ? "true" : "false"}};
    std::string roles;
    for (const std::string& role : flags.roles) roles += (roles.empty() ? "" : ",") + role;
    if (!roles.empty()) values["roles"] = roles;
    for (auto& [key, value] : request.options) values[key] = value;
    StepOptions options(request.filter, std::move(values));
    WINNOW_ASSIGN_OR_RETURN(const FilterSpec* spec, FindFilter(request.filter));
    WINNOW_ASSIGN_OR_RETURN(FilterStage stage, CreateFilterStage(*spec, options));
    WINNOW_RETURN_IF_ERROR(options.Finish());
    stages.push_back(std::move(stage));
  }
  FilterStepOptions options;
  options.annotate = flags.annotate;
  options.examples_per_rule = flags.examples;
  if (!flags.id_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(FieldPath id, FieldPath::Parse(flags.id_field));
    options.id_field = std::move(id);
  }
  return std::make_unique<FilterStep>(std::move(stages), std::move(options));
}

void PrintList() {
  std::printf("Filters (use with --filter NAME[:option=value,...] or --set NAME.option=value):\n");
  for (const FilterSpec& spec : FilterTable()) {
    std::printf("\n  %s: %s\n", spec.name, spec.summary);
    std::string options = spec.options;
    size_t begin = 0;
    while (begin < options.size()) {
      size_t end = options.find('\n', begin);
      if (end == std::string::npos) end = options.size();
      std::printf("      %s\n", options.substr(begin, end - begin).c_str());
      begin = end + 1;
    }
  }
  std::printf("\nEvery filter also takes: field, roles, role_prefix (see --field, --roles).\n");
  std::printf("\nRule packs (--rules pack:NAME, or include them from a rules file):\n");
  for (const RulePack& pack : RulePacks()) {
    std::printf("  pack:%.*s (see rules/%.*s.yaml)\n", static_cast<int>(pack.name.size()),
                pack.name.data(), static_cast<int>(pack.name.size()), pack.name.data());
  }
  std::printf("\nPresets (--preset NAME):\n");
  for (const FilterPreset& preset : FilterPresets()) {
    std::string chain;
    for (const PresetFilter& filter : preset.filters) {
      chain += chain.empty() ? "" : " -> ";
      chain += filter.filter;
      for (const auto& [key, value] : filter.options) chain += " " + key + "=" + value;
    }
    std::printf("  %-10s %s\n             %s\n", preset.name.c_str(), preset.summary.c_str(),
                chain.c_str());
  }
}

int RunFilter(const FilterFlags& flags) {
  if (flags.list) {
    PrintList();
    return kExitOk;
  }
  if (flags.input.inputs.empty()) {
    std::fputs("winnow: inputs is required (see winnow filter --help)\n", stderr);
    return kExitUsage;
  }
  auto step = BuildStep(flags);
  if (!step) return ReportError(step.error());
  auto opened = OpenInputs(flags.input, "filter");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  auto result = RunToOutput(input, flags.output, {step->get()});
  if (!result) return ReportError(result.error());
  FilterReport report = (*step)->Report();
  if (!flags.input.quiet) {
    std::fputs(FilterReportText(report).c_str(), stderr);
    if (report.dropped > 0 && flags.input.reject_path.empty() && !flags.annotate) {
      std::fputs("winnow: use --reject FILE to keep the dropped records with their reasons\n",
                 stderr);
    }
  }
  if (!flags.report_path.empty()) {
    const bool html = flags.report_path.ends_with(".html") || flags.report_path.ends_with(".htm");
    Status written = WriteWholeFile(*input.fs, flags.report_path,
                                    html ? FilterReportHtml(report) : FilterReportJson(report));
    if (!written.ok()) return ReportError(written);
  }
  return kExitOk;
}

}  // namespace

void AddFilterCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<FilterFlags>();
  CLI::App* command = app.add_subcommand(
      "filter",
      "Drop low-quality records with datatrove-exact quality filters (Gopher, C4, FineWeb) and "
      "say why: reasons per record, a summary per rule, dropped and borderline examples");
  AddInputFlags(command, &flags->input);
  // `winnow filter --list` needs no input; RunFilter checks it for every other use.
  command->get_option("inputs")->required(false);
  AddOutputFlags(command, &flags->output, false);
  command->add_option("--preset", flags->preset,
                      "A named chain: fineweb, gopher, c4, datatrove (see --list)");
  command->add_option("--filter", flags->filters,
                      "Add a filter: NAME or NAME:option=value,... (repeatable; see --list)");
  command->add_option("--rules", flags->rules,
                      "Phrase/regex rules: a rules file (docs/rules.md) or pack:llm_isms, "
                      "pack:refusals (repeatable; by default on assistant turns of chat data)");
  command->add_option("--set", flags->settings,
                      "Change a filter's option: FILTER.option=value (a number, or off)");
  command->add_option("--field", flags->field,
                      "The text to check: a field path; a chat message list is joined (default: "
                      "text)");
  command
      ->add_option("--roles", flags->roles,
                   "With a message list: check only these roles' turns (e.g. assistant)")
      ->delimiter(',');
  command->add_flag("--role-prefix", flags->role_prefix, "Prefix each turn with its role");
  command->add_flag("--annotate", flags->annotate,
                    "Keep every record; add the measured values as <filter>_<measure> columns "
                    "and filter_reason (null when kept)");
  command->add_option("--id-field", flags->id_field,
                      "Record id shown in report examples (default: id; else file:line)");
  command->add_option("--report", flags->report_path,
                      "Write the report: .json, or .html for a page with examples");
  command->add_option("--examples", flags->examples,
                      "Dropped and borderline examples per rule in the report (default 5)");
  command->add_flag("--list", flags->list, "List the filters, their options and the presets");
  command->callback([flags, run] { *run = [flags] { return RunFilter(*flags); }; });
}

}  // namespace winnow::cli
