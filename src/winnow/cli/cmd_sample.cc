// winnow sample: a seeded random sample, exact size (reservoir) or a fraction.

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "winnow/cli/command.h"
#include "winnow/cli/io_options.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow::cli {
namespace {

struct SampleFlags {
  InputFlags input;
  OutputFlags output;
  int64_t n = -1;
  double fraction = -1;
  int64_t seed = 0;
};

int RunSample(const SampleFlags& flags) {
  StepOptions options("sample", {});
  if (flags.n >= 0) options.Set("n", std::to_string(flags.n));
  // Shortest round-trip text: std::to_string would turn 1e-7 into "0.000000".
  if (flags.fraction >= 0) options.Set("fraction", fmt::format("{}", flags.fraction));
  options.Set("seed", std::to_string(flags.seed));
  auto step = CreateStep("sample", std::move(options));
  if (!step) return ReportError(step.error());
  auto opened = OpenInputs(flags.input, "sample");
  if (!opened) return ReportError(opened.error());
  OpenedInput& input = *opened;
  auto result = RunToOutput(input, flags.output, {step->get()});
  if (!result) return ReportError(result.error());
  if (!flags.input.quiet) {
    std::fprintf(stderr, "winnow: sampled %llu of %llu records (seed %lld)\n",
                 static_cast<unsigned long long>(result->records_written),
                 static_cast<unsigned long long>((*step)->counters().Get("seen")),
                 static_cast<long long>(flags.seed));
  }
  return kExitOk;
}

}  // namespace

void AddSampleCommand(CLI::App& app, CommandRun* run) {
  auto flags = std::make_shared<SampleFlags>();  // shared with the run callback
  CLI::App* command = app.add_subcommand(
      "sample",
      "Seeded random sample: exactly -n records (reservoir, one pass, input order kept) "
      "or each record with probability --fraction");
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  auto* n = command->add_option("-n,--rows", flags->n, "Sample size (reservoir sampling)");
  auto* fraction =
      command->add_option("--fraction", flags->fraction, "Keep each record with this probability")
          ->check(CLI::Range(0.0, 1.0));
  n->excludes(fraction);
  command->add_option("--seed", flags->seed, "Random seed (default 0)");
  command->callback([flags, run] {
    if (flags->n < 0 && flags->fraction < 0) {
      throw CLI::ValidationError("sample", "give -n ROWS or --fraction P");
    }
    *run = [flags] { return RunSample(*flags); };
  });
}

}  // namespace winnow::cli
