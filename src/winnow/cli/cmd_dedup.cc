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

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& field : fields) out += (out.empty() ? "" : ",") + field;
  return out;
}

// The settings every fingerprint depends on, in a fixed order: shards must agree on them.
std::string KeySettings(const DedupFlags& flags, const DedupSetup& setup) {
  return fmt::format("field={} part={} role_prefix={} normalize={} keep={} id_field={}",
                     JoinFields(flags.fields), flags.part, flags.role_prefix ? 1 : 0,
                     TextNormalizationName(setup.key.normalization()), setup.keep.spec(),
                     flags.id_field);
}

void AddKeySettings(const DedupFlags& flags, const DedupSetup& setup, DedupReport* report) {
  report->settings.emplace_back("field", JoinFields(flags.fields));
  if (flags.part != "all") report->settings.emplace_back("part", flags.part);
  report->settings.emplace_back("normalize",
                                std::string(TextNormalizationName(setup.key.normalization())));
  report->settings.emplace_back("keep", setup.keep.spec());
}

int RunExact(const DedupFlags& flags) {
  auto normalization = ParseTextNormalization(flags.normalize.empty() ? "simple" : flags.normalize);
  if (!normalization) return ReportError(normalization.error());
  auto setup = SetUpDedup(flags, *normalization);
  if (!setup) return ReportError(setup.error());
  ExactFingerprinter fingerprinter(*normalization);
  DedupMethod method;
  method.step_name = "dedup_exact";
  method.settings = "exact " + KeySettings(flags, *setup);
  method.fingerprinter = &fingerprinter;
  DedupReport report;
  report.method = "exact";
  AddKeySettings(flags, *setup, &report);
  Status status = RunFingerprintDedup(flags, *setup, method, &report);
  return status.ok() ? kExitOk : ReportError(status);
}

Result<MinHashOptions> MinHashOptionsFrom(const MinHashFlags& flags) {
  MinHashOptions options;
  options.seed = flags.seed;
  if (flags.bands > 0 || flags.rows > 0) {
    if (flags.bands == 0 || flags.rows == 0) {
      return tl::unexpected(Status::InvalidArgument("--bands and --rows go together"));
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
    return tl::unexpected(Status::InvalidArgument(
        "--num-perm needs --threshold (to derive bands x rows) or --bands/--rows"));
  }
  WINNOW_RETURN_IF_ERROR(ValidateMinHashOptions(options));
  return options;
}

int RunMinHash(const DedupFlags& flags, const MinHashFlags& minhash_flags) {
  auto normalization =
      ParseTextNormalization(flags.normalize.empty() ? "minhash" : flags.normalize);
  if (!normalization) return ReportError(normalization.error());
  auto setup = SetUpDedup(flags, *normalization);
  if (!setup) return ReportError(setup.error());
  auto options = MinHashOptionsFrom(minhash_flags);
  if (!options) return ReportError(options.error());
  ShingleOptions shingles;
  shingles.unit = minhash_flags.char_ngrams ? ShingleUnit::kChar : ShingleUnit::kWord;
  shingles.size =
      minhash_flags.ngram > 0 ? minhash_flags.ngram : (minhash_flags.char_ngrams ? 24 : 5);
  MinHashFingerprinter fingerprinter(*normalization, shingles, *options);
  const std::string shingle_text =
      std::to_string(shingles.size) + (minhash_flags.char_ngrams ? " characters" : " words");
  const std::string bands_rows =
      std::to_string(options->bands) + " x " + std::to_string(options->rows);

  DedupMethod method;
  method.step_name = "dedup_minhash";
  method.settings = fmt::format("minhash {} shingles={} bands_x_rows={} seed={}",
                                KeySettings(flags, *setup), shingle_text, bands_rows,
                                options->seed);
  method.fingerprinter = &fingerprinter;
  method.verifier = minhash_flags.verify ? &fingerprinter : nullptr;
  method.verify_threshold = minhash_flags.threshold > 0 ? minhash_flags.threshold : 0.8;

  DedupReport report;
  report.method = "minhash";
  AddKeySettings(flags, *setup, &report);
  report.settings.emplace_back("shingles", shingle_text);
  report.settings.emplace_back("bands_x_rows", bands_rows);
  report.settings.emplace_back("seed", std::to_string(options->seed));
  if (method.verifier) {
    report.settings.emplace_back("verify_jaccard", fmt::format("{:.2f}", method.verify_threshold));
  }
  report.s_curve = SCurveTable(options->bands, options->rows);
  Status status = RunFingerprintDedup(flags, *setup, method, &report);
  return status.ok() ? kExitOk : ReportError(status);
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
