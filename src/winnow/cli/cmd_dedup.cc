// winnow dedup exact|minhash: remove (or mark) duplicate records, keeping one per cluster by a
// keep policy, with a cluster report. Reads the input twice (three times with --verify): once to
// fingerprint every record, then again to write the records the plan keeps.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "winnow/cli/command.h"
#include "winnow/cli/dedup_flags.h"
#include "winnow/cli/io_options.h"
#include "winnow/dedup/dedup_apply_step.h"
#include "winnow/dedup/dedup_plan.h"
#include "winnow/dedup/dedup_report.h"
#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/dedup/fingerprint_step.h"
#include "winnow/dedup/jaccard_verifier.h"
#include "winnow/dedup/lsh_params.h"

namespace winnow::cli {
namespace {

struct DedupSetup {
  DedupKey key;
  KeepPolicy keep;
  std::optional<FieldPath> id_field;
  BandIndexOptions index;
};

Result<DedupSetup> SetUp(const DedupFlags& flags, TextNormalization normalization) {
  DedupKeyOptions key_options;
  key_options.fields = flags.fields;
  key_options.role_prefix = flags.role_prefix;
  key_options.normalization = normalization;
  WINNOW_ASSIGN_OR_RETURN(key_options.part, ParseConversationPart(flags.part));
  DedupSetup setup{};
  WINNOW_ASSIGN_OR_RETURN(setup.key, DedupKey::Create(key_options));
  WINNOW_ASSIGN_OR_RETURN(setup.keep, KeepPolicy::Parse(flags.keep));
  if (!flags.id_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(auto path, FieldPath::Parse(flags.id_field));
    setup.id_field = std::move(path);
  }
  WINNOW_ASSIGN_OR_RETURN(setup.index.memory_budget_bytes, ParseByteSize(flags.memory));
  setup.index.temp_dir = flags.tmp_dir;
  return setup;
}

Status RejectStdin(const InputFlags& input) {
  for (const auto& path : input.inputs) {
    if (path == "-") {
      return Status::InvalidArgument(
          "dedup reads its input more than once; give files, not standard input");
    }
  }
  return Status::OK();
}

// Pass 1: fingerprints every record into the collector.
Result<RunResult> Fingerprint(const DedupFlags& flags, const DedupSetup& setup,
                              const std::string& step_name, const Fingerprinter& fingerprinter,
                              FingerprintCollector* collector) {
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "dedup: fingerprints"));
  FingerprintStep step(step_name, setup.key, setup.keep, RecordIdentity(setup.id_field),
                       fingerprinter, *collector);
  // Bad records (with --on-error skip) are reported by the final pass, not twice.
  WINNOW_ASSIGN_OR_RETURN(auto result,
                          RunLinear(*input.reader, {&step}, nullptr, nullptr, input.run_options));
  WINNOW_RETURN_IF_ERROR(collector->Finish());
  return result;
}

// Optional pass: exact Jaccard of every candidate pair, merging only those above the threshold.
Result<VerifyStats> Verify(const DedupFlags& flags, const DedupSetup& setup,
                           const MinHashFingerprinter& fingerprinter, const CandidatePairs& pairs,
                           double threshold, UnionFind* sets) {
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "dedup: verify"));
  ShingleSetStep step(setup.key, fingerprinter, pairs);
  auto result = RunLinear(*input.reader, {&step}, nullptr, nullptr, input.run_options);
  if (!result) return tl::unexpected(result.error());
  return MergeVerifiedPairs(pairs, step.sets(), threshold, sets);
}

// Last pass: writes the kept records (or all, annotated) and the rejects; fills the report.
Status Apply(const DedupFlags& flags, const DedupSetup& setup, const std::string& step_name,
             const DedupPlan& plan, const DocTable& docs, DedupReport* report) {
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "dedup: write"));
  DedupApplyOptions options;
  options.annotate = flags.annotate;
  options.seed = flags.seed;
  // Dropping needs no fields: records are copied as they are, only sample records get parsed.
  if (!flags.annotate) input.run_options.parse = ParseMode::kNone;
  DedupApplyStep step(step_name, plan, docs, &setup.key, options);
  WINNOW_ASSIGN_OR_RETURN(auto result, RunToOutput(input, flags.output, {&step}));
  report->samples = step.TakeSamples();
  report->largest_samples = std::min(options.largest_clusters, report->samples.size());
  report->input_bytes = result.bytes_read;
  return Status::OK();
}

