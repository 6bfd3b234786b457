// winnow dedup exact|minhash|merge|apply: remove (or mark) duplicate records, keeping one per
// cluster by a keep policy, with a cluster report. The passes live in dedup_run.cc; this file
// turns flags into a method and registers the subcommands.

#include <fmt/format.h>

#include <memory>
#include <string>

#include "winnow/cli/command.h"
#include "winnow/cli/dedup_flags.h"
#include "winnow/cli/dedup_run.h"
#include "winnow/cli/io_options.h"
#include "winnow/dedup/lsh_params.h"

namespace winnow::cli {
namespace {

void AddKeySettings(const FingerprintConfig& config, DedupReport* report) {
  std::string fields;
  for (const auto& field : config.key.fields) fields += (fields.empty() ? "" : ",") + field;
  report->settings.emplace_back("field", fields);
  if (config.part != "all") report->settings.emplace_back("part", config.part);
  report->settings.emplace_back("normalize",
                                std::string(TextNormalizationName(config.key.normalization)));
  report->settings.emplace_back("keep", config.keep);
}

int RunMethod(const DedupFlags& flags, DedupMethod& method, DedupReport& report) {
  auto setup = SetUpFingerprints(method.config);
  if (!setup) return ReportError(setup.error());
  method.setup = std::move(*setup);
  Status status = RunFingerprintDedup(flags, method, &report);
  return status.ok() ? kExitOk : ReportError(status);
}

int RunExact(const DedupFlags& flags) {
  DedupMethod method;
  method.config.method = FingerprintMethod::kExact;
  Status status = ConfigureDedup(flags, &method.config, &method.index);
  if (!status.ok()) return ReportError(status);
  DedupReport report;
  report.method = "exact";
  AddKeySettings(method.config, &report);
  return RunMethod(flags, method, report);
}

Status ConfigureMinHash(const MinHashFlags& flags, FingerprintConfig* config) {
  MinHashOptions& options = config->minhash;
  options.seed = flags.seed;
  if (flags.bands > 0 || flags.rows > 0) {
    if (flags.bands == 0 || flags.rows == 0) {
      return Status::InvalidArgument("--bands and --rows go together");
    }
    options.bands = flags.bands;
    options.rows = flags.rows;
  } else if (flags.threshold > 0 && !flags.verify) {
    // Without a check, bands x rows put the S-curve's midpoint at the threshold (datasketch).
    // With --verify the default, more sensitive 14 x 8 stays: the check removes what it over-finds.
    const BandsRows chosen = OptimalBandsRows(flags.threshold, flags.num_perm);
    options.bands = chosen.bands;
    options.rows = chosen.rows;
  } else if (flags.num_perm != 112 && !flags.verify) {
    return Status::InvalidArgument(
        "--num-perm needs --threshold (to derive bands x rows) or --bands/--rows");
  }
  config->shingles.unit = flags.char_ngrams ? ShingleUnit::kChar : ShingleUnit::kWord;
  config->shingles.size = flags.ngram > 0 ? flags.ngram : (flags.char_ngrams ? 24 : 5);
  return Status::OK();
}

int RunMinHash(const DedupFlags& flags, const MinHashFlags& minhash_flags) {
  DedupMethod method;
  method.config.method = FingerprintMethod::kMinHash;
  Status status = ConfigureDedup(flags, &method.config, &method.index);
  if (status.ok()) status = ConfigureMinHash(minhash_flags, &method.config);
  if (!status.ok()) return ReportError(status);
  method.verify = minhash_flags.verify;
  method.verify_threshold = minhash_flags.threshold > 0 ? minhash_flags.threshold : 0.8;
  const FingerprintConfig& config = method.config;
  DedupReport report;
  report.method = "minhash";
  AddKeySettings(config, &report);
  report.settings.emplace_back(
      "shingles", std::to_string(config.shingles.size) +
                      (config.shingles.unit == ShingleUnit::kChar ? " characters" : " words"));
  report.settings.emplace_back("bands_x_rows", std::to_string(config.minhash.bands) + " x " +
                                                   std::to_string(config.minhash.rows));
  report.settings.emplace_back("seed", std::to_string(config.minhash.seed));
  if (method.verify) {
    report.settings.emplace_back("verify_jaccard", fmt::format("{:.2f}", method.verify_threshold));
  }
  report.s_curve = SCurveTable(config.minhash.bands, config.minhash.rows);
  return RunMethod(flags, method, report);
}

void AddMergeCommand(CLI::App* dedup, CommandRun* run) {
  auto flags = std::make_shared<DedupMergeFlags>();
  CLI::App* merge = dedup->add_subcommand(
      "merge", "Stage 2 of a sharded run: cluster every shard's signatures, write decisions");
  merge->add_option("dir", flags->dir, "Folder with the shards' signatures-*.bin files")
      ->required();
  merge->add_option("--clusters", flags->clusters_path, "Write every cluster as JSONL");
  merge->add_option("--report", flags->report_path, "Write the report (.json or .html)");
  merge->add_option("--memory", flags->memory, "Memory before spilling")->capture_default_str();
  merge->add_option("--tmp-dir", flags->tmp_dir, "Where spill files go (default $TMPDIR)");
  merge->add_flag("-q,--quiet", flags->quiet, "No report on stderr");
  merge->callback([run, flags] {
    *run = [flags] {
      Status status = RunDedupMerge(*flags);
      return status.ok() ? kExitOk : ReportError(status);
    };
  });
}

void AddApplyCommand(CLI::App* dedup, CommandRun* run) {
  auto flags = std::make_shared<DedupApplyFlags>();
  CLI::App* apply = dedup->add_subcommand(
      "apply", "Stage 3 of a sharded run: drop (or mark) one shard's duplicates");
  AddInputFlags(apply, &flags->input);
  AddOutputFlags(apply, &flags->output, false);
  apply->add_option("--signatures", flags->dir, "Folder the merge wrote decisions-*.bin into")
      ->required();
  apply->add_flag("--annotate", flags->annotate,
                  "Keep every record and add cluster_id, cluster_size and duplicate_of");
  apply->callback([run, flags] {
    *run = [flags] {
      Status status = RunDedupApply(*flags);
      return status.ok() ? kExitOk : ReportError(status);
    };
  });
}

}  // namespace

void AddDedupCommand(CLI::App& app, CommandRun* run) {
  CLI::App* dedup = app.add_subcommand(
      "dedup", "Remove or mark duplicate records: exact, MinHash-LSH near duplicates, semantic");
  dedup->require_subcommand(1);

  auto exact_flags = std::make_shared<DedupFlags>();
  CLI::App* exact = dedup->add_subcommand(
      "exact", "Exact duplicates of a normalised key (a field, a conversation part, or several)");
  AddDedupFlags(exact, exact_flags.get(), "simple");
  exact->callback([run, exact_flags] { *run = [exact_flags] { return RunExact(*exact_flags); }; });

  auto minhash_flags = std::make_shared<DedupFlags>();
  auto minhash_options = std::make_shared<MinHashFlags>();
  CLI::App* minhash = dedup->add_subcommand(
      "minhash", "Near duplicates by MinHash-LSH (datatrove/FineWeb defaults: word 5-grams, 14x8)");
  AddDedupFlags(minhash, minhash_flags.get(), "minhash");
  AddMinHashFlags(minhash, minhash_options.get());
  minhash->callback([run, minhash_flags, minhash_options] {
    *run = [minhash_flags, minhash_options] {
      return RunMinHash(*minhash_flags, *minhash_options);
    };
  });
  auto semantic_flags = std::make_shared<DedupFlags>();
  auto semantic_options = std::make_shared<SemanticFlags>();
  CLI::App* semantic = dedup->add_subcommand(
      "semantic",
      "Semantic near duplicates by embeddings, k-means and SemDeDup; topic-wise selection");
  AddDedupFlags(semantic, semantic_flags.get(), "raw (not used: the embedder sees the text)");
  AddSemanticFlags(semantic, semantic_options.get());
  semantic->callback([run, semantic_flags, semantic_options] {
    *run = [semantic_flags, semantic_options] {
      Status status = RunSemanticDedupCommand(*semantic_flags, *semantic_options);
      return status.ok() ? kExitOk : ReportError(status);
    };
  });
  AddMergeCommand(dedup, run);
  AddApplyCommand(dedup, run);
}

}  // namespace winnow::cli
