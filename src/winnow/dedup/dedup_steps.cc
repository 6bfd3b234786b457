#include "winnow/dedup/dedup_steps.h"

#include <filesystem>
#include <memory>
#include <string>

#include "winnow/dedup/decontamination.h"
#include "winnow/dedup/dedup_apply_step.h"
#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/dedup/fingerprint_config.h"
#include "winnow/dedup/fingerprint_step.h"
#include "winnow/dedup/shard_files.h"
#include "winnow/io/input_set.h"

namespace winnow {
namespace {

Result<ShardSpec> ShardOption(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string shard, options.GetString("shard", ""));
  if (shard.empty()) return ShardSpec{};
  return ParseShardSpec(shard);
}

// Stage 1: fingerprints pass through to a signature file, written when the stream ends.
class SignatureStep final : public Step {
 public:
  static Result<std::unique_ptr<Step>> Create(StepOptions& options);

  std::string_view name() const override { return "dedup_signatures"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override { return inner_->Process(batch, ctx); }
  Status Finish(Batch& out, StepContext& ctx) override {
    (void)out;
    (void)ctx;
    WINNOW_RETURN_IF_ERROR(collector_->Finish());
    return writer_->Commit();
  }

 private:
  std::unique_ptr<FileSystem> fs_;
  FingerprintSetup setup_;
  std::unique_ptr<SignatureFileWriter> writer_;
  std::unique_ptr<FingerprintCollector> collector_;
  std::unique_ptr<FingerprintStep> inner_;
};

Result<std::unique_ptr<Step>> SignatureStep::Create(StepOptions& options) {
  FingerprintConfig config;
  WINNOW_ASSIGN_OR_RETURN(std::string method, options.GetString("method", "minhash"));
  if (method != "minhash" && method != "exact") {
    return tl::unexpected(Status::InvalidArgument(
        "step 'dedup_signatures': method must be minhash or exact, not \"" + method + "\""));
  }
  config.method = method == "exact" ? FingerprintMethod::kExact : FingerprintMethod::kMinHash;
  WINNOW_ASSIGN_OR_RETURN(std::string fields, options.GetString("field", "text"));
  config.key.fields = SplitCommaList(fields);
  WINNOW_ASSIGN_OR_RETURN(config.part, options.GetString("part", "all"));
  WINNOW_ASSIGN_OR_RETURN(config.key.role_prefix, options.GetBool("role_prefix", false));
  WINNOW_ASSIGN_OR_RETURN(
      std::string normalize,
      options.GetString("normalize", std::string(TextNormalizationName(
                                         FingerprintConfig::DefaultNormalization(config.method)))));
  WINNOW_ASSIGN_OR_RETURN(config.key.normalization, ParseTextNormalization(normalize));
  WINNOW_ASSIGN_OR_RETURN(config.keep, options.GetString("keep", "first"));
  WINNOW_ASSIGN_OR_RETURN(config.id_field, options.GetString("id_field", "id"));
  WINNOW_ASSIGN_OR_RETURN(bool char_ngrams, options.GetBool("char_ngrams", false));
  config.shingles.unit = char_ngrams ? ShingleUnit::kChar : ShingleUnit::kWord;
  WINNOW_ASSIGN_OR_RETURN(int64_t ngram, options.GetInt("ngram", char_ngrams ? 24 : 5));
  WINNOW_ASSIGN_OR_RETURN(int64_t bands, options.GetInt("bands", 14));
  WINNOW_ASSIGN_OR_RETURN(int64_t rows, options.GetInt("rows", 8));
  WINNOW_ASSIGN_OR_RETURN(int64_t seed, options.GetInt("seed", 1));
  if (ngram < 1 || bands < 1 || rows < 1 || seed < 0) {
    return tl::unexpected(Status::InvalidArgument(
        "step 'dedup_signatures': ngram, bands and rows must be >= 1 and seed >= 0"));
  }
  config.shingles.size = static_cast<size_t>(ngram);
  config.minhash.bands = static_cast<size_t>(bands);
  config.minhash.rows = static_cast<size_t>(rows);
  config.minhash.seed = static_cast<uint32_t>(seed);
  WINNOW_ASSIGN_OR_RETURN(std::string dir, options.GetString("dir", ""));
  if (dir.empty()) {
    return tl::unexpected(
        Status::InvalidArgument("step 'dedup_signatures': dir (the signature folder) is required"));
  }
  WINNOW_ASSIGN_OR_RETURN(ShardSpec shard, ShardOption(options));

  std::error_code ignored;
  std::filesystem::create_directories(dir, ignored);
  auto step = std::unique_ptr<SignatureStep>(new SignatureStep());
  WINNOW_ASSIGN_OR_RETURN(step->setup_, SetUpFingerprints(config));
  step->fs_ = NewLocalFileSystem();
  ShardFileHeader header;
  header.settings = config.Settings();
  header.keys_per_record = static_cast<uint32_t>(step->setup_.fingerprinter->keys_per_record());
  header.shard = shard.index;
  header.shard_count = shard.count;
  WINNOW_ASSIGN_OR_RETURN(
      step->writer_, SignatureFileWriter::Create(
                         *step->fs_, SignatureFileName(dir, shard.index, shard.count), header));
  step->collector_ = std::make_unique<FingerprintCollector>(header.keys_per_record, *step->writer_);
  step->inner_ = std::make_unique<FingerprintStep>(
      std::string(config.step_name()), step->setup_.key, step->setup_.keep,
      RecordIdentity(step->setup_.id_field), *step->setup_.fingerprinter, *step->collector_);
  return std::unique_ptr<Step>(std::move(step));
}

// Stage 3: this shard's decisions, read when the step is made.
class ShardApplyStep final : public Step {
 public:
  static Result<std::unique_ptr<Step>> Create(StepOptions& options);

