#include "winnow/cli/dedup_run.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "winnow/cli/io_options.h"
#include "winnow/dedup/dedup_apply_step.h"
#include "winnow/dedup/dedup_decisions.h"
#include "winnow/dedup/dedup_plan.h"
#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/dedup/fingerprint_step.h"
#include "winnow/dedup/jaccard_verifier.h"
#include "winnow/dedup/semantic_decisions.h"
#include "winnow/dedup/shard_files.h"
#include "winnow/dedup/shard_merge.h"
#include "winnow/embed/embedder_factory.h"

namespace winnow::cli {
namespace {

constexpr size_t kLargestSamples = 5;
constexpr size_t kRandomSamples = 5;

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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

// Pass 1: fingerprints every record of the input (or shard) into `sink`.
Result<RunResult> Fingerprint(const DedupFlags& flags, const DedupMethod& method,
                              FingerprintSink& sink) {
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "dedup: fingerprints"));
  const FingerprintSetup& setup = method.setup;
  FingerprintCollector collector(setup.fingerprinter->keys_per_record(), sink);
  FingerprintStep step(std::string(method.config.step_name()), setup.key, setup.keep,
                       RecordIdentity(setup.id_field), *setup.fingerprinter, collector);
  // Bad records (with --on-error skip) are reported by the final pass, not twice.
  WINNOW_ASSIGN_OR_RETURN(auto result,
                          RunLinear(*input.reader, {&step}, nullptr, nullptr, input.run_options));
  WINNOW_RETURN_IF_ERROR(collector.Finish());
  if (const uint64_t ignored = step.counters().Get(kPartIgnoredCounter);
      ignored > 0 && !flags.input.quiet) {
    std::fprintf(stderr,
                 "winnow: warning: --part %s applies to message lists; %llu records have another "
                 "kind of key field and were compared whole\n",
                 flags.part.c_str(), static_cast<unsigned long long>(ignored));
  }
  return result;
}

// Clusters the indexed records: every LSH match, or with a verifier only the pairs whose exact
// Jaccard similarity passes (reading the input once more for their shingle sets).
Status Cluster(const DedupFlags* flags, const DedupMethod* method, bool rows_are_records,
               IndexingSink& sink, UnionFind* sets, DedupReport* report) {
  const bool verify = method && method->verify;
  CandidatePairs pairs;
  // With a check, each member of a band group is paired with up to kVerifyWindow members before
  // it (not only the first), so two true duplicates in a group with an unrelated first member
  // still meet. The matches of one group arrive together, sharing `first`.
  constexpr size_t kVerifyWindow = 16;
  std::vector<uint32_t> group;
  WINNOW_RETURN_IF_ERROR(
      sink.index().ForEachMatch([&](uint32_t first, uint32_t previous, uint32_t current) {
        (void)previous;
        if (!verify) {
          sets->Union(first, current);
          return;
        }
        if (group.empty() || group.front() != first) group.assign(1, first);
        const size_t from = group.size() > kVerifyWindow ? group.size() - kVerifyWindow : 0;
        for (size_t i = from; i < group.size(); ++i) pairs.Add(group[i], current);
        group.push_back(current);
      }));
  if (!verify) return Status::OK();
  pairs.Finish(sink.docs().size());
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags->input, "dedup: verify"));
  ShingleSetStep step(method->setup.key, *method->setup.minhash, pairs, rows_are_records);
  auto result = RunLinear(*input.reader, {&step}, nullptr, nullptr, input.run_options);
  if (!result) return result.error();
  report->verify = MergeVerifiedPairs(pairs, step.TakeSets(), method->verify_threshold, sets);
  return Status::OK();
}