Status WriteReports(const DedupFlags& flags, const DedupReport& report) {
  if (!flags.quiet) {
    const std::string text = DedupReportText(report);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  if (flags.report_path.empty()) return Status::OK();
  auto fs = NewLocalFileSystem();
  const bool html = flags.report_path.ends_with(".html") || flags.report_path.ends_with(".htm");
  return WriteWholeFile(*fs, flags.report_path,
                        html ? DedupReportHtml(report) : DedupReportJson(report));
}

// The whole run for a fingerprinting method (exact, minhash).
Status RunFingerprintDedup(const DedupFlags& flags, const DedupSetup& setup,
                           const std::string& step_name, const Fingerprinter& fingerprinter,
                           const MinHashFingerprinter* verifier, double verify_threshold,
                           DedupReport* report) {
  const auto start = std::chrono::steady_clock::now();
  WINNOW_RETURN_IF_ERROR(RejectStdin(flags.input));
  BandIndexOptions index = setup.index;
  FingerprintCollector collector(fingerprinter.keys_per_record(), index);
  auto fingerprinted = Fingerprint(flags, setup, step_name, fingerprinter, &collector);
  if (!fingerprinted) return fingerprinted.error();
  const DocTable& docs = collector.docs();
  UnionFind sets(docs.size());
  CandidatePairs pairs;
  WINNOW_RETURN_IF_ERROR(
      collector.index().ForEachMatch([&](uint32_t first, uint32_t previous, uint32_t current) {
        if (!verifier) {
          sets.Union(first, current);
          return;
        }
        pairs.Add(first, current);
        if (previous != first) pairs.Add(previous, current);
      }));
  if (verifier) {
    pairs.Finish(docs.size());
    WINNOW_ASSIGN_OR_RETURN(report->verify,
                            Verify(flags, setup, *verifier, pairs, verify_threshold, &sets));
  }
  const DedupPlan plan = BuildDedupPlan(sets, docs);
  if (!flags.clusters_path.empty()) {
    auto fs = NewLocalFileSystem();
    WINNOW_RETURN_IF_ERROR(WriteWholeFile(*fs, flags.clusters_path, ClustersJsonl(plan, docs)));
  }
  AddPlanToReport(plan, report);
  report->without_fingerprint = collector.records_without_fingerprint();
  report->annotate = flags.annotate;
  WINNOW_RETURN_IF_ERROR(Apply(flags, setup, step_name, plan, docs, report));
  report->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return WriteReports(flags, *report);
}

void AddCommonSettings(const DedupFlags& flags, const DedupSetup& setup, DedupReport* report) {
  std::string fields;
  for (const auto& field : flags.fields) fields += (fields.empty() ? "" : ",") + field;
  report->settings.emplace_back("field", fields);
  if (flags.part != "all") report->settings.emplace_back("part", flags.part);
  report->settings.emplace_back("normalize",
                                std::string(TextNormalizationName(setup.key.normalization())));
  report->settings.emplace_back("keep", setup.keep.spec());
}

int RunExact(const DedupFlags& flags) {
  auto normalization = ParseTextNormalization(flags.normalize.empty() ? "simple" : flags.normalize);
  if (!normalization) return ReportError(normalization.error());
  auto setup = SetUp(flags, *normalization);
  if (!setup) return ReportError(setup.error());
  DedupReport report;
  report.method = "exact";
  AddCommonSettings(flags, *setup, &report);
  ExactFingerprinter fingerprinter(*normalization);
  Status status =
      RunFingerprintDedup(flags, *setup, "dedup_exact", fingerprinter, nullptr, 0, &report);
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
  auto setup = SetUp(flags, *normalization);
  if (!setup) return ReportError(setup.error());
  auto options = MinHashOptionsFrom(minhash_flags);
  if (!options) return ReportError(options.error());
  ShingleOptions shingles;
  shingles.unit = minhash_flags.char_ngrams ? ShingleUnit::kChar : ShingleUnit::kWord;
  shingles.size = minhash_flags.ngram > 0 ? minhash_flags.ngram
                                          : (minhash_flags.char_ngrams ? 24 : 5);
  MinHashFingerprinter fingerprinter(*normalization, shingles, *options);
  const double verify_threshold = minhash_flags.threshold > 0 ? minhash_flags.threshold : 0.8;
  DedupReport report;
  report.method = "minhash";
  AddCommonSettings(flags, *setup, &report);
  report.settings.emplace_back(
      "shingles", std::to_string(shingles.size) +
                      (shingles.unit == ShingleUnit::kChar ? " characters" : " words"));
  report.settings.emplace_back("bands_x_rows", std::to_string(options->bands) + " x " +
                                                   std::to_string(options->rows));
  report.settings.emplace_back("seed", std::to_string(options->seed));
  if (minhash_flags.verify) {
    report.settings.emplace_back("verify_jaccard", fmt::format("{:.2f}", verify_threshold));
  }
  report.s_curve = SCurveTable(options->bands, options->rows);
  Status status =
      RunFingerprintDedup(flags, *setup, "dedup_minhash", fingerprinter,
                          minhash_flags.verify ? &fingerprinter : nullptr, verify_threshold,
                          &report);
  return status.ok() ? kExitOk : ReportError(status);
}

}  // namespace

void AddDedupCommand(CLI::App& app, CommandRun* run) {
  CLI::App* dedup = app.add_subcommand(
      "dedup", "Remove or mark duplicate records: exact, MinHash-LSH near duplicates");
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
}

}  // namespace winnow::cli