  std::string_view name() const override { return "dedup_apply"; }
  Status Process(Batch& batch, StepContext& ctx) override { return inner_->Process(batch, ctx); }
  Status Finish(Batch& out, StepContext& ctx) override { return inner_->Finish(out, ctx); }

 private:
  std::unique_ptr<ShardDecisions> decisions_;
  std::unique_ptr<DedupApplyStep> inner_;
};

Result<std::unique_ptr<Step>> ShardApplyStep::Create(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string dir, options.GetString("dir", ""));
  if (dir.empty()) {
    return tl::unexpected(
        Status::InvalidArgument("step 'dedup_apply': dir (the signature folder) is required"));
  }
  WINNOW_ASSIGN_OR_RETURN(ShardSpec shard, ShardOption(options));
  DedupApplyOptions apply;
  WINNOW_ASSIGN_OR_RETURN(apply.annotate, options.GetBool("annotate", false));
  auto fs = NewLocalFileSystem();
  auto step = std::unique_ptr<ShardApplyStep>(new ShardApplyStep());
  WINNOW_ASSIGN_OR_RETURN(
      step->decisions_,
      ShardDecisions::Read(*fs, DecisionsFileName(dir, shard.index, shard.count)));
  step->inner_ = std::make_unique<DedupApplyStep>("dedup_apply", *step->decisions_, nullptr, apply);
  return std::unique_ptr<Step>(std::move(step));
}

Result<std::unique_ptr<Step>> CreateDecontaminateStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string against, options.GetString("against", ""));
  const std::vector<std::string> files = SplitCommaList(against);
  if (files.empty()) {
    return tl::unexpected(
        Status::InvalidArgument("step 'decontaminate': against (eval files) is required"));
  }
  WINNOW_ASSIGN_OR_RETURN(std::string fields, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(std::string eval_fields, options.GetString("eval_field", fields));
  WINNOW_ASSIGN_OR_RETURN(std::string eval_id, options.GetString("eval_id_field", "id"));
  WINNOW_ASSIGN_OR_RETURN(std::string part, options.GetString("part", "all"));
  WINNOW_ASSIGN_OR_RETURN(std::string normalize, options.GetString("normalize", "minhash"));
  WINNOW_ASSIGN_OR_RETURN(int64_t ngram, options.GetInt("ngram", 13));
  WINNOW_ASSIGN_OR_RETURN(int64_t min_matches, options.GetInt("min_matches", 1));
  DecontaminateOptions decontaminate;
  WINNOW_ASSIGN_OR_RETURN(decontaminate.annotate, options.GetBool("annotate", false));
  if (ngram < 1 || min_matches < 1) {
    return tl::unexpected(
        Status::InvalidArgument("step 'decontaminate': ngram and min_matches must be >= 1"));
  }
  decontaminate.min_matches = static_cast<size_t>(min_matches);
  DedupKeyOptions key;
  WINNOW_ASSIGN_OR_RETURN(key.normalization, ParseTextNormalization(normalize));
  WINNOW_ASSIGN_OR_RETURN(key.part, ParseConversationPart(part));
  key.fields = SplitCommaList(eval_fields);
  WINNOW_ASSIGN_OR_RETURN(DedupKey eval_key, DedupKey::Create(key));
  key.fields = SplitCommaList(fields);
  WINNOW_ASSIGN_OR_RETURN(DedupKey train_key, DedupKey::Create(key));
  std::optional<FieldPath> id_field;
  if (!eval_id.empty()) {
    WINNOW_ASSIGN_OR_RETURN(auto path, FieldPath::Parse(eval_id));
    id_field = std::move(path);
  }
  auto index = std::make_unique<EvalIndex>(static_cast<size_t>(ngram), key.normalization);
  auto fs = NewLocalFileSystem();
  WINNOW_RETURN_IF_ERROR(BuildEvalIndex(*fs, files, eval_key, id_field, index.get()));
  return std::unique_ptr<Step>(
      new DecontaminateStep(std::move(train_key), std::move(index), decontaminate));
}

}  // namespace