// Last pass: writes the kept records (or all, annotated) and the rejects; fills the report.
Status Apply(const InputFlags& input_flags, const OutputFlags& output, bool annotate,
             const std::string& step_name, const DedupDecisions& decisions, const DedupKey* key,
             std::vector<ClusterSample> samples, DedupReport* report) {
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(input_flags, "dedup: write"));
  DedupApplyOptions options;
  options.annotate = annotate;
  // Dropping needs no fields: records are copied as they are, only sample records get parsed.
  // With --on-error skip every record is still checked, so bad ones are skipped as in pass 1.
  if (!annotate) {
    input.run_options.parse =
        input.run_options.on_error == OnError::kSkip ? ParseMode::kValidate : ParseMode::kNone;
  }
  const size_t largest = std::min(kLargestSamples, samples.size());
  DedupApplyStep step(step_name, decisions, key, options, std::move(samples));
  WINNOW_ASSIGN_OR_RETURN(auto result, RunToOutput(input, output, {&step}));
  report->samples = step.TakeSamples();
  report->largest_samples = largest;
  report->input_bytes = result.bytes_read;
  return Status::OK();
}

Status WriteReports(bool quiet, const std::string& report_path, const DedupReport& report) {
  if (!quiet) {
    const std::string text = DedupReportText(report);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  if (report_path.empty()) return Status::OK();
  auto fs = NewLocalFileSystem();
  const bool html = report_path.ends_with(".html") || report_path.ends_with(".htm");
  return WriteWholeFile(*fs, report_path, html ? DedupReportHtml(report) : DedupReportJson(report));
}

Status WriteClusters(const std::string& path, const DedupPlan& plan, const DocTable& docs) {
  if (path.empty()) return Status::OK();
  auto fs = NewLocalFileSystem();
  return WriteWholeFile(*fs, path, ClustersJsonl(plan, docs));
}

// Stage 1 of a sharded run: this shard's fingerprints to DIR/signatures-i-of-N.bin.
Status WriteSignatures(const DedupFlags& flags, const DedupMethod& method) {
  ShardSpec shard;
  if (!flags.input.shard.empty()) {
    WINNOW_ASSIGN_OR_RETURN(shard, ParseShardSpec(flags.input.shard));
  }
  auto fs = NewLocalFileSystem();
  ShardFileHeader header;
  header.settings = method.config.Settings();
  header.keys_per_record = static_cast<uint32_t>(method.setup.fingerprinter->keys_per_record());
  header.shard = shard.index;
  header.shard_count = shard.count;
  std::error_code ignored;
  std::filesystem::create_directories(flags.signatures_dir, ignored);
  const std::string path = SignatureFileName(flags.signatures_dir, shard.index, shard.count);
  WINNOW_ASSIGN_OR_RETURN(auto writer, SignatureFileWriter::Create(*fs, path, header));
  WINNOW_ASSIGN_OR_RETURN(auto result, Fingerprint(flags, method, *writer));
  WINNOW_RETURN_IF_ERROR(writer->Commit());
  if (!flags.input.quiet) {
    std::fprintf(stderr, "winnow: fingerprinted %llu records of shard %u/%u into %s\n",
                 static_cast<unsigned long long>(result.records_read), shard.index, shard.count,
                 path.c_str());
  }
  return Status::OK();
}

}  // namespace

Status ConfigureDedup(const DedupFlags& flags, FingerprintConfig* config, BandIndexOptions* index) {
  config->key.fields = flags.fields;
  config->key.role_prefix = flags.role_prefix;
  config->key.normalization = FingerprintConfig::DefaultNormalization(config->method);
  if (!flags.normalize.empty()) {
    WINNOW_ASSIGN_OR_RETURN(config->key.normalization, ParseTextNormalization(flags.normalize));
  }
  config->part = flags.part;
  config->keep = flags.keep;
  config->id_field = flags.id_field;
  WINNOW_ASSIGN_OR_RETURN(index->memory_budget_bytes, ParseByteSize(flags.memory));
  index->temp_dir = flags.tmp_dir;
  return Status::OK();
}

Status RunFingerprintDedup(const DedupFlags& flags, const DedupMethod& method,
                           DedupReport* report) {
  WINNOW_RETURN_IF_ERROR(RejectStdin(flags.input));
  if (!flags.signatures_dir.empty()) {
    if (method.verify) {
      return Status::InvalidArgument("--verify needs the texts, so it runs on one machine only");
    }
    return WriteSignatures(flags, method);
  }
  const auto start = Clock::now();
  BandIndexOptions index = method.index;
  index.bands = method.setup.fingerprinter->keys_per_record();
  IndexingSink sink(index);
  auto fingerprinted = Fingerprint(flags, method, sink);
  if (!fingerprinted) return fingerprinted.error();
  UnionFind sets(sink.docs().size());
  // Unreadable records skipped by the first pass would shift input rows against record numbers.
  const bool rows_are_records = fingerprinted->bad_records == 0;
  WINNOW_RETURN_IF_ERROR(Cluster(&flags, &method, rows_are_records, sink, &sets, report));
  const DedupPlan plan = BuildDedupPlan(sets, sink.docs());
  WINNOW_RETURN_IF_ERROR(WriteClusters(flags.clusters_path, plan, sink.docs()));
  AddPlanToReport(plan, report);
  report->without_fingerprint = sink.records_without_fingerprint();
  report->annotate = flags.annotate;
  const PlanDecisions decisions(plan, sink.docs());
  WINNOW_RETURN_IF_ERROR(
      Apply(flags.input, flags.output, flags.annotate, std::string(method.config.step_name()),
            decisions, &method.setup.key,
            PickSampleClusters(plan, kLargestSamples, kRandomSamples, flags.seed), report));
  report->seconds = SecondsSince(start);
  return WriteReports(flags.input.quiet, flags.report_path, *report);
}

// The shared dedup flags that mean nothing to semantic dedup are errors, not silently ignored.
Status CheckSemanticFlags(const DedupFlags& flags) {
  struct Unused {
    bool given;
    const char* flag;
    const char* why;
  };
  const Unused unused[] = {
      {flags.keep != "first", "--keep", "SemDeDup's --ranking decides which record stays"},
      {!flags.normalize.empty(), "--normalize", "the embedder sees the text as it is"},
      {!flags.signatures_dir.empty(), "--signatures", "semantic dedup runs on one machine"},
      {!flags.clusters_path.empty(), "--clusters", "use --annotate: cluster_id is the topic"},
  };
  for (const Unused& item : unused) {
    if (item.given) {
      return Status::InvalidArgument(std::string(item.flag) +
                                     " does not apply to dedup semantic: " + item.why);
    }
  }
  return Status::OK();
}