void AppendDedupSteps(std::vector<StepSpec>* steps) {
  steps->push_back(
      {"dedup_signatures",
       "Dedup stage 1: fingerprint this shard's records (exact or MinHash) into a signature "
       "folder; records pass through. Then `winnow dedup merge DIR`, then dedup_apply.",
       "dir (path): the signature folder (required)\n"
       "shard (i/N, 0/1): which shard this run reads\n"
       "method (minhash|exact, minhash)\n"
       "field (paths, text): key field(s), comma-separated\n"
       "part (all|prompt|response, all): for conversations\n"
       "role_prefix (bool, false)\n"
       "normalize (raw|simple|minhash): default simple for exact, minhash for MinHash\n"
       "keep (policy, first): first, longest, shortest, max:F, min:F, priority:F=a,b\n"
       "id_field (path, id)\n"
       "ngram (int, 5 words / 24 characters), char_ngrams (bool, false)\n"
       "bands (int, 14), rows (int, 8), seed (int, 1): MinHash (datatrove's defaults)",
       "- step: dedup_signatures\n  dir: dedup/sig\n  shard: 0/8", SignatureStep::Create});
  steps->push_back({"dedup_apply",
                    "Dedup stage 3: drop (or mark) this shard's duplicates from the decisions "
                    "`winnow dedup merge` wrote",
                    "dir (path): the signature folder (required)\n"
                    "shard (i/N, 0/1): the shard, as in stage 1\n"
                    "annotate (bool, false): keep all; add cluster_id, cluster_size, duplicate_of",
                    "- step: dedup_apply\n  dir: dedup/sig\n  shard: 0/8", ShardApplyStep::Create});
  steps->push_back(
      {"decontaminate",
       "Drop (or mark) records sharing a word n-gram with evaluation sets, naming the eval item",
       "against (paths): eval files, comma-separated (required)\n"
       "field (paths, text): training text field(s)\n"
       "eval_field (paths, = field): eval text field(s)\n"
       "eval_id_field (path, id)\n"
       "part (all|prompt|response, all)\n"
       "ngram (int, 13), min_matches (int, 1)\n"
       "normalize (raw|simple|minhash, minhash)\n"
       "annotate (bool, false): keep all and add a contamination column",
       "- step: decontaminate\n  against: evals/gsm8k_test.jsonl,evals/mmlu.jsonl\n"
       "  eval_field: question",
       CreateDecontaminateStep});
}

}  // namespace winnow