Status RunSemanticDedupCommand(const DedupFlags& flags, const SemanticFlags& semantic) {
  const auto start = Clock::now();
  WINNOW_RETURN_IF_ERROR(CheckSemanticFlags(flags));
  WINNOW_RETURN_IF_ERROR(RejectStdin(flags.input));
  DedupKeyOptions key_options;
  key_options.fields = flags.fields;
  key_options.role_prefix = flags.role_prefix;
  key_options.normalization = TextNormalization::kRaw;
  WINNOW_ASSIGN_OR_RETURN(key_options.part, ParseConversationPart(flags.part));
  WINNOW_ASSIGN_OR_RETURN(DedupKey key, DedupKey::Create(key_options));
  std::optional<FieldPath> id_field;
  if (!flags.id_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(auto path, FieldPath::Parse(flags.id_field));
    id_field = std::move(path);
  }
  EmbedderOptions embedder_options;
  embedder_options.kind = semantic.embedder;
  embedder_options.dimension = semantic.dimensions;
  embedder_options.url = semantic.url;
  embedder_options.model = semantic.model;
  embedder_options.api_key_env = semantic.api_key_env;
  embedder_options.batch_size = semantic.batch_size;
  embedder_options.concurrency = semantic.concurrency;
  embedder_options.timeout_seconds = semantic.timeout;
  embedder_options.max_attempts = semantic.attempts;
  embedder_options.cache_path = semantic.cache_path;
  WINNOW_ASSIGN_OR_RETURN(auto embedder, CreateEmbedder(embedder_options));
  SemanticDedupOptions options;
  options.kmeans.clusters = semantic.topics;
  options.kmeans.max_iterations = semantic.iterations;
  options.kmeans.seed = semantic.seed;
  options.ranking_seed = semantic.seed;
  options.eps = semantic.eps;
  const auto ranking = ParseSemanticRanking(semantic.ranking);
  if (!ranking) return Status::InvalidArgument("unknown ranking \"" + semantic.ranking + "\"");
  options.ranking = *ranking;
  options.keep_per_cluster = semantic.keep_per_cluster;

  EmbeddingCollector embeddings;
  {
    WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "dedup: embeddings"));
    EmbedStep step(key, RecordIdentity(id_field), *embedder, embeddings);
    auto result = RunLinear(*input.reader, {&step}, nullptr, nullptr, input.run_options);
    if (!result) return result.error();
    WINNOW_RETURN_IF_ERROR(embeddings.Finish());
  }
  SemanticDedupResult result;
  if (embeddings.rows() > 0) {
    WINNOW_ASSIGN_OR_RETURN(result, RunSemanticDedup(embeddings.vectors(), embeddings.rows(),
                                                     embeddings.dimension(), options));
  }
  const SemanticDecisions decisions(embeddings, result, options);
  DedupReport report;
  report.method = "semantic";
  report.settings = {{"field", flags.fields.front()},
                     {"embedder", std::string(embedder->name())},
                     {"topics", std::to_string(semantic.topics)},
                     {"eps", fmt::format("{}", semantic.eps)},
                     {"ranking", semantic.ranking}};
  if (semantic.keep_per_cluster > 0) {
    report.settings.emplace_back("keep_per_cluster", std::to_string(semantic.keep_per_cluster));
  }
  report.records = decisions.record_count();
  report.without_fingerprint = embeddings.without_vector();
  report.removed = decisions.near_duplicates() + decisions.not_representative();
  report.annotate = flags.annotate;
  AddClusterSizesToReport(
      std::vector<uint64_t>(result.topic_sizes.begin(), result.topic_sizes.end()), &report);
  report.settings.emplace_back("near_duplicates", std::to_string(decisions.near_duplicates()));
  if (semantic.keep_per_cluster > 0) {
    report.settings.emplace_back("not_representative",
                                 std::to_string(decisions.not_representative()));
  }
  WINNOW_RETURN_IF_ERROR(Apply(flags.input, flags.output, flags.annotate, "dedup_semantic",
                               decisions, &key, {}, &report));
  report.seconds = SecondsSince(start);
  return WriteReports(flags.input.quiet, flags.report_path, report);
}

Status RunDedupMerge(const DedupMergeFlags& flags) {
  const auto start = Clock::now();
  auto fs = NewLocalFileSystem();
  BandIndexOptions index;
  WINNOW_ASSIGN_OR_RETURN(index.memory_budget_bytes, ParseByteSize(flags.memory));
  index.temp_dir = flags.tmp_dir;
  WINNOW_ASSIGN_OR_RETURN(ShardMerge merge, MergeShardSignatures(*fs, flags.dir, index));
  const DocTable& docs = merge.sink->docs();
  WINNOW_RETURN_IF_ERROR(WriteClusters(flags.clusters_path, merge.plan, docs));
  DedupReport report;
  report.method = "merge of " + std::to_string(merge.header.shard_count) + " shards";
  report.settings.emplace_back("settings", merge.header.settings);
  AddPlanToReport(merge.plan, &report);
  report.without_fingerprint = merge.sink->records_without_fingerprint();
  report.seconds = SecondsSince(start);
  return WriteReports(flags.quiet, flags.report_path, report);
}

Status RunDedupApply(const DedupApplyFlags& flags) {
  ShardSpec shard;
  if (!flags.input.shard.empty()) {
    WINNOW_ASSIGN_OR_RETURN(shard, ParseShardSpec(flags.input.shard));
  }
  auto fs = NewLocalFileSystem();
  WINNOW_ASSIGN_OR_RETURN(
      auto decisions,
      ShardDecisions::Read(*fs, DecisionsFileName(flags.dir, shard.index, shard.count)));
  DedupReport report;
  WINNOW_RETURN_IF_ERROR(
      Apply(flags.input, flags.output, flags.annotate, "dedup", *decisions, nullptr, {}, &report));
  return Status::OK();
}

}  // namespace winnow::cli
